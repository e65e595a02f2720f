// SPDX-License-Identifier: Apache-2.0
// Host driver thread: speaks the protocol to the SystemC core through a ByteChannel (LinkBackend + Device over
// ChannelTransport, exactly the host library the CLI uses). Programs the core and the golden reference, checks
// the programmed image by reading it back, then steps both one timestep at a time and hands the RTL state to
// the scoreboard: spikes, V, I_ex, I_in, r, x, y of all n neurons, and the weights STDP may have touched (rows
// and columns of the neurons that spiked, within the used neurons; the whole used matrix after the last step).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <systemc>
#include <vector>

#include "byte_channel.hpp"
#include "golden_ref.hpp"
#include "scoreboard.hpp"
#include "snapshot.hpp"
#include "spikecore/compiler.hpp"

namespace spikecore::cosim {

struct DriverResult {
  bool finished = false;        ///< all steps ran (the scoreboard may still have found a mismatch)
  std::string error;            ///< link/transport/config failure, or a programming read-back difference
  bool readback_mismatch = false;
  std::uint64_t spikes = 0;             ///< RTL spikes in the lockstep run (forced ones included)
  std::uint64_t cosim_cycles = 0;       ///< core clock cycles of the lockstep run (programming excluded)
  double cosim_seconds = 0;             ///< wall time of the lockstep run
  std::uint64_t run_cycles = 0;         ///< --bench: cycles of one RUN of all steps (no readback)
  double run_seconds = 0;
  std::uint64_t program_cycles = 0;     ///< cycles to program and read back the image
  std::size_t readback_weights = 0, readback_fields = 0, readback_regs = 0;   ///< items found identical
};

class HostDriver : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(HostDriver);
  HostDriver(sc_core::sc_module_name name, ByteChannel& ch, const CompiledNetwork& c,
             std::vector<InputEvent> inputs, std::uint32_t steps, GoldenRef& golden, Scoreboard& sb);
  sc_core::sc_fifo_out<StepRequest> golden_req;
  sc_core::sc_fifo_out<Snapshot> rtl_out;
  /// Called at the start of step `trace_from` (opens the FST window).
  std::function<void()> on_trace_start;
  std::uint32_t trace_from = 0;
  bool bench = false;
  const DriverResult& result() const { return res_; }

 private:
  void main();
  void check_programmed(Device& rtl);
  void read_weights(Device& rtl, const std::vector<int>& spiked, bool all, Snapshot& s);

  ByteChannel& ch_;
  const CompiledNetwork& c_;
  std::vector<InputEvent> inputs_;
  std::uint32_t steps_;
  GoldenRef& golden_;
  Scoreboard& sb_;
  DriverResult res_;
};

}  // namespace spikecore::cosim
