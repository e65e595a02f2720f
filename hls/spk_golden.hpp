// SPDX-License-Identifier: Apache-2.0
// Golden model API (contract between hls/ and host/). Implementation: hls/spk_golden.cpp.
// Numerics: docs/model.md (format 1). Everything here is bit-exact with rtl/spk_core.sv.
#pragma once
#include <cstdint>

namespace spikecore::hls {

constexpr int MAX_N = 1024;          // largest supported core

/// Neuron field ids (docs/model.md §2.1, §2.2).
enum Field : int {
  F_V = 0, F_IEX = 1, F_IIN = 2, F_R = 3, F_X = 4, F_Y = 5, F_PSET = 6,
  F_P22 = 8, F_P11EX = 9, F_P11IN = 10, F_C21EX = 11, F_C21IN = 12,
  F_DRIVE = 13, F_THETA = 14, F_VRESET = 15, F_NREF = 16
};
/// Register ids (docs/model.md §2.4, docs/protocol.md §4).
enum Reg : int {
  R_STDP_CTRL = 0, R_P_PLUS = 1, R_P_MINUS = 2, R_A_PLUS = 3, R_A_MINUS = 4, R_W_MIN = 5, R_W_MAX = 6,
  R_CYCLES_LO = 16, R_CYCLES_HI = 17, R_TIMESTEPS = 18, R_SPIKES = 19, R_SOPS_LO = 20, R_SOPS_HI = 21,
  R_STALL_CYCLES = 22, R_IN_DROPPED = 23
};

struct Core;   // all state of one core with n <= MAX_N neurons (several MB: allocate on the heap)

constexpr int MIN_WEIGHT_BITS = 9;   // stored bits per weight word, plastic bit included (model.md §2.3)
constexpr int MAX_WEIGHT_BITS = 16;
constexpr bool weight_bits_ok(int bits) { return bits >= MIN_WEIGHT_BITS && bits <= MAX_WEIGHT_BITS; }

/// Reset values (model.md §2.4): fields, weights and registers 0, pset_k = k mod param_sets.
/// weight_bits: bits the device stores per weight word (model.md §2.3), MIN_WEIGHT_BITS..16.
/// param_sets: P, the parameter sets (model.md §2.2), 1..n; 0 means n (one set per neuron).
/// Returns nullptr for n outside 1..MAX_N or weight_bits / param_sets out of range.
Core* core_create(int n, int weight_bits = MAX_WEIGHT_BITS, int param_sets = 0);
void core_destroy(Core* c);
int core_n(const Core* c);
int core_weight_bits(const Core* c);
int core_param_sets(const Core* c);

/// Field access with the protocol's semantics (truncate on write, zero/sign-extend on read). `neuron` is the
/// neuron-space address: a neuron for fields 0..6, a parameter set for fields 8..16 (model.md §2.2).
/// Returns false for an unknown field/register id or an index out of range (>= n, or >= P for 8..16).
bool core_write_field(Core* c, int field, int neuron, std::uint32_t value);
bool core_read_field(const Core* c, int field, int neuron, std::uint32_t* value);
bool core_write_reg(Core* c, int reg, std::uint32_t value);
bool core_read_reg(const Core* c, int reg, std::uint32_t* value);   // counters: timesteps, spikes, SOPs
std::uint16_t core_read_weight(const Core* c, std::uint32_t addr);  // addr = pre*n + post
/// Stores the word as the device does: the plastic bit and the weight's low weight_bits-1 bits, sign-extended.
void core_write_weight(Core* c, std::uint32_t addr, std::uint16_t word);

/// One timestep (docs/model.md §4). forced[k] != 0 forces neuron k to spike; spiked[k] is set to 0/1.
/// Both arrays have at least n entries.
void core_step(Core* c, const std::uint8_t* forced, std::uint8_t* spiked);
/// RESET_STATE (docs/model.md §4, last paragraph).
void core_reset_state(Core* c);

}  // namespace spikecore::hls
