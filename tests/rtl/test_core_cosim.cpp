// SPDX-License-Identifier: Apache-2.0
// Co-simulation of rtl/spk_core.sv against the golden model (hls/spk_golden.hpp), bit for bit:
// spikes, V, I_ex, I_in, r, x, y of every neuron after every timestep, and the weights.
// Built once per parameter set (tests/rtl/CMakeLists.txt): VCORE is the Verilated class,
// CORE_N / CORE_LANES / CORE_IN_DEPTH / CORE_OUT_DEPTH / CORE_WEIGHT_BITS / CORE_PARAM_SETS its parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <sstream>
#include <vector>

#include VCORE_HEADER
#include "core_driver.hpp"
#include "spk_golden.hpp"

namespace spikecore::rtltest {
namespace {

namespace g = spikecore::hls;
using Dut = CoreDriver<VCORE>;

constexpr int N = CORE_N;
constexpr int OUT_DEPTH = CORE_OUT_DEPTH;
constexpr int IN_DEPTH = CORE_IN_DEPTH;
constexpr int P = CORE_PARAM_SETS;   // parameter sets (model.md §2.2)
constexpr std::int64_t W_FULL = (1 << (CORE_WEIGHT_BITS - 2)) - 1;   // largest legal |raw weight| (model.md §2.3)

const int kStateFields[] = {g::F_V, g::F_IEX, g::F_IIN, g::F_R, g::F_X, g::F_Y};
const int kParamFields[] = {g::F_P22, g::F_P11EX, g::F_P11IN, g::F_C21EX, g::F_C21IN,
                            g::F_DRIVE, g::F_THETA, g::F_VRESET, g::F_NREF};

/// How the random network is drawn.
enum class Profile {
  Typical,  // realistic magnitudes (model.md §2.2 with tau_m ~ 10 ms, dt = 1 ms), moderate activity
  Corner,   // extreme raw values: full-scale coefficients, saturating currents and traces
};

/// The device under test and the golden core, written identically.
class Pair {
 public:
  Pair() : gold_(g::core_create(N, CORE_WEIGHT_BITS, P)) {}
  ~Pair() { g::core_destroy(gold_); }
  Pair(const Pair&) = delete;
  Pair& operator=(const Pair&) = delete;

  Dut& dut() { return dut_; }
  g::Core* gold() { return gold_; }

  void field(int f, int k, std::uint32_t v) {
    dut_.write(SPACE_NEURON, f, static_cast<std::uint32_t>(k), v);
    ASSERT_TRUE(g::core_write_field(gold_, f, k, v));
  }
  void weight(std::uint32_t addr, std::uint16_t word) {
    dut_.write(SPACE_WEIGHT, 0, addr, word);
    g::core_write_weight(gold_, addr, word);
  }
  void reg(int r, std::uint32_t v) {
    dut_.write(SPACE_REG, r, 0, v);
    ASSERT_TRUE(g::core_write_reg(gold_, r, v));
  }

  /// Every state field of every neuron, with the first difference named.
  ::testing::AssertionResult same_state(int t) {
    for (int f : kStateFields) {
      for (int k = 0; k < N; ++k) {
        std::uint32_t want = 0;
        g::core_read_field(gold_, f, k, &want);
        const std::uint32_t got = dut_.read(SPACE_NEURON, f, static_cast<std::uint32_t>(k));
        if (got != want)
          return ::testing::AssertionFailure() << "step " << t << ": field " << f << " of neuron " << k
                                               << " is " << got << ", golden " << want;
      }
    }
    return ::testing::AssertionSuccess();
  }

  ::testing::AssertionResult same_weights(int t) {
    for (std::uint32_t a = 0; a < static_cast<std::uint32_t>(N * N); ++a) {
      const std::uint32_t want = g::core_read_weight(gold_, a);
      const std::uint32_t got = dut_.read(SPACE_WEIGHT, 0, a);
      if (got != want)
        return ::testing::AssertionFailure() << "step " << t << ": weight word w[" << a / N << "][" << a % N
                                             << "] is " << got << ", golden " << want;
    }
    return ::testing::AssertionSuccess();
  }

  ::testing::AssertionResult same_counters() {
    for (int r : {g::R_TIMESTEPS, g::R_SPIKES, g::R_SOPS_LO, g::R_SOPS_HI}) {
      std::uint32_t want = 0;
      g::core_read_reg(gold_, r, &want);
      const std::uint32_t got = dut_.read(SPACE_REG, r, 0);
      if (got != want)
        return ::testing::AssertionFailure() << "register " << r << " is " << got << ", golden " << want;
    }
    return ::testing::AssertionSuccess();
  }

 private:
  Dut dut_;
  g::Core* gold_;
};

std::uint32_t q24(double x) { return static_cast<std::uint32_t>(std::min(std::llround(x * 16777216.0), 16777215LL)); }

/// Random heterogeneous network: parameter sets, a random set per neuron, initial state, weights (both
/// signs, random plastic bits) and STDP registers, written to both cores.
void randomize(Pair& p, std::mt19937_64& rng, Profile prof, bool nearest, double w_scale) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  auto uni = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const bool corner = prof == Profile::Corner;
  // With probability pc an extreme raw value instead of a typical one.
  auto pick = [&](std::int64_t typical, std::int64_t extreme) {
    return (corner && u01(rng) < 0.4) ? extreme : typical;
  };
  for (int k = 0; k < N; ++k) {
    // Set k (k < P) gets random parameters; neuron k a random set (corner: also values >= P, which
    // the device clamps to P-1).
    p.field(g::F_PSET, k, static_cast<std::uint32_t>(pick(uni(0, P - 1), uni(0, 0xFFFFF))));
    if (k < P) {
      const double tau_m = 5.0 + 25.0 * u01(rng), tau_ex = 1.0 + 9.0 * u01(rng), tau_in = 1.0 + 9.0 * u01(rng);
      p.field(g::F_P22, k, static_cast<std::uint32_t>(pick(q24(std::exp(-1.0 / tau_m)), 0xFFFFFF)));
      p.field(g::F_P11EX, k, static_cast<std::uint32_t>(pick(q24(std::exp(-1.0 / tau_ex)), 0xFFFFFF)));
      p.field(g::F_P11IN, k, static_cast<std::uint32_t>(pick(q24(std::exp(-1.0 / tau_in)), uni(0, 0xFFFFFF))));
      // C21 = P21 * w_lsb * 2^8: a coarser weight LSB (narrow weights) scales it up by 16383 / W_FULL.
      const std::int64_t c21 = (std::int64_t(1) << 21) * 16383 / W_FULL;
      p.field(g::F_C21EX, k, static_cast<std::uint32_t>(pick(uni(0, c21), (1 << 30) - 1)));
      p.field(g::F_C21IN, k, static_cast<std::uint32_t>(pick(uni(0, c21), uni(0, (1 << 30) - 1))));
      p.field(g::F_DRIVE, k, static_cast<std::uint32_t>(pick(uni(-320000, 2400000), uni(INT32_MIN, INT32_MAX))));
      const std::int64_t theta = pick(uni(400000, 1200000), uni(-1000000, INT32_MAX));
      p.field(g::F_THETA, k, static_cast<std::uint32_t>(theta));
      p.field(g::F_VRESET, k, static_cast<std::uint32_t>(pick(uni(-300000, 0), INT32_MIN)));
      p.field(g::F_NREF, k, static_cast<std::uint32_t>(pick(uni(0, 4), uni(0, 65535))));
    }
    // Initial state (written with out-of-range bits to check truncation too).
    p.field(g::F_V, k, static_cast<std::uint32_t>(pick(uni(-300000, 900000), uni(INT32_MIN, INT32_MAX))));
    p.field(g::F_IEX, k, static_cast<std::uint32_t>(pick(uni(0, 1 << 20), INT32_MAX)));
    p.field(g::F_IIN, k, static_cast<std::uint32_t>(pick(uni(-(1 << 20), 0), INT32_MIN)));
    p.field(g::F_R, k, static_cast<std::uint32_t>(uni(0, 2)) | (corner ? 0xABCD0000u : 0u));
    p.field(g::F_X, k, static_cast<std::uint32_t>(pick(uni(0, 40000), 65535)));
    p.field(g::F_Y, k, static_cast<std::uint32_t>(pick(uni(0, 40000), 65535)));
  }
  // Typical weights stay in the device's legal range; corner ones also use full s15 values, which a narrow
  // device must truncate exactly as the golden model does.
  const std::int64_t wmax = std::max<std::int64_t>(1, std::llround(double(W_FULL) * w_scale));
  for (std::uint32_t a = 0; a < static_cast<std::uint32_t>(N * N); ++a) {
    std::int64_t w = uni(-wmax / 2, wmax);  // excitation dominates so that the network is active
    if (corner && u01(rng) < 0.3) w = (u01(rng) < 0.5) ? 16383 : -16383;
    if (u01(rng) < 0.1) w = 0;
    const std::uint16_t plastic = u01(rng) < 0.6 ? 0x8000 : 0;
    p.weight(a, static_cast<std::uint16_t>(plastic | (static_cast<std::uint16_t>(w) & 0x7FFF)));
  }
  p.reg(g::R_STDP_CTRL, 1u | (nearest ? 2u : 0u));
  p.reg(g::R_P_PLUS, static_cast<std::uint32_t>(pick(q24(std::exp(-1.0 / 20.0)), 0xFFFFFF)));
  p.reg(g::R_P_MINUS, static_cast<std::uint32_t>(pick(q24(std::exp(-1.0 / 25.0)), uni(0, 0xFFFFFF))));
  p.reg(g::R_A_PLUS, static_cast<std::uint32_t>(pick(uni(0, 4000), 65535)));
  p.reg(g::R_A_MINUS, static_cast<std::uint32_t>(pick(uni(0, 4000), 65535)));
  std::int64_t lo = uni(-W_FULL, 0), hi = uni(0, W_FULL);
  if (corner) {
    lo = -16383;
    hi = 16383;
  }
  p.reg(g::R_W_MIN, static_cast<std::uint32_t>(lo) | 0xFFFF0000u);  // sign-extension check
  p.reg(g::R_W_MAX, static_cast<std::uint32_t>(hi));
}

/// Runs `steps` one-step RUNs with random forced neurons, comparing everything after each step.
void run_step_by_step(Pair& p, std::mt19937_64& rng, int steps, double p_force, int weight_every,
                      bool need_activity = true) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  std::vector<std::uint8_t> forced(N), spiked(N);
  int total_spikes = 0;
  for (int t = 0; t < steps; ++t) {
    std::vector<int> ids;
    for (int k = 0; k < N; ++k) {
      forced[static_cast<size_t>(k)] = u01(rng) < p_force;
      if (forced[static_cast<size_t>(k)]) ids.push_back(k);
    }
    std::shuffle(ids.begin(), ids.end(), rng);  // the core scatters events in any neuron order
    for (int k : ids) p.dut().push_input(0, static_cast<std::uint16_t>(k));
    if (!ids.empty() && u01(rng) < 0.5) p.dut().push_input(0, static_cast<std::uint16_t>(ids[0]));  // duplicate
    std::vector<SpikeEvent> got;
    p.dut().run(1, &got);
    g::core_step(p.gold(), forced.data(), spiked.data());
    std::vector<SpikeEvent> want;
    for (int k = 0; k < N; ++k)
      if (spiked[static_cast<size_t>(k)]) want.push_back({0, static_cast<std::uint16_t>(k)});
    total_spikes += static_cast<int>(want.size());
    ASSERT_EQ(got.size(), want.size()) << "spike count at step " << t;
    for (size_t i = 0; i < want.size(); ++i)
      ASSERT_EQ(got[i].neuron, want[i].neuron) << "spike " << i << " at step " << t;
    ASSERT_TRUE(p.same_state(t));
    if (weight_every > 0 && (t % weight_every == weight_every - 1 || t == steps - 1)) {
      ASSERT_TRUE(p.same_weights(t));
    }
  }
  ASSERT_TRUE(p.same_counters());
  // A test that never spikes would not test delivery or STDP.
  if (need_activity) EXPECT_GT(total_spikes, steps / 4) << "network too quiet to exercise delivery and STDP";
}

int weight_period() { return N <= 80 ? 1 : 20; }
int steps_for_n() { return N <= 16 ? 600 : (N <= 80 ? 150 : 60); }

struct RandomCase {
  std::uint64_t seed;
  bool nearest;
  Profile profile;
};
// Readable CTest names (gtest would otherwise print the struct's raw bytes).
void PrintTo(const RandomCase& c, std::ostream* os) {
  *os << (c.profile == Profile::Corner ? "Corner" : "Typical") << (c.nearest ? "Nearest" : "AllToAll") << "Seed" << c.seed;
}

class CoSim : public ::testing::TestWithParam<RandomCase> {};

TEST_P(CoSim, MatchesGoldenEveryStep) {
  const RandomCase c = GetParam();
  std::mt19937_64 rng(c.seed * 7919 + static_cast<std::uint64_t>(N) * 31 + CORE_LANES);
  Pair p;
  randomize(p, rng, c.profile, c.nearest, c.profile == Profile::Typical ? 0.3 : 1.0);
  run_step_by_step(p, rng, steps_for_n(), 0.05, weight_period());
}

INSTANTIATE_TEST_SUITE_P(
    Random, CoSim,
    ::testing::Values(RandomCase{1, false, Profile::Typical}, RandomCase{2, true, Profile::Typical},
                      RandomCase{3, false, Profile::Typical}, RandomCase{4, true, Profile::Corner},
                      RandomCase{5, false, Profile::Corner}),
    [](const ::testing::TestParamInfo<RandomCase>& i) {
      std::ostringstream s;
      s << (i.param.profile == Profile::Corner ? "Corner" : "Typical") << (i.param.nearest ? "Nearest" : "AllToAll")
        << "Seed" << i.param.seed;
      return s.str();
    });

// A multi-step RUN: inputs at several offsets (some beyond the run, which are dropped and counted),
// spikes reported with their step offsets, counters equal to the golden model's.
TEST(CoreRun, MultiStepRunWithInputsMatchesGolden) {
  std::mt19937_64 rng(99 + N);
  Pair p;
  randomize(p, rng, Profile::Typical, false, 0.3);
  const int steps = 12;
  std::vector<std::vector<std::uint8_t>> forced(steps + 5, std::vector<std::uint8_t>(N, 0));
  std::uniform_int_distribution<int> nid(0, N - 1);
  int dropped = 0;
  for (int s = 0; s < steps + 5; ++s) {
    for (int e = 0; e < 3; ++e) {
      if (s % 4 == 1) continue;  // some steps without events
      const int k = nid(rng);
      p.dut().push_input(static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(k));
      forced[static_cast<size_t>(s)][static_cast<size_t>(k)] = 1;
      if (s >= steps) ++dropped;
    }
  }
  EXPECT_EQ(p.dut().m().in_last_step_o, steps + 4);
  std::vector<SpikeEvent> got, want;
  p.dut().run(static_cast<std::uint16_t>(steps), &got);
  std::vector<std::uint8_t> spiked(N);
  for (int s = 0; s < steps; ++s) {
    g::core_step(p.gold(), forced[static_cast<size_t>(s)].data(), spiked.data());
    for (int k = 0; k < N; ++k)
      if (spiked[static_cast<size_t>(k)]) want.push_back({static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(k)});
  }
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].step, want[i].step) << i;
    EXPECT_EQ(got[i].neuron, want[i].neuron) << i;
  }
  EXPECT_TRUE(p.same_state(steps));
  EXPECT_TRUE(p.same_weights(steps));
  EXPECT_TRUE(p.same_counters());
  EXPECT_EQ(p.dut().read(SPACE_REG, g::R_IN_DROPPED, 0), static_cast<std::uint32_t>(dropped));
  EXPECT_EQ(p.dut().m().in_count_o, 0);
  EXPECT_EQ(p.dut().m().in_last_step_o, 0);
  EXPECT_EQ(p.dut().read(SPACE_REG, g::R_STALL_CYCLES, 0), 0u);
}

// RESET_STATE: state 0, S_prev and the input buffer emptied; parameters, weights, registers kept.
TEST(CoreRun, ResetStateMatchesGolden) {
  std::mt19937_64 rng(7 + N);
  Pair p;
  randomize(p, rng, Profile::Typical, true, 0.3);
  run_step_by_step(p, rng, 5, 0.3, 0);
  p.dut().push_input(0, 3);  // must be discarded
  p.dut().reset_state();
  g::core_reset_state(p.gold());
  EXPECT_EQ(p.dut().m().in_count_o, 0);
  EXPECT_TRUE(p.same_state(-1));
  for (int f : kParamFields) {   // the sets and pset survive RESET_STATE
    std::uint32_t want = 0;
    g::core_read_field(p.gold(), f, P - 1, &want);
    EXPECT_EQ(p.dut().read(SPACE_NEURON, f, P - 1), want) << "field " << f;
  }
  for (int k = 0; k < N; ++k) {
    std::uint32_t want = 0;
    g::core_read_field(p.gold(), g::F_PSET, k, &want);
    ASSERT_EQ(p.dut().read(SPACE_NEURON, g::F_PSET, static_cast<std::uint32_t>(k)), want) << "pset of " << k;
  }
  // S_prev is empty: the next step delivers nothing (SOPs unchanged) and matches the golden model.
  run_step_by_step(p, rng, 3, 0.0, 1, false);
  EXPECT_TRUE(p.same_counters());
}

// Host-port semantics (protocol.md §3): truncation on write, zero/sign extension on read.
TEST(CorePort, FieldsTruncateAndExtend) {
  Dut d;
  const std::uint32_t ones = 0xFFFFFFFFu;
  struct Case { int space, field; std::uint32_t want; };
  const Case cases[] = {
      {SPACE_NEURON, g::F_V, ones},          {SPACE_NEURON, g::F_R, 0xFFFF},
      {SPACE_NEURON, g::F_X, 0xFFFF},        {SPACE_NEURON, g::F_Y, 0xFFFF},
      {SPACE_NEURON, g::F_PSET, P - 1},      // min(value, P-1) (model.md §2.2)
      {SPACE_NEURON, g::F_P22, 0xFFFFFF},    {SPACE_NEURON, g::F_P11EX, 0xFFFFFF},
      {SPACE_NEURON, g::F_P11IN, 0xFFFFFF},  {SPACE_NEURON, g::F_C21EX, 0x3FFFFFFF},
      {SPACE_NEURON, g::F_C21IN, 0x3FFFFFFF},{SPACE_NEURON, g::F_DRIVE, ones},
      {SPACE_NEURON, g::F_THETA, ones},      {SPACE_NEURON, g::F_VRESET, ones},
      {SPACE_NEURON, g::F_NREF, 0xFFFF},
      {SPACE_REG, g::R_STDP_CTRL, 3},        {SPACE_REG, g::R_P_MINUS, 0xFFFFFF},
      {SPACE_REG, g::R_A_PLUS, 0xFFFF},      {SPACE_REG, g::R_W_MIN, ones},
  };
  for (const Case& c : cases) {
    // Parameter fields address sets (< P), the others neurons (< N).
    const bool set_field = c.space == SPACE_NEURON && c.field >= g::F_P22;
    const auto a = static_cast<std::uint32_t>(set_field ? P - 1 : N - 1);
    d.write(c.space, c.field, a, ones);
    EXPECT_EQ(d.read(c.space, c.field, a), c.want) << "field " << c.field;
  }
  // Reset values: pset_k = k mod P; the set fields of other sets untouched by the writes above.
  for (int k = 0; k < N - 1; ++k)
    ASSERT_EQ(d.read(SPACE_NEURON, g::F_PSET, static_cast<std::uint32_t>(k)), static_cast<std::uint32_t>(k % P)) << k;
  if (P > 1) EXPECT_EQ(d.read(SPACE_NEURON, g::F_THETA, static_cast<std::uint32_t>(P - 2)), 0u);
  // A set address >= P is out of range: no effect, reads 0.
  d.write(SPACE_NEURON, g::F_DRIVE, static_cast<std::uint32_t>(P), 0x1234u);
  EXPECT_EQ(d.read(SPACE_NEURON, g::F_DRIVE, static_cast<std::uint32_t>(P)), 0u);
  d.write(SPACE_REG, g::R_W_MAX, 0, 0x00003FFFu);
  EXPECT_EQ(d.read(SPACE_REG, g::R_W_MAX, 0), 0x3FFFu);
  d.write(SPACE_REG, g::R_W_MAX, 0, 0x00014000u);   // s15: value[14:0], bit 14 is the sign
  EXPECT_EQ(d.read(SPACE_REG, g::R_W_MAX, 0), 0xFFFFC000u);
  // Weight words keep bit 15 and w[WeightBits-2:0], sign-extended (model.md §2.3): 0x5678 for 16 bits.
  d.write(SPACE_WEIGHT, 0, static_cast<std::uint32_t>(N * N - 1), 0x12345678u);
  const std::uint32_t low = 0x5678u & ((1u << (CORE_WEIGHT_BITS - 1)) - 1), sign = 1u << (CORE_WEIGHT_BITS - 2);
  EXPECT_EQ(d.read(SPACE_WEIGHT, 0, static_cast<std::uint32_t>(N * N - 1)), ((low ^ sign) - sign) & 0x7FFFu);
  // Out of range: no effect, reads 0, and the port still answers.
  d.write(SPACE_WEIGHT, 0, static_cast<std::uint32_t>(N * N), 0x1111u);
  EXPECT_EQ(d.read(SPACE_WEIGHT, 0, static_cast<std::uint32_t>(N * N)), 0u);
  EXPECT_EQ(d.read(SPACE_WEIGHT, 0, 0), 0u);
  EXPECT_EQ(d.read(SPACE_NEURON, g::F_V, static_cast<std::uint32_t>(N)), 0u);
  // Counters: cycles advance, registers read while idle.
  const std::uint32_t c0 = d.read(SPACE_REG, g::R_CYCLES_LO, 0);
  const std::uint32_t c1 = d.read(SPACE_REG, g::R_CYCLES_LO, 0);
  EXPECT_GT(c1, c0);
}

// The FIFO has room for less than two steps: a run whose spikes are not read stalls (and counts
// the stall) instead of dropping; once drained it finishes with every spike, in order.
TEST(CoreRun, FullFifoStallsInsteadOfDropping) {
  static_assert(OUT_DEPTH >= N, "rtl.md: OutDepth >= NumNeurons");
  Pair p;
  // Every neuron is forced at every step; no dynamics needed (all parameters 0).
  const int steps = 2 * OUT_DEPTH / N + 2;
  std::vector<std::uint8_t> forced(N, 1), spiked(N);
  ASSERT_LE(steps * N, IN_DEPTH) << "input buffer too small for this test";
  for (int s = 0; s < steps; ++s)
    for (int k = 0; k < N; ++k) p.dut().push_input(static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(k));
  p.dut().start_run(static_cast<std::uint16_t>(steps));
  for (int i = 0; i < 200000 && p.dut().read(SPACE_REG, g::R_STALL_CYCLES, 0) < 1000; ++i) p.dut().tick();
  EXPECT_TRUE(p.dut().m().busy_o) << "the run must wait for FIFO room";
  const unsigned held = p.dut().m().spk_count_o;
  EXPECT_GT(held + static_cast<unsigned>(N), static_cast<unsigned>(OUT_DEPTH)) << "no room for another step";
  EXPECT_LE(held, static_cast<unsigned>(OUT_DEPTH));
  EXPECT_GE(p.dut().read(SPACE_REG, g::R_STALL_CYCLES, 0), 1000u);
  std::vector<SpikeEvent> got;
  while (p.dut().m().busy_o || p.dut().m().spk_valid_o) {
    p.dut().pop_available(&got);
    p.dut().tick();
  }
  ASSERT_EQ(got.size(), static_cast<size_t>(steps * N));
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].step, i / N) << i;
    ASSERT_EQ(got[i].neuron, i % N) << i;
  }
  for (int s = 0; s < steps; ++s) g::core_step(p.gold(), forced.data(), spiked.data());
  EXPECT_TRUE(p.same_state(steps));
  EXPECT_TRUE(p.same_counters());
}

// Cycles per timestep at several activity levels (printed for the report; bounded by the schedule:
// 9 cycles per neuron, N/Lanes+2 per delivered spike, 2N+2 per post spike (5b), 2N/Lanes+2 per pre spike
// (5c), plus a small constant).
TEST(CoreRun, CyclesPerStep) {
  for (double act : {0.0, 0.02, 0.1, 0.5}) {
    std::mt19937_64 rng(5);
    Pair p;
    randomize(p, rng, Profile::Typical, false, 0.0);  // w ~ 0: activity set by the forced inputs only
    for (int s = 0; s < P; ++s) p.field(g::F_THETA, s, 0x7FFFFFFF);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const int steps = 10;
    for (int s = 0; s < steps; ++s)
      for (int k = 0; k < N; ++k)
        if (u01(rng) < act) p.dut().push_input(static_cast<std::uint16_t>(s), static_cast<std::uint16_t>(k));
    std::vector<SpikeEvent> got;
    const std::uint64_t cyc = p.dut().run(steps, &got);
    const double per_step = static_cast<double>(cyc) / steps;
    const double spk = static_cast<double>(got.size()) / steps;
    std::cout << "[ cycles ] N=" << N << " Lanes=" << CORE_LANES << " activity=" << act
              << " spikes/step=" << spk << " cycles/step=" << per_step << "\n";
    const double bound = 9.0 * N + 20 + spk * ((N / CORE_LANES + 2) + (2 * N + 2) + (2 * N / CORE_LANES + 2) + 4);
    EXPECT_LE(per_step, bound);
    EXPECT_GE(per_step, 9.0 * N);
  }
}

}  // namespace
}  // namespace spikecore::rtltest
