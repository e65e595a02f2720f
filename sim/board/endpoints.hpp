// SPDX-License-Identifier: Apache-2.0
// Where spikecore-sim's host side connects: a pseudo-terminal (openpty, raw mode) and/or a TCP listener on
// 127.0.0.1 (one client at a time; a new client replaces the old one). Plain POSIX poll() rather than Asio:
// the simulation loop owns the thread and only needs "any bytes for me?" between slices of clock cycles.
// Errors (openpty, bind, symlink) throw std::runtime_error naming the resource.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace spikecore::board {

class Endpoints {
 public:
  /// pty: open a pseudo-terminal (and symlink `link` to it unless empty); tcp_port: -1 none, 0 ephemeral.
  Endpoints(bool pty, const std::string& link, int tcp_port);
  ~Endpoints();
  Endpoints(const Endpoints&) = delete;
  Endpoints& operator=(const Endpoints&) = delete;

  const std::string& pty_path() const { return pty_path_; }
  int tcp_port() const { return port_; }
  /// Waits up to `timeout_ms` for input, accepts TCP clients, appends host bytes to `in`.
  void poll(int timeout_ms, std::vector<std::uint8_t>& in);
  /// Sends device bytes to the pty and the TCP client (buffered, non-blocking; a full pty queue with no
  /// reader keeps at most 1 MiB, older bytes are discarded and counted).
  void write(const std::vector<std::uint8_t>& out);
  std::uint64_t discarded() const { return discarded_; }

 private:
  void flush(int fd, std::vector<std::uint8_t>& q);
  int master_ = -1, slave_ = -1, listen_ = -1, client_ = -1, port_ = -1;
  std::string pty_path_, link_;
  std::vector<std::uint8_t> pty_q_, tcp_q_;
  std::uint64_t discarded_ = 0;
};

}  // namespace spikecore::board
