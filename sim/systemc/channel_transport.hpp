// SPDX-License-Identifier: Apache-2.0
// spikecore::Transport over a ByteChannel, for use from inside a SystemC thread (SC_THREAD): write() and read()
// wait() on simulated time, so LinkBackend and Device run unchanged against the SystemC core. Timeouts are
// converted to clock cycles at the channel's clock (like SimTransport: 1 ms = clk_hz/1000 cycles, floor 2M cycles).
#pragma once

#include <cstdint>
#include <string>

#include "byte_channel.hpp"
#include "spikecore/transport.hpp"

namespace spikecore::cosim {

class ChannelTransport final : public Transport {
 public:
  explicit ChannelTransport(ByteChannel& ch) : ch_(ch) {}
  /// Waits until every byte has been taken by the core; TransportError after 2e8 cycles without progress.
  void write(const std::uint8_t* data, std::size_t n) override;
  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) override;
  void idle(std::chrono::microseconds d) override;
  std::string describe() const override { return "systemc " + ch_.describe(); }

 private:
  std::uint64_t cycles_per_ms() const;
  ByteChannel& ch_;
};

}  // namespace spikecore::cosim
