// SPDX-License-Identifier: Apache-2.0
// UART transactor: ByteChannel bytes <-> line-level 8N1 bits (idle high, start 0, 8 data bits LSB first,
// stop 1) on spk_board_top's uart_rx/uart_tx pins, at clk_hz/baud clock cycles per bit (docs/uart.md).
// The receiver samples uart_tx in the middle of each bit; a missing stop bit is counted, not stored.
#pragma once

#include <cstdint>
#include <string>
#include <systemc>

#include "byte_channel.hpp"
#include "dut.hpp"

namespace spikecore::cosim {

class UartTransactor : public sc_core::sc_module, public ByteChannel {
 public:
  SC_HAS_PROCESS(UartTransactor);
  /// cycles_per_bit = clock frequency / baud (>= 4).
  UartTransactor(sc_core::sc_module_name name, sc_core::sc_clock& clk, PinSignals& s, int cycles_per_bit);
  sc_core::sc_time period() const override { return clk_.period(); }
  std::uint64_t byte_gap_cycles() const override { return std::uint64_t(cpb_) * 12; }
  std::string describe() const override;
  std::uint64_t framing_errors() const { return framing_errors_; }
  std::uint64_t bits_sent() const { return bits_sent_; }

 private:
  void on_posedge();
  sc_core::sc_clock& clk_;
  PinSignals& s_;
  int cpb_;
  // transmitter (host -> device line)
  int tx_bit_ = -1;            // -1 idle, 0 start, 1..8 data, 9 stop
  int tx_count_ = 0;
  std::uint8_t tx_byte_ = 0;
  // receiver (device -> host line)
  int rx_bit_ = -1;            // -1 idle, 0 start, 1..8 data, 9 stop
  int rx_count_ = 0;
  std::uint8_t rx_byte_ = 0;
  std::uint64_t framing_errors_ = 0, bits_sent_ = 0;
};

}  // namespace spikecore::cosim
