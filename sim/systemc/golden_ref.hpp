// SPDX-License-Identifier: Apache-2.0
// Golden reference module: the bit-exact C++ model (hls/, via GoldenBackend) as an SC_MODULE. It is programmed
// with the same CompiledNetwork as the RTL (Device::program, as the CLI does), then steps in lockstep: one
// StepRequest in, one Snapshot (spikes, state fields, whole weight memory) out.
#pragma once

#include <optional>
#include <systemc>

#include "inject.hpp"
#include "snapshot.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"

namespace spikecore::cosim {

class GoldenRef : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(GoldenRef);
  /// n: neuron count of the core being checked (the golden core is made the same size).
  GoldenRef(sc_core::sc_module_name name, int n, std::optional<Injection> inject);
  sc_core::sc_fifo_in<StepRequest> req_in;
  sc_core::sc_fifo_out<Snapshot> out;

  /// Programs the model (call before the first request).
  void program(const CompiledNetwork& c) { dev_.program(c); }
  Device& device() { return dev_; }

 private:
  void run();
  int n_;
  Device dev_;
  std::optional<Injection> inject_;
};

/// Reads spikes-independent state of any backend into `s` (fields of all n neurons).
void read_state(Backend& b, int n, Snapshot& s);

}  // namespace spikecore::cosim
