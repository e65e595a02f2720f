// SPDX-License-Identifier: Apache-2.0
// Byte-stream transport between the host library and a device (simulated core, UART, TCP).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

namespace spikecore {

/// Raised when a transport cannot be opened or fails (no device, broken pipe).
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A bidirectional byte stream carrying the framed protocol of docs/protocol.md.
/// Implementations: SimTransport (sim/, Verilated core in-process); later SerialTransport, TcpTransport.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends all `n` bytes (blocks until accepted by the device side).
  virtual void write(const std::uint8_t* data, std::size_t n) = 0;
  /// Receives up to `max` bytes; returns as soon as at least one byte is available, or 0 after `timeout`.
  /// For simulated transports the timeout is converted to simulated clock cycles, not wall time.
  virtual std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) = 0;
  /// Lets the device work for `d` without traffic (between polls of a running core). Real links sleep;
  /// simulated transports advance the simulated clock by the same amount of device time instead.
  virtual void idle(std::chrono::microseconds d) { std::this_thread::sleep_for(d); }
  /// Human-readable description ("sim N=256 lanes=4", "/dev/ttyUSB1@3000000").
  virtual std::string describe() const = 0;
};

}  // namespace spikecore
