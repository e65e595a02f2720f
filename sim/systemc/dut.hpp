// SPDX-License-Identifier: Apache-2.0
// Type-erased handle on one Verilated SystemC core (verilator --sc): spk_top (byte stream) or spk_board_top
// (UART pins). Each variant is its own --prefix class; the generated dut_<prefix>.cpp binds it.
#pragma once

#include <cstdint>
#include <string>
#include <systemc>
#include <vector>

class VerilatedFstSc;

namespace spikecore::cosim {

enum class DutKind { Byte, Board };

/// spk_top's ports as signals (docs/rtl.md): one byte per cycle each way, valid/ready.
struct ByteSignals {
  sc_core::sc_signal<bool> rst_n{"rst_n"}, rx_valid{"rx_valid"}, rx_ready{"rx_ready"};
  sc_core::sc_signal<bool> tx_valid{"tx_valid"}, tx_ready{"tx_ready"};
  sc_core::sc_signal<std::uint32_t> rx_data{"rx_data"}, tx_data{"tx_data"};   // 8-bit ports
};

/// spk_board_top's pins (docs/uart.md): reset button, UART lines (idle high), LEDs.
struct PinSignals {
  sc_core::sc_signal<bool> rst_btn_n{"rst_btn_n"}, uart_rx{"uart_rx"}, uart_tx{"uart_tx"};
  sc_core::sc_signal<bool> led_rx{"led_rx"}, led_tx{"led_tx"}, led_run{"led_run"}, led_err{"led_err"};
};

/// One Verilated core instance. bind_* connects it (the one matching its kind); trace() adds it to an FST.
class DutModule {
 public:
  virtual ~DutModule() = default;
  virtual void bind_byte(sc_core::sc_clock& clk, ByteSignals& s) = 0;
  virtual void bind_board(sc_core::sc_clock& clk, PinSignals& s) = 0;
  virtual void trace(VerilatedFstSc* tfp) = 0;
};

struct DutVariant {
  DutKind kind;
  int n, lanes;
  DutModule* (*make)(const char* name);   ///< new module (owned by the caller); call during elaboration only
};

/// Every compiled variant (generated dut_variants.cpp), ascending N per kind.
const std::vector<DutVariant>& dut_variants();
/// The variant of `kind` with the smallest N >= n_min, or N == n_exact when n_exact > 0. Throws ConfigError
/// naming the option and listing the compiled variants when none fits.
const DutVariant& pick_variant(DutKind kind, int n_min, int n_exact);

}  // namespace spikecore::cosim
