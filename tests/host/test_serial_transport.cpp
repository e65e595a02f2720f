// SPDX-License-Identifier: Apache-2.0
// SerialTransport over a pseudo-terminal pair (openpty; the slave is what a USB-UART or spikecore-sim looks like).
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "link_peer.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/serial_transport.hpp"
#include "spikecore/target.hpp"

#include "error_of.hpp"

using namespace spikecore;
using namespace std::chrono_literals;

namespace {

struct Pty {
  int master = -1, slave = -1;
  std::string name;
  Pty() {
    char buf[128];
    termios raw{};
    cfmakeraw(&raw);
    if (::openpty(&master, &slave, buf, &raw, nullptr) != 0) throw std::runtime_error("openpty failed");
    name = buf;
  }
  ~Pty() {
    if (master >= 0) ::close(master);
    if (slave >= 0) ::close(slave);
  }
  /// Hands the master to a LinkPeer (which closes it).
  int take_master() { int m = master; master = -1; return m; }
};

using spikecore::testing_util::error_of;

}  // namespace

TEST(SerialTransport, BytesBothWaysAtStandardRates) {
  for (unsigned baud : {115200u, 921600u, 3000000u}) {
    Pty p;
    SerialTransport t(p.name, baud);
    EXPECT_EQ(t.baud(), baud);
    EXPECT_EQ(t.describe(), p.name + "@" + std::to_string(baud));
    const std::uint8_t out[] = {0x7E, 0x01, 0x7D, 0x00, 0xFF, 0x7E};
    t.write(out, sizeof out);
    std::uint8_t got[16];
    std::size_t n = 0;
    while (n < sizeof out) {
      const ssize_t k = ::read(p.master, got + n, sizeof got - n);
      ASSERT_GT(k, 0);
      n += std::size_t(k);
    }
    EXPECT_EQ(std::vector<std::uint8_t>(got, got + n), std::vector<std::uint8_t>(out, out + sizeof out));
    const std::uint8_t back[] = {0x11, 0x13, 0x0D, 0x0A, 0x03};   // XON/XOFF/CR/LF/^C must pass raw
    ASSERT_EQ(::write(p.master, back, sizeof back), ssize_t(sizeof back));
    n = 0;
    for (int i = 0; i < 10 && n < sizeof back; ++i) n += t.read(got + n, sizeof got - n, 1000ms);
    EXPECT_EQ(std::vector<std::uint8_t>(got, got + n), std::vector<std::uint8_t>(back, back + sizeof back));
  }
}

TEST(SerialTransport, NonStandardRateViaTermios2) {
  Pty p;
  SerialTransport t(p.name, 1500000);   // not an Asio constant
  EXPECT_EQ(t.baud(), 1500000u);
}

TEST(SerialTransport, ReadTimesOutWithZero) {
  Pty p;
  SerialTransport t(p.name);
  std::uint8_t b[4];
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(t.read(b, sizeof b, 50ms), 0u);
  const auto dt = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(dt, 45ms);
  EXPECT_LT(dt, 1000ms);
  // The cancelled read must not eat the next byte.
  const std::uint8_t x = 0x42;
  ASSERT_EQ(::write(p.master, &x, 1), 1);
  EXPECT_EQ(t.read(b, sizeof b, 1000ms), 1u);
  EXPECT_EQ(b[0], 0x42);
}

TEST(SerialTransport, PeerGoneIsAnError) {
  Pty p;
  SerialTransport t(p.name);
  ::close(p.take_master());
  std::uint8_t b[4];
  const std::string msg = error_of([&] { t.read(b, sizeof b, 200ms); });
  // The pty slave reads end-of-file once its master is closed.
  EXPECT_EQ(msg, p.name + "@3000000: the device closed the connection (device unplugged, or the simulator exited?)");
}

TEST(SerialTransport, ErrorsNameTheDevice) {
  EXPECT_EQ(error_of([] { SerialTransport t("/dev/ttyUSB_spikecore_none"); }),
            "no device at /dev/ttyUSB_spikecore_none");
  char tmpl[] = "/tmp/spikecore_notatty_XXXXXX";
  const int fd = ::mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  ::close(fd);
  EXPECT_EQ(error_of([&] { SerialTransport t(tmpl); }), std::string(tmpl) + " is not a serial port");
  std::remove(tmpl);
  Pty p;
  EXPECT_EQ(error_of([&] { SerialTransport t(p.name, 0); }),
            p.name + ": baud = 0: expected 300..12000000 (standard: 9600, 19200, 38400, 57600, 115200, 230400, "
                     "460800, 921600, 1000000, 2000000, 3000000, 4000000; others via termios2 if the adapter "
                     "supports them)");
  EXPECT_THROW(SerialTransport(p.name, 12000001), TransportError);
}

TEST(SerialTransport, WriteToAPeerThatNeverReadsTimesOut) {
  Pty p;
  SerialTransport t(p.name, DEFAULT_BAUD, 200ms);
  std::vector<std::uint8_t> big(1 << 20, 0x55);   // far more than the pty buffer holds
  const std::string msg = error_of([&] { t.write(big.data(), big.size()); });
  EXPECT_EQ(msg, p.name + "@3000000: write of 1048576 bytes did not complete within 200 ms (is the device reading?)");
}

// The whole host stack through the kernel tty layer: a network runs to the same spikes as the golden model.
TEST(SerialTransport, NetworkOverPtyMatchesGolden) {
  Pty p;
  GoldenLinkConfig cfg;
  cfg.n = 16;
  const int m = p.take_master();
  test::LinkPeer peer(cfg, [m] { return m; });
  auto serial = open_backend(p.name + "@3000000", 5, LinkOptions{});
  auto gold = open_backend("golden", 16);
  EXPECT_EQ(serial->caps().n, 16);
  std::vector<std::uint16_t> w(16 * 16);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::uint16_t((i * 37) & 0x7FFF);
  serial->write_weights(0, w);
  EXPECT_EQ(serial->read_weights(0, 256), w);
  gold->write_weights(0, w);
  const std::vector<InputEvent> in{{1, 0}, {3, 1}, {3, 2}, {7, 0}, {20, 5}};
  EXPECT_EQ(serial->run(40, in), gold->run(40, in));
  // Too small a device for the network: named, not a compiler error later.
  EXPECT_EQ(error_of([&] { open_backend(p.name, 17, LinkOptions{}); }),
            "target = " + p.name + ": the device has n = 16 neurons, the network needs 17");
}
