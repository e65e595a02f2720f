// SPDX-License-Identifier: Apache-2.0
// The link layer (Verilated spk_top through SimTransport, byte stream) fed >= 1e6 cycles of random bytes,
// rich in FLAG and ESC so that many random frames start, end and abort; afterwards it must answer CAPS
// exactly, and its error counters must have seen the garbage.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "spikecore/protocol.hpp"
#include "spikecore/sim_transport.hpp"

namespace spikecore {
namespace {

proto::Frame transact(Transport& t, std::uint8_t type, std::uint8_t seq, const std::vector<std::uint8_t>& body) {
  proto::Frame f;
  f.type = type;
  f.seq = seq;
  f.body = body;
  const auto wire = proto::encode(f);
  t.write(wire.data(), wire.size());
  proto::Decoder d;
  proto::Frame r{1, 0, 0, {}};
  std::uint8_t buf[4096];
  for (int i = 0; i < 20; ++i) {
    const std::size_t n = t.read(buf, sizeof buf, std::chrono::milliseconds(5));
    d.feed(buf, n);
    if (d.next(r)) break;
  }
  return r;
}

TEST(LinkRandom, MillionCyclesOfGarbageThenCaps) {
  auto t = make_sim_transport(16);
  std::mt19937 rng(11);
  std::vector<std::uint8_t> chunk(4096);
  std::uint8_t buf[8192];
  std::uint64_t responses = 0;
  while (sim_cycles(*t) < 1'000'000) {
    for (auto& b : chunk) {
      const unsigned r = rng() % 16;
      b = r == 0 ? proto::FLAG : r == 1 ? proto::ESC : static_cast<std::uint8_t>(rng());
    }
    t->write(chunk.data(), chunk.size());
    responses += t->read(buf, sizeof buf, std::chrono::milliseconds(0));
  }
  // End the last random frame, drain whatever the device still sends (NAKs of random frames).
  const std::uint8_t flag = proto::FLAG;
  t->write(&flag, 1);
  while (std::size_t n = t->read(buf, sizeof buf, std::chrono::milliseconds(2))) responses += n;
  EXPECT_GT(responses, 0u);   // some random frames were long enough to be NAKed

  const proto::Frame r = transact(*t, proto::CAPS, 200, {});
  ASSERT_EQ(r.type, proto::RESPONSE | proto::CAPS);
  EXPECT_EQ(r.seq, 200);
  proto::CapsBody c;
  ASSERT_TRUE(proto::parse_caps(r.body, c));
  EXPECT_EQ(c.proto, 1);
  EXPECT_EQ(c.n, 16);
  EXPECT_EQ(c.max_body, 1024);

  const proto::Frame regs = transact(*t, proto::READ_REG, 201, proto::read_reg_body(24, 5));
  ASSERT_EQ(regs.type, proto::RESPONSE | proto::READ_REG);
  std::vector<std::uint32_t> v;
  ASSERT_TRUE(proto::parse_u32_list(regs.body, v));
  ASSERT_EQ(v.size(), 5u);
  EXPECT_GT(v[1], 0u);                      // RX_FRAME_ERR: aborted, short and bad-length frames
  EXPECT_GT(v[2], 0u);                      // NAKS
  EXPECT_EQ(v[3], 0u);                      // UART_FRAME_ERR: spk_top has no UART PHY
  EXPECT_EQ(v[4], 0u);                      // UART_RX_OVERFLOW
}

}  // namespace
}  // namespace spikecore
