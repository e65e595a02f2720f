// SPDX-License-Identifier: Apache-2.0
// Timed blocking I/O on an Asio stream (serial_port, tcp::socket) for the Transport contract of transport.hpp:
// read() returns what arrived within the timeout (0 on timeout); write() sends everything or throws.
// The pattern (async op + io_context::run_for + cancel on expiry) is the one verified in
// /work/shared/background/toolchain.md §4. Private to host/src.
#pragma once

#include <boost/asio.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "spikecore/transport.hpp"

namespace spikecore::detail {

/// Runs the io_context until `done` or `timeout`; on expiry cancels the stream's operation and drains its
/// handler so the next call starts clean. Returns true if the operation completed in time.
template <class Stream>
bool run_with_timeout(boost::asio::io_context& io, Stream& s, const bool& done, std::chrono::milliseconds timeout) {
  io.restart();
  io.run_for(timeout);
  if (done) return true;
  boost::system::error_code ignored;
  s.cancel(ignored);
  io.restart();
  io.run();   // runs the cancelled handler (operation_aborted) or a completion that raced the cancel
  return done;
}

/// Up to `max` bytes, at least one, or 0 after `timeout`. `who` names the link in errors ("/dev/ttyUSB1@3000000").
template <class Stream>
std::size_t timed_read(boost::asio::io_context& io, Stream& s, std::uint8_t* buf, std::size_t max,
                       std::chrono::milliseconds timeout, const std::string& who) {
  if (max == 0) return 0;
  bool done = false;
  boost::system::error_code ec;
  std::size_t got = 0;
  s.async_read_some(boost::asio::buffer(buf, max), [&](const boost::system::error_code& e, std::size_t n) {
    done = true;   // also set for operation_aborted; ec tells the two apart
    ec = e;
    got = n;
  });
  run_with_timeout(io, s, done, timeout);
  if (ec == boost::asio::error::operation_aborted) return got;   // timeout (got may be > 0 if it raced)
  if (ec == boost::asio::error::eof)
    throw TransportError(who + ": the device closed the connection");
  if (ec) throw TransportError(who + ": read failed: " + ec.message());
  return got;
}

/// All `n` bytes or TransportError after `timeout` (a peer that stops reading must not hang the host).
template <class Stream>
void timed_write(boost::asio::io_context& io, Stream& s, const std::uint8_t* data, std::size_t n,
                 std::chrono::milliseconds timeout, const std::string& who) {
  if (n == 0) return;
  bool done = false;
  boost::system::error_code ec;
  boost::asio::async_write(s, boost::asio::buffer(data, n), [&](const boost::system::error_code& e, std::size_t) {
    done = true;
    ec = e;
  });
  run_with_timeout(io, s, done, timeout);
  if (ec == boost::asio::error::operation_aborted || !done)
    throw TransportError(who + ": write of " + std::to_string(n) + " bytes did not complete within " +
                         std::to_string(timeout.count()) + " ms (is the device reading?)");
  if (ec) throw TransportError(who + ": write failed: " + ec.message());
}

}  // namespace spikecore::detail
