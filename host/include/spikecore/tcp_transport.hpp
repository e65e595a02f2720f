// SPDX-License-Identifier: Apache-2.0
// TcpTransport: the link over TCP (spikecore-sim's TCP port, or a board behind a serial-to-TCP bridge such as
// `socat TCP-LISTEN:5555,reuseaddr FILE:/dev/ttyUSB1,raw,b3000000`), on Boost.Asio. Nagle is off: the protocol
// is request/response with small frames.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "spikecore/transport.hpp"

namespace spikecore {

class TcpTransport : public Transport {
 public:
  /// Connects to host:port (name or address; port 1..65535) within `connect_timeout`.
  /// Throws TransportError: "cannot resolve HOST: REASON", "connection refused by tcp://HOST:PORT (...)",
  /// "no answer from tcp://HOST:PORT within T ms", or "cannot connect to tcp://HOST:PORT: REASON".
  TcpTransport(const std::string& host, std::uint16_t port,
               std::chrono::milliseconds connect_timeout = std::chrono::milliseconds{3000},
               std::chrono::milliseconds write_timeout = std::chrono::milliseconds{5000});
  ~TcpTransport() override;
  TcpTransport(const TcpTransport&) = delete;
  TcpTransport& operator=(const TcpTransport&) = delete;

  void write(const std::uint8_t* data, std::size_t n) override;
  /// Throws TransportError "tcp://HOST:PORT: the device closed the connection" when the peer hangs up.
  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) override;
  /// "tcp://HOST:PORT".
  std::string describe() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spikecore
