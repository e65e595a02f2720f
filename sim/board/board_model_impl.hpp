// SPDX-License-Identifier: Apache-2.0
// BoardModel for one Verilated class V (Vspk_board_top_nX_lY); the cycle loop is here so it inlines.
#pragma once

#include <memory>

#include "board_model.hpp"
#include "verilated.h"

namespace spikecore::board {

template <class V>
class BoardModelImpl final : public BoardModel {
 public:
  BoardModelImpl() : ctx_(std::make_unique<VerilatedContext>()) {
    top_ = std::make_unique<V>(ctx_.get(), "board");
    top_->clk_i = 0;
    top_->rst_btn_ni = 0;
    top_->uart_rx_i = 1;
    top_->eval();
  }
  ~BoardModelImpl() override { top_->final(); }

  void reset(int cycles) override {
    top_->rst_btn_ni = 0;
    for (int i = 0; i < cycles; ++i) edge();
    top_->rst_btn_ni = 1;
  }

  void run(std::uint64_t cycles, LineEncoder& enc, LineDecoder& dec, std::vector<std::uint8_t>& out) override {
    for (std::uint64_t i = 0; i < cycles; ++i) {
      top_->uart_rx_i = enc.next();
      edge();
      const int b = dec.sample(top_->uart_tx_o);
      if (b >= 0) out.push_back(static_cast<std::uint8_t>(b));
    }
  }
  bool led_run() const override { return top_->led_run_o; }
  std::uint64_t cycles() const override { return cycles_; }

 private:
  void edge() {
    top_->clk_i = 0;
    top_->eval();
    top_->clk_i = 1;
    top_->eval();
    ++cycles_;
  }
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<V> top_;
  std::uint64_t cycles_ = 0;
};

}  // namespace spikecore::board
