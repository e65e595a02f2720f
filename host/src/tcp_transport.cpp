// SPDX-License-Identifier: Apache-2.0
// TcpTransport on Boost.Asio (toolchain.md §4: acceptor/connect/read/write verified on loopback).
#include "spikecore/tcp_transport.hpp"

#include "asio_io.hpp"

namespace spikecore {

namespace asio = boost::asio;
using asio::ip::tcp;

struct TcpTransport::Impl {
  asio::io_context io;
  tcp::socket sock{io};
  std::string who;
  std::chrono::milliseconds write_timeout{};
};

TcpTransport::TcpTransport(const std::string& host, std::uint16_t port, std::chrono::milliseconds connect_timeout,
                           std::chrono::milliseconds write_timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->who = "tcp://" + host + ":" + std::to_string(port);
  impl_->write_timeout = write_timeout;
  if (port == 0) throw TransportError(impl_->who + ": port = 0: expected 1..65535");
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->io);
  const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) throw TransportError("cannot resolve " + host + ": " + ec.message());
  bool done = false;
  asio::async_connect(impl_->sock, endpoints, [&](const boost::system::error_code& e, const tcp::endpoint&) {
    done = true;
    ec = e;
  });
  impl_->io.run_for(connect_timeout);
  if (!done) {   // close (not cancel): async_connect would otherwise go on to the next resolved address
    boost::system::error_code ignored;
    impl_->sock.close(ignored);
    impl_->io.restart();
    impl_->io.run();
  }
  if (ec == asio::error::operation_aborted || !done)
    throw TransportError("no answer from " + impl_->who + " within " + std::to_string(connect_timeout.count()) +
                         " ms (connect timeout)");
  if (ec == asio::error::connection_refused)
    throw TransportError("connection refused by " + impl_->who + " (nothing listening: is spikecore-sim running?)");
  if (ec) throw TransportError("cannot connect to " + impl_->who + ": " + ec.message());
  impl_->sock.set_option(tcp::no_delay(true), ec);   // request/response of small frames: no Nagle delay
}

TcpTransport::~TcpTransport() = default;

void TcpTransport::write(const std::uint8_t* data, std::size_t n) {
  detail::timed_write(impl_->io, impl_->sock, data, n, impl_->write_timeout, impl_->who);
}

std::size_t TcpTransport::read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) {
  return detail::timed_read(impl_->io, impl_->sock, buf, max, timeout, impl_->who);
}

std::string TcpTransport::describe() const { return impl_->who; }

}  // namespace spikecore
