// SPDX-License-Identifier: Apache-2.0
// A spiking network in physical units, independent of any device. File format: docs/network-format.md.
//
// Units everywhere in the host library (as docs/model.md): time ms, potential mV, capacitance pF, current pA.
// Parameter names are PyNN's IF_curr_exp names, but `cm` is in pF and `i_offset`, weights and STDP amplitudes
// in pA (NEST units), not PyNN's nF/nA. Neuron model: NEST iaf_psc_exp (docs/model.md §1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spikecore {

/// A per-neuron parameter: one value for the whole population (size 1) or one per neuron (size = population size).
using PerNeuron = std::vector<double>;

/// Value of a per-neuron parameter for neuron `i` (broadcasts a single value).
inline double value_at(const PerNeuron& p, int i) { return p.size() == 1 ? p[0] : p[static_cast<std::size_t>(i)]; }

/// IF_curr_exp parameters (defaults are PyNN's, converted to pF/pA).
struct NeuronParams {
  PerNeuron tau_m{20.0};       ///< membrane time constant, ms, > 0
  PerNeuron cm{1000.0};        ///< membrane capacitance, pF, > 0
  PerNeuron v_rest{-65.0};     ///< resting potential E_L, mV
  PerNeuron v_reset{-65.0};    ///< reset potential, mV, < v_thresh
  PerNeuron v_thresh{-50.0};   ///< threshold, mV
  PerNeuron tau_refrac{0.1};   ///< refractory period, ms, >= 0
  PerNeuron tau_syn_E{5.0};    ///< excitatory synaptic time constant, ms, > 0
  PerNeuron tau_syn_I{5.0};    ///< inhibitory synaptic time constant, ms, > 0
  PerNeuron i_offset{0.0};     ///< constant input current, pA
  bool operator==(const NeuronParams& o) const;
};

/// A group of neurons. A spike source has no dynamics: it is a silent neuron that fires only when forced.
struct Population {
  std::string name;
  int size = 1;
  bool spike_source = false;
  NeuronParams params;         ///< ignored for spike sources
  bool operator==(const Population& o) const;
};

/// Dense all-to-all connection pre -> post. The sign of a weight picks the channel (> 0 excitatory,
/// < 0 inhibitory, 0 = no synapse).
struct Projection {
  std::string pre, post;
  std::vector<double> weights;        ///< pA; size 1 (same for every pair) or pre.size*post.size, [pre][post]
  std::vector<std::uint8_t> plastic{0};   ///< size 1 or pre.size*post.size, [pre][post]; 1 = STDP may change it
  bool operator==(const Projection& o) const;
};

enum class Pairing { AllToAll, Nearest };

/// Pair-based additive STDP (docs/model.md §1), one rule per network.
struct StdpRule {
  double tau_plus = 20.0;    ///< ms, > 0
  double tau_minus = 20.0;   ///< ms, > 0
  double A_plus = 0.0;       ///< pA added per pairing at trace 1.0, >= 0
  double A_minus = 0.0;      ///< pA removed per pairing at trace 1.0, >= 0
  double w_min = 0.0;        ///< pA, <= w_max
  double w_max = 0.0;        ///< pA
  Pairing pairing = Pairing::AllToAll;
  bool operator==(const StdpRule& o) const;
};

/// Forced spikes for one population: spike_times[i] are the times (ms, ascending) of neuron i.
/// A time t is forced at step llround(t/dt).
struct Stimulus {
  std::string population;
  std::vector<std::vector<double>> spike_times;
  bool operator==(const Stimulus& o) const;
};

struct Network {
  double dt = 1.0;           ///< integration step, ms, > 0
  double w_lsb = 0.0;        ///< weight LSB in pA; 0 = automatic (docs/model.md §2.3)
  double duration = 0.0;     ///< run length, ms (>= 0); steps = llround(duration/dt)
  std::vector<Population> populations;
  std::vector<Projection> projections;
  std::optional<StdpRule> stdp;
  std::vector<Stimulus> stimuli;

  /// Total neuron count (sum of population sizes).
  [[nodiscard]] int size() const;
  /// Index of the population called `name`, or -1.
  [[nodiscard]] int find(const std::string& name) const;
  bool operator==(const Network& o) const;
};

/// Checks every field of `net` (ranges, sizes, names, v_reset < v_thresh, ...). Throws ConfigError naming the
/// field path (`populations[1].params.tau_m[3]`), the value and the allowed range. The YAML loader applies the
/// same rules with file:line added.
void validate(const Network& net);

}  // namespace spikecore
