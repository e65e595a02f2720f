// SPDX-License-Identifier: Apache-2.0
#include "byte_driver.hpp"

namespace spikecore::cosim {

ByteDriver::ByteDriver(sc_core::sc_module_name name, sc_core::sc_clock& clk, ByteSignals& s)
    : sc_core::sc_module(name), clk_(clk), s_(s) {
  SC_METHOD(on_posedge);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

void ByteDriver::on_posedge() {
  s_.tx_ready.write(true);
  if (!s_.rst_n.read()) {
    s_.rx_valid.write(false);
    return;
  }
  ++cycles;
  if (s_.rx_valid.read() && s_.rx_ready.read() && !to_dev.empty()) {
    to_dev.pop_front();
    if (to_dev.empty()) drained.notify(sc_core::SC_ZERO_TIME);
  }
  if (s_.tx_valid.read() && s_.tx_ready.read()) {
    from_dev.push_back(std::uint8_t(s_.tx_data.read() & 0xFFu));
    arrived.notify(sc_core::SC_ZERO_TIME);
  }
  s_.rx_valid.write(!to_dev.empty());
  s_.rx_data.write(to_dev.empty() ? 0u : to_dev.front());
}

}  // namespace spikecore::cosim
