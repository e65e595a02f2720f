// SPDX-License-Identifier: Apache-2.0
#include "uart_transactor.hpp"

#include <stdexcept>

namespace spikecore::cosim {

UartTransactor::UartTransactor(sc_core::sc_module_name name, sc_core::sc_clock& clk, PinSignals& s,
                               int cycles_per_bit)
    : sc_core::sc_module(name), clk_(clk), s_(s), cpb_(cycles_per_bit) {
  if (cpb_ < 4) throw std::invalid_argument("UartTransactor: cycles_per_bit = " + std::to_string(cpb_) + ": expected >= 4");
  SC_METHOD(on_posedge);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

std::string UartTransactor::describe() const {
  return "spk_board_top UART, " + std::to_string(cpb_) + " clocks/bit";
}

void UartTransactor::on_posedge() {
  if (!s_.rst_btn_n.read()) {
    s_.uart_rx.write(true);
    return;
  }
  ++cycles;
  // Transmit: one bit every cpb_ cycles; the next byte follows the stop bit directly.
  if (tx_bit_ < 0 && !to_dev.empty()) {
    tx_byte_ = to_dev.front();
    tx_bit_ = 0;
    tx_count_ = 0;
  }
  if (tx_bit_ >= 0) {
    const bool level = tx_bit_ == 0 ? false : tx_bit_ == 9 ? true : ((tx_byte_ >> (tx_bit_ - 1)) & 1u) != 0;
    s_.uart_rx.write(level);
    if (tx_count_ == 0) ++bits_sent_;
    if (++tx_count_ == cpb_) {
      tx_count_ = 0;
      if (++tx_bit_ == 10) {
        tx_bit_ = -1;
        to_dev.pop_front();
        if (to_dev.empty()) drained.notify(sc_core::SC_ZERO_TIME);
      }
    }
  } else {
    s_.uart_rx.write(true);
  }
  // Receive: a falling edge starts a frame; sample each bit in its middle.
  const bool line = s_.uart_tx.read();
  if (rx_bit_ < 0) {
    if (!line) {
      rx_bit_ = 0;
      rx_count_ = cpb_ / 2;
    }
    return;
  }
  if (--rx_count_ > 0) return;
  rx_count_ = cpb_;
  if (rx_bit_ == 0) {
    if (line) {   // glitch, not a start bit
      rx_bit_ = -1;
      return;
    }
    rx_byte_ = 0;
  } else if (rx_bit_ <= 8) {
    if (line) rx_byte_ |= std::uint8_t(1u << (rx_bit_ - 1));
  } else {
    if (line) {
      from_dev.push_back(rx_byte_);
      arrived.notify(sc_core::SC_ZERO_TIME);
    } else {
      ++framing_errors_;
    }
    rx_bit_ = -1;
    return;
  }
  ++rx_bit_;
}

}  // namespace spikecore::cosim
