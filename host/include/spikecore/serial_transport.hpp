// SPDX-License-Identifier: Apache-2.0
// SerialTransport: the link over a serial port (USB-UART bridge to a board, or the pty of spikecore-sim), raw 8N1,
// no flow control, on Boost.Asio serial_port. See docs/link.md for wiring and baud rates.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spikecore/transport.hpp"

namespace spikecore {

/// 3 Mbaud: supported by FT232R/FT2232H/CP2102N bridges and by the board top; 10 bits per byte on the wire.
constexpr unsigned DEFAULT_BAUD = 3000000;
/// Rates outside standard_bauds() are set with termios2/BOTHER, within this range (the driver may still refuse).
constexpr unsigned MIN_BAUD = 300;
constexpr unsigned MAX_BAUD = 12000000;

/// The Linux Bxxx rates Asio sets directly, ascending (300 .. 4000000).
const std::vector<unsigned>& standard_bauds();

class SerialTransport : public Transport {
 public:
  /// Opens `path` at `baud`, raw 8N1, no flow control, and discards bytes already queued in either direction.
  /// Throws TransportError: "no device at PATH" (no such file), "permission denied on PATH (...)",
  /// "PATH is not a serial port", "baud = B: expected 300..12000000 (...)", or "cannot open PATH: REASON".
  explicit SerialTransport(const std::string& path, unsigned baud = DEFAULT_BAUD,
                           std::chrono::milliseconds write_timeout = std::chrono::milliseconds{5000});
  ~SerialTransport() override;
  SerialTransport(const SerialTransport&) = delete;
  SerialTransport& operator=(const SerialTransport&) = delete;

  /// Throws TransportError if the bytes are not accepted within the write timeout (peer not reading).
  void write(const std::uint8_t* data, std::size_t n) override;
  /// Throws TransportError when the other end is gone (pty master closed, USB unplugged).
  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) override;
  /// "PATH@BAUD".
  std::string describe() const override;
  /// The rate the port reports after configuration (read back from the driver), baud.
  [[nodiscard]] unsigned baud() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spikecore
