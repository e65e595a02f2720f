// SPDX-License-Identifier: Apache-2.0
// Golden model of one spikecore core: docs/model.md §2-§4, bit-exact with rtl/spk_core.sv.
//
// Written in the style of a Vitis HLS kernel: the datapath (core_step) uses fixed-size arrays of
// MAX_N, loops with static bounds and an early exit on n, fixed-width integer types, no heap and no
// recursion. The pragmas are where an HLS user would put them (GCC ignores them). core_create and
// the field accessors are the host-side wrapper.
#include "spk_golden.hpp"

#include "spk_fixed.hpp"

namespace spikecore::hls {

using fx::rsr;
using fx::sat16u;
using fx::sat32;
using std::int32_t;
using std::int64_t;
using std::uint16_t;
using std::uint32_t;
using std::uint64_t;
using std::uint8_t;

namespace {
constexpr uint32_t MASK24 = 0x00FFFFFFu;  // u24 fields: P22, P11ex, P11in, P_PLUS, P_MINUS
constexpr uint32_t MASK30 = 0x3FFFFFFFu;  // u30 fields: C21ex, C21in
constexpr uint32_t STDP_CTRL_ENABLE = 1u;
constexpr uint32_t STDP_CTRL_NEAREST = 2u;
constexpr uint32_t STDP_CTRL_MASK = 3u;    // the register holds bits 1:0 only
constexpr int64_t ONE_Q24 = int64_t{1} << 24;
constexpr uint16_t TRACE_ONE = 16384;      // 1.0 in Q2.14
}  // namespace

/// All state of one core (model.md §2-§3). Raw types as in the tables of §2; the unsigned
/// fields narrower than their C++ type hold only their low bits (masked on write).
struct Core {
  int n = 0;
  int weight_bits = MAX_WEIGHT_BITS;  // stored bits per weight word (model.md §2.3)
  // --- Per-neuron state (§2.1)
  int32_t v[MAX_N] = {};       // s32 Q15.16, V - E_L
  int32_t i_ex[MAX_N] = {};    // s32 Q23.8, weight LSBs
  int32_t i_in[MAX_N] = {};    // s32 Q23.8
  uint16_t r[MAX_N] = {};      // u16, refractory steps left
  uint16_t x[MAX_N] = {};      // u16 Q2.14, pre trace
  uint16_t y[MAX_N] = {};      // u16 Q2.14, post trace
  uint16_t pset[MAX_N] = {};   // u16, parameter set of the neuron, < param_sets
  // --- Parameter sets (§2.2), indexed by set
  int param_sets = 0;          // P, 1..n
  uint32_t p22[MAX_N] = {};    // u24 Q0.24
  uint32_t p11ex[MAX_N] = {};  // u24 Q0.24
  uint32_t p11in[MAX_N] = {};  // u24 Q0.24
  uint32_t c21ex[MAX_N] = {};  // u30 Q6.24, V raw per I raw
  uint32_t c21in[MAX_N] = {};  // u30 Q6.24
  int32_t drive[MAX_N] = {};   // s32 Q11.20, mV per step
  int32_t theta[MAX_N] = {};   // s32 Q15.16
  int32_t v_reset[MAX_N] = {}; // s32 Q15.16
  uint16_t n_ref[MAX_N] = {};  // u16 steps
  // --- Synapses (§2.3): word = plastic bit 15 | s15 weight; address pre*n + post
  uint16_t w[MAX_N * MAX_N] = {};
  // --- Global registers (§2.4)
  uint32_t stdp_ctrl = 0;      // bits 1:0
  uint32_t p_plus = 0;         // u24 Q0.24
  uint32_t p_minus = 0;        // u24 Q0.24
  uint16_t a_plus = 0;         // u16 Q12.4 weight LSBs
  uint16_t a_minus = 0;        // u16 Q12.4
  int16_t w_min = 0;           // s15 (model.md §2.4)
  int16_t w_max = 0;           // s15
  // --- State outside the neurons (§3)
  uint8_t s_prev[MAX_N] = {};  // spiked in the previous step
  uint32_t timesteps = 0;      // counters wrap (protocol.md §4)
  uint32_t spikes = 0;
  uint64_t sops = 0;
};

Core* core_create(int n, int weight_bits, int param_sets) {
  if (param_sets == 0) param_sets = n;
  if (n < 1 || n > MAX_N || !weight_bits_ok(weight_bits) || param_sets < 1 || param_sets > n) return nullptr;
  Core* c = new Core();  // value-initialized: every field, weight and register 0
  c->n = n;
  c->weight_bits = weight_bits;
  c->param_sets = param_sets;
  for (int k = 0; k < n; ++k) c->pset[k] = static_cast<uint16_t>(k % param_sets);
  return c;
}

int core_weight_bits(const Core* c) { return c->weight_bits; }

int core_param_sets(const Core* c) { return c->param_sets; }

namespace {
bool is_set_field(int field) { return field >= F_P22 && field <= F_NREF; }
}  // namespace

void core_destroy(Core* c) { delete c; }

int core_n(const Core* c) { return c->n; }

bool core_write_field(Core* c, int field, int neuron, uint32_t value) {
  if (neuron < 0 || neuron >= (is_set_field(field) ? c->param_sets : c->n)) return false;
  const int k = neuron;
  switch (field) {
    case F_V: c->v[k] = static_cast<int32_t>(value); return true;
    case F_IEX: c->i_ex[k] = static_cast<int32_t>(value); return true;
    case F_IIN: c->i_in[k] = static_cast<int32_t>(value); return true;
    case F_R: c->r[k] = static_cast<uint16_t>(value); return true;
    case F_X: c->x[k] = static_cast<uint16_t>(value); return true;
    case F_Y: c->y[k] = static_cast<uint16_t>(value); return true;
    case F_PSET: {
      const uint32_t set = value & 0xFFFFu;
      c->pset[k] = static_cast<uint16_t>(set < static_cast<uint32_t>(c->param_sets) ? set : c->param_sets - 1);
      return true;
    }
    case F_P22: c->p22[k] = value & MASK24; return true;
    case F_P11EX: c->p11ex[k] = value & MASK24; return true;
    case F_P11IN: c->p11in[k] = value & MASK24; return true;
    case F_C21EX: c->c21ex[k] = value & MASK30; return true;
    case F_C21IN: c->c21in[k] = value & MASK30; return true;
    case F_DRIVE: c->drive[k] = static_cast<int32_t>(value); return true;
    case F_THETA: c->theta[k] = static_cast<int32_t>(value); return true;
    case F_VRESET: c->v_reset[k] = static_cast<int32_t>(value); return true;
    case F_NREF: c->n_ref[k] = static_cast<uint16_t>(value); return true;
    default: return false;
  }
}

bool core_read_field(const Core* c, int field, int neuron, uint32_t* value) {
  if (neuron < 0 || neuron >= (is_set_field(field) ? c->param_sets : c->n)) return false;
  const int k = neuron;
  switch (field) {
    case F_V: *value = static_cast<uint32_t>(c->v[k]); return true;
    case F_IEX: *value = static_cast<uint32_t>(c->i_ex[k]); return true;
    case F_IIN: *value = static_cast<uint32_t>(c->i_in[k]); return true;
    case F_R: *value = c->r[k]; return true;
    case F_X: *value = c->x[k]; return true;
    case F_Y: *value = c->y[k]; return true;
    case F_PSET: *value = c->pset[k]; return true;
    case F_P22: *value = c->p22[k]; return true;
    case F_P11EX: *value = c->p11ex[k]; return true;
    case F_P11IN: *value = c->p11in[k]; return true;
    case F_C21EX: *value = c->c21ex[k]; return true;
    case F_C21IN: *value = c->c21in[k]; return true;
    case F_DRIVE: *value = static_cast<uint32_t>(c->drive[k]); return true;
    case F_THETA: *value = static_cast<uint32_t>(c->theta[k]); return true;
    case F_VRESET: *value = static_cast<uint32_t>(c->v_reset[k]); return true;
    case F_NREF: *value = c->n_ref[k]; return true;
    default: return false;
  }
}

bool core_write_reg(Core* c, int reg, uint32_t value) {
  switch (reg) {
    case R_STDP_CTRL: c->stdp_ctrl = value & STDP_CTRL_MASK; return true;
    case R_P_PLUS: c->p_plus = value & MASK24; return true;
    case R_P_MINUS: c->p_minus = value & MASK24; return true;
    case R_A_PLUS: c->a_plus = static_cast<uint16_t>(value); return true;
    case R_A_MINUS: c->a_minus = static_cast<uint16_t>(value); return true;
    case R_W_MIN: c->w_min = static_cast<int16_t>(fx::sext(value, 15)); return true;
    case R_W_MAX: c->w_max = static_cast<int16_t>(fx::sext(value, 15)); return true;
    default: return false;  // counters (16..23) are read-only
  }
}

bool core_read_reg(const Core* c, int reg, uint32_t* value) {
  switch (reg) {
    case R_STDP_CTRL: *value = c->stdp_ctrl; return true;
    case R_P_PLUS: *value = c->p_plus; return true;
    case R_P_MINUS: *value = c->p_minus; return true;
    case R_A_PLUS: *value = c->a_plus; return true;
    case R_A_MINUS: *value = c->a_minus; return true;
    case R_W_MIN: *value = static_cast<uint32_t>(static_cast<int32_t>(c->w_min)); return true;
    case R_W_MAX: *value = static_cast<uint32_t>(static_cast<int32_t>(c->w_max)); return true;
    // The golden model has no clock, no output FIFO and no input buffer: these read 0.
    case R_CYCLES_LO: case R_CYCLES_HI: case R_STALL_CYCLES: case R_IN_DROPPED:
      *value = 0; return true;
    case R_TIMESTEPS: *value = c->timesteps; return true;
    case R_SPIKES: *value = c->spikes; return true;
    case R_SOPS_LO: *value = static_cast<uint32_t>(c->sops); return true;
    case R_SOPS_HI: *value = static_cast<uint32_t>(c->sops >> 32); return true;
    default: return false;  // 24..26 are link counters, outside the core
  }
}

uint16_t core_read_weight(const Core* c, uint32_t addr) {
  const uint32_t nn = static_cast<uint32_t>(c->n) * static_cast<uint32_t>(c->n);
  return addr < nn ? c->w[addr] : 0;
}

namespace {

/// The word as a device with `bits` stored bits per weight keeps it (model.md §2.3): the plastic bit and
/// the low bits-1 bits of the weight, sign-extended back to s15. The identity for 16 bits.
inline uint16_t narrow_word(uint16_t word, int bits) {
  const int32_t w = fx::sext(word, bits - 1);
  return static_cast<uint16_t>((word & fx::W_PLASTIC) | (static_cast<uint32_t>(w) & fx::W_MASK));
}

/// clipw(x) = min(max(x, W_MIN), W_MAX) (model.md §2.5), stored as narrow_word does.
inline uint16_t stdp_store(int32_t updated, int32_t w_min, int32_t w_max, int bits) {
  int32_t clipped = updated < w_min ? w_min : updated;
  clipped = clipped > w_max ? w_max : clipped;
  return narrow_word(static_cast<uint16_t>(fx::W_PLASTIC | (static_cast<uint32_t>(clipped) & fx::W_MASK)), bits);
}

}  // namespace

void core_write_weight(Core* c, uint32_t addr, uint16_t word) {
  const uint32_t nn = static_cast<uint32_t>(c->n) * static_cast<uint32_t>(c->n);
  if (addr < nn) c->w[addr] = narrow_word(word, c->weight_bits);
}

void core_step(Core* c, const uint8_t* forced, uint8_t* spiked) {
  const int n = c->n;
  int32_t acc_ex[MAX_N];  // A+_k of step 3 (|sum| <= 1024 * 16384 = 2^24)
  int32_t acc_in[MAX_N];  // A-_k of step 3
  uint8_t s_now[MAX_N];   // S_t

  // ---------------------------------------------------------------------------------------------
  // Step 3 (gather): sum the weights of the spikes emitted at t-1, per channel, with the weights as
  // they are at the start of step t. Row-major over w[pre][*]: N weight words read per delivered
  // spike (the SOP count).
  // ---------------------------------------------------------------------------------------------
ACC_CLEAR:
  for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
    if (k >= n) break;
    acc_ex[k] = 0;
    acc_in[k] = 0;
  }
  uint32_t delivered = 0;
DELIVER_PRE:
  for (int j = 0; j < MAX_N; ++j) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
    if (j >= n) break;
    if (!c->s_prev[j]) continue;
    ++delivered;
    const uint16_t* row = &c->w[j * n];
  DELIVER_POST:
    for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
      if (k >= n) break;
      const int32_t wv = fx::weight_value(row[k]);
      // The sign of each weight selects its channel; w = 0 adds nothing.
      if (wv > 0) acc_ex[k] += wv;
      if (wv < 0) acc_in[k] += wv;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Steps 1-4 and 5a, one neuron per cycle.
  // ---------------------------------------------------------------------------------------------
  uint32_t n_spikes = 0;
NEURON:
  for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
    if (k >= n) break;
    int32_t v = c->v[k];
    int32_t iex = c->i_ex[k];
    int32_t iin = c->i_in[k];
    uint16_t r = c->r[k];
    const int p = c->pset[k];  // the neuron's parameter set (model.md §2.2)

    // 1. Membrane: one sum of exact products (with the currents before their decay), one rounding.
    if (r == 0) {
      const int64_t sum = static_cast<int64_t>(c->p22[p]) * v +
                          static_cast<int64_t>(c->c21ex[p]) * iex +
                          static_cast<int64_t>(c->c21in[p]) * iin +
                          static_cast<int64_t>(c->drive[p]) * (int64_t{1} << 20);  // Q11.20 mV = Q15.16 raw / 16
      v = sat32(rsr(sum, 24));
    } else {
      r = static_cast<uint16_t>(r - 1);  // V holds v_reset
    }
    // 2. Synaptic decay (|P11 * I| < 2^55; the result never leaves s32).
    iex = static_cast<int32_t>(rsr(static_cast<int64_t>(c->p11ex[p]) * iex, 24));
    iin = static_cast<int32_t>(rsr(static_cast<int64_t>(c->p11in[p]) * iin, 24));
    // 3. Arriving spikes, 256 current LSBs per weight LSB.
    iex = sat32(static_cast<int64_t>(iex) + 256 * static_cast<int64_t>(acc_ex[k]));
    iin = sat32(static_cast<int64_t>(iin) + 256 * static_cast<int64_t>(acc_in[k]));
    // 4. Threshold (or a forced spike): reset and start the refractory period.
    const bool spike = v >= c->theta[p] || forced[k] != 0;
    if (spike) {
      v = c->v_reset[p];
      r = c->n_ref[p];
      ++n_spikes;
    }
    // 5a. Trace decay, every step, whatever STDP_CTRL says.
    c->x[k] = static_cast<uint16_t>(rsr(static_cast<int64_t>(c->p_plus) * c->x[k], 24));
    c->y[k] = static_cast<uint16_t>(rsr(static_cast<int64_t>(c->p_minus) * c->y[k], 24));

    c->v[k] = v;
    c->i_ex[k] = iex;
    c->i_in[k] = iin;
    c->r[k] = r;
    s_now[k] = spike ? 1 : 0;
    spiked[k] = s_now[k];
  }

  // ---------------------------------------------------------------------------------------------
  // 5b/5c. STDP on the plastic synapses, with the traces after 5a and before 5d.
  // ---------------------------------------------------------------------------------------------
  if (c->stdp_ctrl & STDP_CTRL_ENABLE) {
    const int32_t w_min = c->w_min;
    const int32_t w_max = c->w_max;
  POTENTIATE_POST:  // 5b: column w[*][k] of each post k in S_t
    for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
      if (k >= n) break;
      if (!s_now[k]) continue;
    POTENTIATE_PRE:
      for (int j = 0; j < MAX_N; ++j) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
        if (j >= n) break;
        const uint16_t word = c->w[j * n + k];
        if (!fx::weight_plastic(word)) continue;
        const int32_t dw =
            static_cast<int32_t>(rsr(static_cast<int64_t>(c->a_plus) * c->x[j], 18));
        c->w[j * n + k] = stdp_store(fx::weight_value(word) + dw, w_min, w_max, c->weight_bits);
      }
    }
  DEPRESS_PRE:  // 5c: row w[j][*] of each pre j in S_t
    for (int j = 0; j < MAX_N; ++j) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
      if (j >= n) break;
      if (!s_now[j]) continue;
    DEPRESS_POST:
      for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
        if (k >= n) break;
        const uint16_t word = c->w[j * n + k];
        if (!fx::weight_plastic(word)) continue;
        const int32_t dw =
            static_cast<int32_t>(rsr(static_cast<int64_t>(c->a_minus) * c->y[k], 18));
        c->w[j * n + k] = stdp_store(fx::weight_value(word) - dw, w_min, w_max, c->weight_bits);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5d. Trace increments of this step's spikes, then S_prev := S_t.
  // ---------------------------------------------------------------------------------------------
  const bool nearest = (c->stdp_ctrl & STDP_CTRL_NEAREST) != 0;
INCREMENT:
  for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
    if (k >= n) break;
    if (s_now[k]) {
      if (nearest) {
        c->x[k] = TRACE_ONE;
        c->y[k] = TRACE_ONE;
      } else {
        c->x[k] = sat16u(static_cast<int64_t>(c->x[k]) + TRACE_ONE);
        c->y[k] = sat16u(static_cast<int64_t>(c->y[k]) + TRACE_ONE);
      }
    }
    c->s_prev[k] = s_now[k];
  }

  c->timesteps += 1;
  c->spikes += n_spikes;
  c->sops += static_cast<uint64_t>(delivered) * static_cast<uint64_t>(n);
}

void core_reset_state(Core* c) {
  const int n = c->n;
RESET:
  for (int k = 0; k < MAX_N; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 1024
#pragma HLS PIPELINE II = 1
    if (k >= n) break;
    c->v[k] = 0;
    c->i_ex[k] = 0;
    c->i_in[k] = 0;
    c->r[k] = 0;
    c->x[k] = 0;
    c->y[k] = 0;
    c->s_prev[k] = 0;
  }
}

}  // namespace spikecore::hls
