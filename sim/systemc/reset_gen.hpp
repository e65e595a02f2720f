// SPDX-License-Identifier: Apache-2.0
// Reset generator: holds an active-low reset for `cycles` clock periods from time 0, then releases it.
#pragma once

#include <systemc>

namespace spikecore::cosim {

class ResetGen : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(ResetGen);
  ResetGen(sc_core::sc_module_name name, sc_core::sc_clock& clk, sc_core::sc_signal<bool>& rst_n, int cycles)
      : sc_core::sc_module(name), clk_(clk), rst_n_(rst_n), cycles_(cycles) {
    SC_THREAD(run);
  }

 private:
  void run() {
    rst_n_.write(false);
    sc_core::wait(clk_.period() * double(cycles_));
    rst_n_.write(true);
  }
  sc_core::sc_clock& clk_;
  sc_core::sc_signal<bool>& rst_n_;
  int cycles_;
};

}  // namespace spikecore::cosim
