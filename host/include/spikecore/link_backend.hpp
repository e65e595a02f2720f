// SPDX-License-Identifier: Apache-2.0
// Backend speaking docs/protocol.md over any Transport (simulated core, UART, TCP, golden loopback).
#pragma once

#include <chrono>
#include <memory>

#include "spikecore/device.hpp"
#include "spikecore/protocol.hpp"
#include "spikecore/transport.hpp"

namespace spikecore {

struct LinkOptions {
  std::chrono::milliseconds timeout{1000};   ///< per attempt: no response within this -> re-send (same seq)
  int retries = 10;                          ///< re-sends per command after timeouts or NAK CRC/LENGTH
};

/// Per command: one frame with a fresh seq; on timeout or NAK CRC/LENGTH the same frame (same seq) is re-sent up
/// to `retries` times, the device's duplicate suppression making that safe; any other NAK, or exhausted retries,
/// raises LinkError naming the command and the NAK code. Transfers longer than MAX_BODY are split.
class LinkBackend : public Backend {
 public:
  /// Takes the transport and reads CAPS; throws LinkError if the device speaks another protocol/model format.
  explicit LinkBackend(std::unique_ptr<Transport> transport, LinkOptions opt = {});

  Caps caps() override { return caps_; }
  void write_neuron(int field, int first, const std::vector<std::uint32_t>& values) override;
  std::vector<std::uint32_t> read_neuron(int field, int first, int count) override;
  void write_reg(int reg, std::uint32_t value) override;
  std::vector<std::uint32_t> read_regs(int reg, int count) override;
  void write_weights(std::uint32_t addr, const std::vector<std::uint16_t>& words) override;
  std::vector<std::uint16_t> read_weights(std::uint32_t addr, std::uint32_t count) override;
  /// Splits into device runs of <= 65535 steps holding <= in_depth inputs each, polls READ_SPIKES until each
  /// finishes, and returns steps counted from the start of this call. Throws ConfigError for bad inputs or more
  /// than in_depth inputs at one step.
  std::vector<SpikeEvent> run(std::uint32_t steps, const std::vector<InputEvent>& inputs) override;
  void reset_state() override;
  Counters counters() override;

  /// Sends one command and returns the ACK body (the retry logic above). Public for tools and tests.
  std::vector<std::uint8_t> transact(std::uint8_t type, const std::vector<std::uint8_t>& body);
  [[nodiscard]] std::uint64_t resends() const { return resends_; }
  [[nodiscard]] std::string describe() const { return transport_->describe(); }
  Transport& transport() { return *transport_; }

 private:
  std::size_t max_body() const;
  std::unique_ptr<Transport> transport_;
  LinkOptions opt_;
  proto::Decoder rx_;
  std::uint8_t seq_ = 0;
  std::uint64_t resends_ = 0;
  // Body bytes per frame when splitting transfers: halved after a damaged or lost frame (down to 64), doubled
  // back after 8 clean ones, so a noisy line gets frames short enough to pass while a clean one runs at full size.
  std::size_t frame_limit_ = 1u << 30;
  int clean_run_ = 0;
  Caps caps_;
};

}  // namespace spikecore
