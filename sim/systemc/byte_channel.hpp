// SPDX-License-Identifier: Apache-2.0
// A byte stream between the host side (ChannelTransport, running in a SystemC thread) and a core's port.
// Implemented by ByteDriver (spk_top's valid/ready byte port) and UartTransactor (spk_board_top's UART pins).
#pragma once

#include <cstdint>
#include <deque>
#include <systemc>

namespace spikecore::cosim {

class ByteChannel {
 public:
  virtual ~ByteChannel() = default;
  std::deque<std::uint8_t> to_dev;     ///< host -> device bytes not yet accepted by the core
  std::deque<std::uint8_t> from_dev;   ///< device -> host bytes not yet read by the host
  sc_core::sc_event drained;           ///< to_dev became empty
  sc_core::sc_event arrived;           ///< a byte was appended to from_dev
  std::uint64_t cycles = 0;            ///< rising clock edges seen since reset was released
  /// Clock period of the core.
  virtual sc_core::sc_time period() const = 0;
  /// Cycles without a new byte after which a response is taken to be complete (> one byte time).
  virtual std::uint64_t byte_gap_cycles() const = 0;
  virtual std::string describe() const = 0;
};

}  // namespace spikecore::cosim
