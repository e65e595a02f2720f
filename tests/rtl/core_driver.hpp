// SPDX-License-Identifier: Apache-2.0
// Cycle driver for a Verilated rtl/spk_core.sv (ports: docs/rtl.md). Templated on the Verilated
// class so that one harness serves every parameter set (one Verilated model per set).
// Inputs change after the falling edge, outputs are read after it; every call advances whole cycles.
#pragma once
#include <verilated.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace spikecore::rtltest {

/// One spike as the FIFO reports it: {step offset, neuron}.
struct SpikeEvent {
  std::uint16_t step;
  std::uint16_t neuron;
  bool operator==(const SpikeEvent& o) const { return step == o.step && neuron == o.neuron; }
};

enum Space : int { SPACE_NEURON = 0, SPACE_WEIGHT = 1, SPACE_REG = 2 };

template <class V>
class CoreDriver {
 public:
  /// Builds the model, applies rst_ni and waits for the zeroing sweep (busy_o low).
  CoreDriver() : ctx_(std::make_unique<VerilatedContext>()) {
    model_ = std::make_unique<V>(ctx_.get(), "dut");
    m().clk_i = 0;
    m().rst_ni = 0;
    m().mem_req_i = 0;
    m().in_push_i = 0;
    m().run_start_i = 0;
    m().reset_state_i = 0;
    m().spk_pop_i = 0;
    m().eval();
    tick();
    tick();
    m().rst_ni = 1;
    m().eval();
    wait_idle(std::uint64_t{1} << 26);
  }
  ~CoreDriver() { model_->final(); }
  CoreDriver(const CoreDriver&) = delete;
  CoreDriver& operator=(const CoreDriver&) = delete;

  V& m() { return *model_; }
  std::uint64_t cycles() const { return cycles_; }

  void tick() {
    m().clk_i = 1;
    m().eval();
    m().clk_i = 0;
    m().eval();
    ++cycles_;
  }

  void wait_idle(std::uint64_t limit) {
    for (std::uint64_t i = 0; m().busy_o; ++i) {
      if (i > limit) throw std::runtime_error("spk_core stays busy");
      tick();
    }
  }

  /// One host-port transaction; returns mem_rdata_o at the ack.
  std::uint32_t access(bool we, int space, int field, std::uint32_t addr, std::uint32_t wdata) {
    for (int i = 0; !m().mem_ready_o; ++i) {
      if (i > 100) throw std::runtime_error("mem_ready_o stays low");
      tick();
    }
    m().mem_req_i = 1;
    m().mem_we_i = we;
    m().mem_space_i = static_cast<std::uint8_t>(space);
    m().mem_field_i = static_cast<std::uint8_t>(field);
    m().mem_addr_i = addr;
    m().mem_wdata_i = wdata;
    tick();
    m().mem_req_i = 0;
    for (int i = 0; !m().mem_ack_o; ++i) {
      if (i > 100) throw std::runtime_error("mem_ack_o never came");
      tick();
    }
    const std::uint32_t r = m().mem_rdata_o;
    tick();
    return r;
  }
  void write(int space, int field, std::uint32_t addr, std::uint32_t v) { access(true, space, field, addr, v); }
  std::uint32_t read(int space, int field, std::uint32_t addr) { return access(false, space, field, addr, 0); }

  void push_input(std::uint16_t step, std::uint16_t nid) {
    m().in_push_i = 1;
    m().in_step_i = step;
    m().in_nid_i = nid;
    tick();
    m().in_push_i = 0;
  }

  void reset_state() {
    m().reset_state_i = 1;
    tick();
    m().reset_state_i = 0;
    wait_idle(std::uint64_t{1} << 24);
  }

  /// Starts a RUN without draining the FIFO (for the stall test).
  void start_run(std::uint16_t steps) {
    m().run_steps_i = steps;
    m().run_start_i = 1;
    tick();
    m().run_start_i = 0;
  }

  /// Pops one event per cycle while the FIFO has data.
  void pop_available(std::vector<SpikeEvent>* out) {
    while (m().spk_valid_o) {
      const std::uint32_t d = m().spk_data_o;
      out->push_back({static_cast<std::uint16_t>(d >> 16), static_cast<std::uint16_t>(d & 0xFFFF)});
      m().spk_pop_i = 1;
      tick();
      m().spk_pop_i = 0;
    }
  }

  /// RUN of `steps` timesteps, popping spikes as they come; returns the cycles from start to idle.
  std::uint64_t run(std::uint16_t steps, std::vector<SpikeEvent>* out) {
    const std::uint64_t c0 = cycles_;
    start_run(steps);
    while (m().busy_o || m().spk_valid_o) {
      if (cycles_ - c0 > (std::uint64_t{1} << 32)) throw std::runtime_error("run does not end");
      if (m().spk_valid_o) {
        const std::uint32_t d = m().spk_data_o;
        out->push_back({static_cast<std::uint16_t>(d >> 16), static_cast<std::uint16_t>(d & 0xFFFF)});
        m().spk_pop_i = 1;
      }
      tick();
      m().spk_pop_i = 0;
    }
    return cycles_ - c0;
  }

 private:
  std::unique_ptr<VerilatedContext> ctx_;  // not a file-scope static: construction order
  std::unique_ptr<V> model_;
  std::uint64_t cycles_ = 0;
};

}  // namespace spikecore::rtltest
