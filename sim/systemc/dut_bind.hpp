// SPDX-License-Identifier: Apache-2.0
// DutModule implementation shared by the generated variants; V is a Verilated SystemC class.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "dut.hpp"
#include "verilated_fst_sc.h"

namespace spikecore::cosim {

template <class V>
class ByteDut final : public DutModule {
 public:
  explicit ByteDut(const char* name) : top_(std::make_unique<V>(name)) {}
  void bind_byte(sc_core::sc_clock& clk, ByteSignals& s) override {
    top_->clk_i(clk);
    top_->rst_ni(s.rst_n);
    top_->rx_valid_i(s.rx_valid);
    top_->rx_data_i(s.rx_data);
    top_->rx_ready_o(s.rx_ready);
    top_->tx_valid_o(s.tx_valid);
    top_->tx_data_o(s.tx_data);
    top_->tx_ready_i(s.tx_ready);
    // No UART PHY at the byte-stream top: its error counters read 0 (registers 27, 28).
    top_->busy_o(busy_);
    top_->uart_frame_err_i(no_errors_);
    top_->uart_rx_overflow_i(no_errors_);
  }
  void bind_board(sc_core::sc_clock&, PinSignals&) override {
    throw std::logic_error("spk_top has no UART pins");
  }
  void trace(VerilatedFstSc* tfp) override { top_->trace(tfp, 99); }

 private:
  std::unique_ptr<V> top_;
  sc_core::sc_signal<bool> busy_{"busy"};
  sc_core::sc_signal<std::uint32_t> no_errors_{"no_errors"};
};

template <class V>
class BoardDut final : public DutModule {
 public:
  explicit BoardDut(const char* name) : top_(std::make_unique<V>(name)) {}
  void bind_byte(sc_core::sc_clock&, ByteSignals&) override {
    throw std::logic_error("spk_board_top has no byte-stream port");
  }
  void bind_board(sc_core::sc_clock& clk, PinSignals& s) override {
    top_->clk_i(clk);
    top_->rst_btn_ni(s.rst_btn_n);
    top_->uart_rx_i(s.uart_rx);
    top_->uart_tx_o(s.uart_tx);
    top_->led_rx_o(s.led_rx);
    top_->led_tx_o(s.led_tx);
    top_->led_run_o(s.led_run);
    top_->led_err_o(s.led_err);
  }
  void trace(VerilatedFstSc* tfp) override { top_->trace(tfp, 99); }

 private:
  std::unique_ptr<V> top_;
};

}  // namespace spikecore::cosim
