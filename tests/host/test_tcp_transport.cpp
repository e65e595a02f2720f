// SPDX-License-Identifier: Apache-2.0
// TcpTransport against a loopback listener (POSIX sockets in the test, so the code under test is not its own peer).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "link_peer.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/target.hpp"
#include "spikecore/tcp_transport.hpp"

#include "error_of.hpp"

using namespace spikecore;
using namespace std::chrono_literals;

namespace {

/// A listening socket on 127.0.0.1 with a kernel-chosen port.
struct Listener {
  int fd = -1;
  std::uint16_t port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 1) != 0)
      throw std::runtime_error("cannot listen on loopback");
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Listener() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int accept() const { return ::accept(fd, nullptr, nullptr); }
};

using spikecore::testing_util::error_of;

}  // namespace

TEST(TcpTransport, BytesBothWaysAndTimeout) {
  Listener l;
  TcpTransport t("127.0.0.1", l.port);
  const int peer = l.accept();
  ASSERT_GE(peer, 0);
  EXPECT_EQ(t.describe(), "tcp://127.0.0.1:" + std::to_string(l.port));
  const std::uint8_t out[] = {0x7E, 0x01, 0x02, 0x7E};
  t.write(out, sizeof out);
  std::uint8_t got[8];
  std::size_t n = 0;
  while (n < sizeof out) n += std::size_t(::read(peer, got + n, sizeof got - n));
  EXPECT_EQ(std::vector<std::uint8_t>(got, got + n), std::vector<std::uint8_t>(out, out + sizeof out));
  EXPECT_EQ(t.read(got, sizeof got, 30ms), 0u);   // nothing sent yet: timeout
  ASSERT_EQ(::write(peer, "\x05\x06", 2), 2);
  n = 0;
  for (int i = 0; i < 10 && n < 2; ++i) n += t.read(got + n, sizeof got - n, 1000ms);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(got[0], 5);
  EXPECT_EQ(got[1], 6);
  ::close(peer);
  EXPECT_EQ(error_of([&] { t.read(got, sizeof got, 1000ms); }),
            "tcp://127.0.0.1:" + std::to_string(l.port) + ": the device closed the connection");
}

TEST(TcpTransport, RefusedAndUnresolvable) {
  std::uint16_t port;
  {
    Listener l;   // take a free port, then give it back: nothing listens there
    port = l.port;
  }
  EXPECT_EQ(error_of([&] { TcpTransport t("127.0.0.1", port); }),
            "connection refused by tcp://127.0.0.1:" + std::to_string(port) +
                " (nothing listening: is spikecore-sim running?)");
  EXPECT_EQ(error_of([] { TcpTransport t("no-such-host.invalid", 5555, 2000ms); }).rfind("cannot resolve no-such-host.invalid: ", 0),
            0u);
  EXPECT_EQ(error_of([] { TcpTransport t("127.0.0.1", 0); }), "tcp://127.0.0.1:0: port = 0: expected 1..65535");
}

TEST(TcpTransport, NetworkOverLoopbackMatchesGolden) {
  Listener l;
  GoldenLinkConfig cfg;
  cfg.n = 16;
  test::LinkPeer peer(cfg, [&l] { return l.accept(); });
  auto tcp = open_backend("tcp://127.0.0.1:" + std::to_string(l.port), 8, LinkOptions{});
  auto gold = open_backend("golden", 16);
  EXPECT_EQ(tcp->caps().n, 16);
  std::vector<std::uint16_t> w(256);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::uint16_t((i * 91) & 0x7FFF);
  tcp->write_weights(0, w);
  gold->write_weights(0, w);
  EXPECT_EQ(tcp->read_weights(0, 256), w);
  const std::vector<InputEvent> in{{0, 3}, {2, 1}, {9, 4}, {9, 7}};
  EXPECT_EQ(tcp->run(30, in), gold->run(30, in));
  peer.stop();
  EXPECT_GT(peer.bytes_in(), 512u);   // the weights went through the socket
}
