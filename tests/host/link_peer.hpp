// SPDX-License-Identifier: Apache-2.0
// Test helper: a protocol device (GoldenTransport) behind a real file descriptor -- the master side of a pty or
// an accepted TCP socket -- served by a thread, so SerialTransport/TcpTransport are exercised through the kernel.
#pragma once

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "spikecore/golden_transport.hpp"

namespace spikecore::test {

/// Serves GoldenTransport(cfg) on fd (obtained from `get_fd`, called in the thread, e.g. accept()) until stop()
/// or the peer hangs up. Closes the fd it got when done.
class LinkPeer {
 public:
  LinkPeer(GoldenLinkConfig cfg, std::function<int()> get_fd)
      : thread_([this, cfg, get_fd] { serve(cfg, get_fd); }) {}
  ~LinkPeer() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::uint64_t bytes_in() const { return in_; }
  std::uint64_t bytes_out() const { return out_; }

 private:
  void serve(const GoldenLinkConfig& cfg, const std::function<int()>& get_fd) {
    const int fd = get_fd();
    if (fd < 0) return;
    GoldenTransport dev(cfg);
    std::uint8_t buf[4096];
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5) > 0) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        in_ += std::uint64_t(n);
        dev.write(buf, std::size_t(n));
      }
      for (std::size_t k; (k = dev.read(buf, sizeof buf, std::chrono::milliseconds{0})) > 0;) {
        for (std::size_t off = 0; off < k;) {
          const ssize_t w = ::write(fd, buf + off, k - off);
          if (w <= 0) { ::close(fd); return; }
          off += std::size_t(w);
        }
        out_ += k;
      }
    }
    ::close(fd);
  }
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> in_{0}, out_{0};
  std::thread thread_;
};

}  // namespace spikecore::test
