// SPDX-License-Identifier: Apache-2.0
// Quantizing compiler: Network (physical units) -> raw image for one core (docs/model.md §2).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "spikecore/device.hpp"
#include "spikecore/network.hpp"

namespace spikecore {

/// One quantized quantity. For per-neuron parameters the entry is the neuron of the population with the largest
/// absolute error (`neuron` is its index within the population; -1 for network-wide values).
struct QuantEntry {
  std::string name;        ///< "P22", "C21ex", "theta", "weight", "A_PLUS", ...
  std::string population;  ///< population or projection ("pre->post"); "" for registers
  int neuron = -1;
  double value = 0;        ///< exact value in the unit of `unit`
  double quantized = 0;    ///< value the device represents, same unit
  std::string unit;        ///< "", "mV", "mV/pA", "pA", "ms", ...
  [[nodiscard]] double abs_error() const;
  [[nodiscard]] double rel_error() const;   ///< abs_error/|value|; 0 when both are 0
};

struct QuantizationReport {
  std::vector<QuantEntry> entries;
  std::vector<std::string> warnings;   ///< saturation, decays rounding to 1, weights rounding to 0, tiny STDP steps
  int param_sets_used = 0;   ///< parameter sets the image uses (CompiledNetwork::param_sets_used)
  int param_sets = 0;        ///< of the device's P it was compiled for
  bool param_sets_shared = false;   ///< true: one set per distinct parameter tuple; false: one set per neuron
  /// Fixed-width table (name, population, neuron, value, quantized, abs, rel, unit), one line
  /// "parameter sets: S of P (...)", then the warnings.
  [[nodiscard]] std::string table() const;
};

/// Where a population landed on the device: neurons [first, first+size).
struct PopulationSlice {
  int first = 0, size = 0;
};

/// Everything Device::program writes, plus what the host needs to interpret results.
struct CompiledNetwork {
  int n = 0;                 ///< device neuron count
  int n_used = 0;            ///< neurons used by the network (0..n_used-1)
  int weight_bits = 16;      ///< weight word bits it was quantized for (model.md §2.3): |raw| <= 2^(bits-2)-1
  int param_sets = 0;        ///< P it was compiled for (model.md §2.2): the device's CAPS param_sets
  int param_sets_used = 0;   ///< S <= param_sets: parameter sets the image writes (sets 0..S-1)
  double dt = 1.0;           ///< ms
  double w_lsb = 1.0;        ///< pA per raw weight unit
  std::vector<double> v_rest;   ///< mV per used neuron (E_L: V raw is relative to it); 0 for sources
  /// hls::Field id -> raw words: F_PSET (6) n words, the set of each neuron; the parameter fields 8..16
  /// param_sets_used words each, indexed by set (model.md §2.2). The parameters of neuron k are
  /// fields.at(f)[pset(k)].
  std::map<int, std::vector<std::uint32_t>> fields;
  std::vector<std::pair<int, std::uint32_t>> registers;   ///< registers 0..6 (model.md §2.4)
  std::vector<std::uint16_t> weights;   ///< n*n weight words, [pre*n + post]
  std::vector<std::pair<std::string, PopulationSlice>> populations;   ///< in network order
  std::vector<InputEvent> inputs;      ///< stimulus, sorted by (step, neuron)
  std::uint32_t steps = 0;             ///< run length in steps
  QuantizationReport report;

  /// Slice of population `name`; throws ConfigError if there is none.
  [[nodiscard]] PopulationSlice slice(const std::string& name) const;
  /// Parameter set of device neuron k (fields.at(hls::F_PSET)[k]); throws ConfigError for k outside 0..n-1.
  [[nodiscard]] int pset(int k) const;
  /// Raw word of parameter field `field` (8..16) of device neuron k, i.e. of its set.
  [[nodiscard]] std::uint32_t param(int field, int k) const;
};

/// Compiles `net` for a core of `device_n` neurons storing `weight_bits` bits per weight word (9..16, the
/// device's CAPS weight_bits) with `param_sets` parameter sets (1..device_n, the device's CAPS param_sets;
/// 0 = device_n); validate() first. Throws ConfigError naming field, value and range when a parameter does not
/// fit its raw format (model.md §2.2-2.4), the network has more neurons than `device_n`, or more distinct
/// parameter tuples than `param_sets`. Unused neurons are silent (theta = 2^31-1, all else 0); spike sources
/// likewise.
/// Parameter sets (model.md §2.2): when every neuron can have its own set (n_used <= param_sets, and a silent
/// set is left for the unused neurons: n_used < param_sets or param_sets = device_n), neuron k uses set
/// min(k, param_sets-1), which is set k for every used neuron, and the image holds param_sets sets. Otherwise
/// there is one set per distinct tuple of the 9 raw words (fields 8..16), numbered in order of first appearance
/// over neurons 0..device_n-1 (silent neurons share one tuple).
CompiledNetwork compile(const Network& net, int device_n, int weight_bits = 16, int param_sets = 0);

/// "`what` = sets: expected 1..n (...)", the one wording for an out-of-range param_sets.
std::string param_sets_error(const std::string& what, int sets, int n);

/// "`what` = bits: expected 9..16", the one wording for an out-of-range weight_bits (hls::weight_bits_ok).
std::string weight_bits_error(const std::string& what, int bits);

/// Largest |raw weight| of a device storing `weight_bits` bits per word: 2^(weight_bits-2)-1 (16383 for 16).
long long weight_raw_max(int weight_bits);

/// Automatic weight LSB (model.md §2.3): max(|weights|, |w_min|, |w_max|) / weight_raw_max(weight_bits), or
/// 1 pA for an all-zero network.
double auto_w_lsb(const Network& net, int weight_bits = 16);

}  // namespace spikecore
