// SPDX-License-Identifier: Apache-2.0
#include "endpoints.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace spikecore::board {
namespace {

void nonblock(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }
std::runtime_error sys_error(const std::string& what) {
  return std::runtime_error("spikecore-sim: " + what + ": " + std::strerror(errno));
}
constexpr std::size_t kMaxQueue = 1 << 20;

}  // namespace

Endpoints::Endpoints(bool pty, const std::string& link, int tcp_port) {
  if (pty) {
    char name[256] = {};
    struct termios raw {};
    ::cfmakeraw(&raw);
    if (::openpty(&master_, &slave_, name, &raw, nullptr) != 0) throw sys_error("openpty");
    // We keep our own slave descriptor open, so the master never sees a hang-up when the host closes its side
    // and a later host can open the same path again.
    pty_path_ = name;
    nonblock(master_);
    if (!link.empty()) {
      ::unlink(link.c_str());
      if (::symlink(name, link.c_str()) != 0) throw sys_error("symlink " + link + " -> " + name);
      link_ = link;
    }
  }
  if (tcp_port >= 0) {
    if (tcp_port > 65535) throw std::runtime_error("spikecore-sim: --tcp " + std::to_string(tcp_port) +
                                                   " out of range 0..65535");
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_ < 0) throw sys_error("socket");
    int one = 1;
    ::setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(tcp_port));
    if (::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw sys_error("bind 127.0.0.1:" + std::to_string(tcp_port));
    if (::listen(listen_, 1) != 0) throw sys_error("listen");
    socklen_t len = sizeof a;
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    nonblock(listen_);
  }
}

Endpoints::~Endpoints() {
  if (!link_.empty()) ::unlink(link_.c_str());
  for (int fd : {client_, listen_, slave_, master_})
    if (fd >= 0) ::close(fd);
}

void Endpoints::poll(int timeout_ms, std::vector<std::uint8_t>& in) {
  pollfd p[3];
  int n = 0;
  const int i_m = master_ >= 0 ? n++ : -1;
  if (i_m >= 0) p[i_m] = {master_, static_cast<short>(POLLIN | (pty_q_.empty() ? 0 : POLLOUT)), 0};
  const int i_l = listen_ >= 0 ? n++ : -1;
  if (i_l >= 0) p[i_l] = {listen_, POLLIN, 0};
  const int i_c = client_ >= 0 ? n++ : -1;
  if (i_c >= 0) p[i_c] = {client_, static_cast<short>(POLLIN | (tcp_q_.empty() ? 0 : POLLOUT)), 0};
  if (::poll(p, n, timeout_ms) <= 0) return;
  std::uint8_t buf[4096];
  if (i_m >= 0 && (p[i_m].revents & POLLIN)) {
    ssize_t r;
    while ((r = ::read(master_, buf, sizeof buf)) > 0) in.insert(in.end(), buf, buf + r);
  }
  if (i_c >= 0 && (p[i_c].revents & (POLLIN | POLLHUP | POLLERR))) {
    ssize_t r;
    while ((r = ::read(client_, buf, sizeof buf)) > 0) in.insert(in.end(), buf, buf + r);
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      ::close(client_);
      client_ = -1;
      tcp_q_.clear();
    }
  }
  if (i_l >= 0 && (p[i_l].revents & POLLIN)) {
    const int c = ::accept(listen_, nullptr, nullptr);
    if (c >= 0) {
      if (client_ >= 0) ::close(client_);
      client_ = c;
      tcp_q_.clear();
      nonblock(client_);
      int one = 1;
      ::setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
  }
  flush(master_, pty_q_);
  flush(client_, tcp_q_);
}

void Endpoints::flush(int fd, std::vector<std::uint8_t>& q) {
  if (fd < 0 || q.empty()) return;
  const ssize_t w = ::write(fd, q.data(), q.size());
  if (w > 0) q.erase(q.begin(), q.begin() + w);
  if (q.size() > kMaxQueue) {
    const std::size_t cut = q.size() - kMaxQueue;
    discarded_ += cut;
    q.erase(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(cut));
  }
}

void Endpoints::write(const std::vector<std::uint8_t>& out) {
  if (out.empty()) return;
  if (master_ >= 0) { pty_q_.insert(pty_q_.end(), out.begin(), out.end()); flush(master_, pty_q_); }
  if (client_ >= 0) { tcp_q_.insert(tcp_q_.end(), out.begin(), out.end()); flush(client_, tcp_q_); }
}

}  // namespace spikecore::board
