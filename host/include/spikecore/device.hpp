// SPDX-License-Identifier: Apache-2.0
// Device API: program a core and run it, over any backend (simulated RTL, golden model, later UART/TCP).
// Raw formats: docs/model.md; wire format: docs/protocol.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spikecore {

struct CompiledNetwork;   // compiler.hpp: raw parameter/weight image for one core

/// A spike (output) or a forced spike (input). `step` counts timesteps from the start of the run call.
struct SpikeEvent {
  std::uint32_t step = 0;
  std::uint16_t neuron = 0;
  bool operator==(const SpikeEvent& o) const { return step == o.step && neuron == o.neuron; }
};
using InputEvent = SpikeEvent;

/// What the device reports about itself (protocol CAPS).
struct Caps {
  int protocol = 0, model_format = 0, n = 0, lanes = 0, max_body = 0, in_depth = 0, out_depth = 0;
  int weight_bits = 16;   ///< stored bits per weight word, plastic bit included (model.md §2.3): 9..16
  int param_sets = 0;     ///< P, neuron parameter sets (model.md §2.2): 1..n
  std::uint32_t build_id = 0;
};

/// Device counters (protocol.md §4).
struct Counters {
  std::uint64_t cycles = 0, timesteps = 0, spikes = 0, sops = 0, stall_cycles = 0, in_dropped = 0;
  std::uint64_t rx_crc_errors = 0, rx_frame_errors = 0, naks = 0;
};

/// Command-level access to one core; implemented by LinkBackend (protocol over a Transport) and GoldenBackend.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual Caps caps() = 0;
  virtual void write_neuron(int field, int first, const std::vector<std::uint32_t>& values) = 0;
  virtual std::vector<std::uint32_t> read_neuron(int field, int first, int count) = 0;
  virtual void write_reg(int reg, std::uint32_t value) = 0;
  virtual std::vector<std::uint32_t> read_regs(int reg, int count) = 0;
  virtual void write_weights(std::uint32_t addr, const std::vector<std::uint16_t>& words) = 0;
  virtual std::vector<std::uint16_t> read_weights(std::uint32_t addr, std::uint32_t count) = 0;
  /// Runs `steps` timesteps with the given forced spikes (ascending step, step < steps); returns all spikes
  /// in (step, neuron) order. Splits into several device runs when the input buffer or RUN length requires.
  virtual std::vector<SpikeEvent> run(std::uint32_t steps, const std::vector<InputEvent>& inputs) = 0;
  virtual void reset_state() = 0;
  virtual Counters counters() = 0;
};

/// Opens a backend by target string (target.hpp, docs/link.md): "golden" (C++ golden model), "golden-link"
/// (LinkBackend over the protocol to an in-process golden-model device), "sim" (Verilated RTL in-process; needs
/// spikecore_targets built with sim), "/dev/ttyUSB1[@baud]" (serial), "tcp://host:port". Default link timeouts.
/// `n_neurons` is the number of neurons needed; in-process backends pick a core with at least that many.
/// Throws ConfigError for a malformed target, TransportError when it cannot be reached, LinkError when it
/// does not speak protocol v1.
std::unique_ptr<Backend> open_backend(const std::string& target, int n_neurons);

/// High-level device: a backend plus the network programmed on it.
class Device {
 public:
  /// Takes ownership of `backend` and reads its CAPS. Throws std::invalid_argument for a null backend.
  explicit Device(std::unique_ptr<Backend> backend);
  Backend& backend() { return *backend_; }
  /// Writes every parameter, register and weight of `net` (unused neurons are made silent): each neuron's `pset`,
  /// then the parameter sets. Throws ConfigError when `net` was compiled for another n, for more weight bits than
  /// the device stores, or uses more parameter sets than the device has.
  void program(const CompiledNetwork& net);
  /// Turns on-chip STDP on or off (STDP_CTRL.enable), keeping the pairing mode.
  void set_plasticity(bool enabled);
  std::vector<SpikeEvent> run(std::uint32_t steps, const std::vector<InputEvent>& inputs = {}) {
    return backend_->run(steps, inputs);
  }
  void reset_state() { backend_->reset_state(); }
  /// Raw weight words [pre][post] of the neurons the last program() used (n_used x n_used, row-major,
  /// index pre*n_used + post); convert with units.hpp weight_pA(word, w_lsb()).
  std::vector<std::uint16_t> read_weight_matrix();
  /// Same matrix in pA.
  std::vector<double> read_weights_pA();
  /// Membrane potentials in mV of the used neurons (E_L added back; spike sources report 0 + 0).
  std::vector<double> read_v_mV();
  /// Synaptic currents in pA of the used neurons; `excitatory` picks I_ex, else I_in.
  std::vector<double> read_i_pA(bool excitatory);
  /// Device neuron count (CAPS n) and the programmed network's weight LSB (pA) and neuron count.
  [[nodiscard]] int n() const { return n_; }
  /// Stored bits per weight word (CAPS weight_bits, model.md §2.3): compile(net, n(), weight_bits()).
  [[nodiscard]] int weight_bits() const { return weight_bits_; }
  /// Parameter sets (CAPS param_sets, model.md §2.2): compile(net, n(), weight_bits(), param_sets()).
  [[nodiscard]] int param_sets() const { return param_sets_; }
  [[nodiscard]] double w_lsb() const { return w_lsb_; }
  [[nodiscard]] int n_used() const { return n_used_; }
 private:
  std::unique_ptr<Backend> backend_;
  std::uint32_t stdp_ctrl_ = 0;
  int n_ = 0;
  int weight_bits_ = 16;
  int param_sets_ = 0;
  int n_used_ = 0;
  double w_lsb_ = 1.0;
  std::vector<double> v_rest_;
};

}  // namespace spikecore
