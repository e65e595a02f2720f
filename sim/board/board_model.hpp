// SPDX-License-Identifier: Apache-2.0
// Type-erased handle on one Verilated spk_board_top variant (rtl/top/), clocked at pin level.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "line.hpp"

namespace spikecore::board {

class BoardModel {
 public:
  virtual ~BoardModel() = default;
  /// Holds the reset button for `cycles` cycles, then releases it.
  virtual void reset(int cycles) = 0;
  /// Runs `cycles` clock cycles: the RX pin follows `enc`, the TX pin goes through `dec`, decoded bytes are
  /// appended to `out`.
  virtual void run(std::uint64_t cycles, LineEncoder& enc, LineDecoder& dec, std::vector<std::uint8_t>& out) = 0;
  virtual bool led_run() const = 0;
  virtual std::uint64_t cycles() const = 0;
};

struct BoardVariant {
  int n;
  int lanes;
  std::unique_ptr<BoardModel> (*make)();
};

/// Compiled variants (generated board_variants.cpp), ascending N. Clock kClkHz, line kBaud.
const std::vector<BoardVariant>& board_variants();
constexpr int kClkHz = SPIKECORE_BOARD_CLK_HZ;
constexpr int kBaud = SPIKECORE_BOARD_BAUD;

}  // namespace spikecore::board
