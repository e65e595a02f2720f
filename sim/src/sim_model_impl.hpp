// SPDX-License-Identifier: Apache-2.0
// Model implementation shared by every generated variant: V is the Verilated class (Vspk_top_nX_lY).
#pragma once

#include <memory>
#include <string>

#include "sim_model.hpp"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

namespace spikecore::sim {

template <class V>
class ModelImpl final : public Model {
 public:
  ModelImpl() : ctx_(std::make_unique<VerilatedContext>()) {
    ctx_->threads(1);
#if VM_TRACE
    ctx_->traceEverOn(true);
#endif
    top_ = std::make_unique<V>(ctx_.get(), "spk_top");
    top_->clk_i = 0;
    top_->rst_ni = 0;
    top_->rx_valid_i = 0;
    top_->rx_data_i = 0;
    top_->tx_ready_i = 1;
    top_->uart_frame_err_i = 0;     // no UART PHY in the byte-stream model: registers 27, 28 read 0
    top_->uart_rx_overflow_i = 0;
    top_->eval();
  }
  ~ModelImpl() override {
#if VM_TRACE
    if (tfp_) tfp_->close();
#endif
    top_->final();
  }

  bool cycle(bool rx_valid, std::uint8_t rx_data, int& tx_byte) override {
    top_->rx_valid_i = rx_valid;
    top_->rx_data_i = rx_data;
    top_->tx_ready_i = 1;
    top_->clk_i = 0;
    top_->eval();
    dump();
    // Handshakes are sampled on the settled low phase, i.e. what the rising edge will see.
    const bool accepted = rx_valid && top_->rx_ready_o;
    tx_byte = top_->tx_valid_o ? int(top_->tx_data_o) : -1;
    top_->clk_i = 1;
    top_->eval();
    dump();
    return accepted;
  }

  void reset(int cycles) override {
    top_->rst_ni = 0;
    int ignored = -1;
    for (int i = 0; i < cycles; ++i) cycle(false, 0, ignored);
    top_->rst_ni = 1;
  }

  void trace(const std::string& path) override {
#if VM_TRACE
    tfp_ = std::make_unique<VerilatedFstC>();
    top_->trace(tfp_.get(), 99);
    tfp_->open(path.c_str());
#else
    (void)path;
#endif
  }

 private:
  void dump() {
#if VM_TRACE
    if (tfp_) tfp_->dump(ctx_->time());
#endif
    ctx_->timeInc(1);
  }

  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<V> top_;
#if VM_TRACE
  std::unique_ptr<VerilatedFstC> tfp_;
#endif
};

}  // namespace spikecore::sim
