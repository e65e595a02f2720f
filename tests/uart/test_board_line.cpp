// SPDX-License-Identifier: Apache-2.0
// The Verilated board top (rtl/top/spk_board_top.sv, N=16, in-process, pin level): frames in and out through
// the UART PHY; a line carrying random levels for >= 1e6 cycles, after which the link still answers CAPS
// correctly; framing errors on the line reach register 27. The frame codec is spikecore::proto.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "board_model.hpp"
#include "faults.hpp"
#include "line.hpp"
#include "spikecore/protocol.hpp"

namespace spikecore::board {
namespace {

struct Rig {
  Rig() : enc(f, kClkHz / kBaud, 0), dec(kClkHz / kBaud) {
    const auto& v = board_variants();
    EXPECT_FALSE(v.empty());
    model = v.front().make();
    model->reset(8);
  }
  /// Sends a frame and returns the first valid response frame (or type 0 after `max_cycles`).
  proto::Frame transact(std::uint8_t type, std::uint8_t seq, const std::vector<std::uint8_t>& body,
                        std::uint64_t max_cycles = 2'000'000) {
    proto::Frame f;
    f.type = type;
    f.seq = seq;
    f.body = body;
    for (auto b : proto::encode(f)) enc.push(b);
    proto::Decoder d;
    proto::Frame r;
    for (std::uint64_t c = 0; c < max_cycles; c += 1000) {
      std::vector<std::uint8_t> out;
      model->run(1000, enc, dec, out);
      d.feed(out.data(), out.size());
      if (d.next(r)) return r;
    }
    return proto::Frame{1, 0, 0, {}};
  }
  Faults f{FaultConfig{}, 1};
  LineEncoder enc;
  LineDecoder dec;
  std::unique_ptr<BoardModel> model;
};

void expect_caps(const proto::Frame& r, std::uint8_t seq) {
  ASSERT_EQ(r.type, proto::RESPONSE | proto::CAPS);
  EXPECT_EQ(r.seq, seq);
  proto::CapsBody c;
  ASSERT_TRUE(proto::parse_caps(r.body, c));
  EXPECT_EQ(c.proto, 1);
  EXPECT_EQ(c.n, board_variants().front().n);
  EXPECT_EQ(c.lanes, board_variants().front().lanes);
  EXPECT_EQ(c.max_body, 1024);
}

std::uint32_t reg(Rig& rig, std::uint8_t id, std::uint8_t seq) {
  const proto::Frame r = rig.transact(proto::READ_REG, seq, proto::read_reg_body(id, 1));
  EXPECT_EQ(r.type, proto::RESPONSE | proto::READ_REG);
  std::vector<std::uint32_t> v;
  EXPECT_TRUE(proto::parse_u32_list(r.body, v));
  return v.empty() ? 0xFFFFFFFFu : v[0];
}

TEST(BoardLine, CapsAndCleanCounters) {
  Rig rig;
  expect_caps(rig.transact(proto::CAPS, 1, {}), 1);
  EXPECT_EQ(reg(rig, 27, 2), 0u);
  EXPECT_EQ(reg(rig, 28, 3), 0u);
  // Byte cost on the wire: 10 bits of kClkHz/kBaud cycles each.
  EXPECT_EQ(kClkHz % kBaud, 0);
}

TEST(BoardLine, RandomLineThenCaps) {
  Rig rig;
  // >= 1e6 cycles of a noisy line: random bytes with 2 % of the line bits flipped (start and stop bits too)
  // and breaks of a quarter millisecond, straight onto the RX pin.
  std::mt19937 rng(3);
  std::vector<std::uint8_t> ignored;
  Faults noisy(FaultConfig{0.02, 0.0, 0.0, 0.01, 0.25}, 9);
  LineEncoder enc(noisy, kClkHz / kBaud, kClkHz / 4000);
  while (rig.model->cycles() < 1'200'000) {
    for (int i = 0; i < 64; ++i) enc.push(static_cast<std::uint8_t>(rng()));
    while (!enc.idle()) rig.model->run(1000, enc, rig.dec, ignored);
  }
  EXPECT_GE(rig.model->cycles(), 1'000'000u);
  EXPECT_GT(noisy.counts.bits_flipped, 0u);
  // End the last random frame with a FLAG (its NAK, if any, is not ours) and let every response to the
  // garbage finish; then a clean CAPS must be answered exactly.
  rig.enc.push(proto::FLAG);
  rig.model->run(200'000, rig.enc, rig.dec, ignored);
  expect_caps(rig.transact(proto::CAPS, 77, {}), 77);
  EXPECT_GT(reg(rig, 27, 78), 0u);   // UART_FRAME_ERR saw the breaks and flipped stop bits
  EXPECT_EQ(reg(rig, 28, 79), 0u);   // the link keeps up with the line: no receive overflow
}

}  // namespace
}  // namespace spikecore::board
