// SPDX-License-Identifier: Apache-2.0
// Byte-stream driver: moves ByteChannel bytes over spk_top's rx/tx valid/ready ports, one per clock at most.
// Handshakes are evaluated at the rising edge from the values settled before it (what the RTL samples), and
// the next rx byte is driven right after the edge, like a register.
#pragma once

#include <string>
#include <systemc>

#include "byte_channel.hpp"
#include "dut.hpp"

namespace spikecore::cosim {

class ByteDriver : public sc_core::sc_module, public ByteChannel {
 public:
  SC_HAS_PROCESS(ByteDriver);
  ByteDriver(sc_core::sc_module_name name, sc_core::sc_clock& clk, ByteSignals& s);
  sc_core::sc_time period() const override { return clk_.period(); }
  std::uint64_t byte_gap_cycles() const override { return 16; }
  std::string describe() const override { return "spk_top byte stream"; }

 private:
  void on_posedge();
  sc_core::sc_clock& clk_;
  ByteSignals& s_;
};

}  // namespace spikecore::cosim
