// SPDX-License-Identifier: Apache-2.0
// Framing, CRC, length, version and type handling of the RTL link (protocol.md sections 1-2).
#include "link_harness.hpp"
#include "spikecore/protocol.hpp"

using namespace linktest;

TEST(LinkFrames, CrcMatchesProtocolCheckValue) {
  // The standard CRC-32 check value (IEEE 802.3 / Boost crc_32_type) of "123456789".
  Bytes s{'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  EXPECT_EQ(crc32_bitwise(s), 0xCBF43926u);
  EXPECT_EQ(spikecore::proto::crc32(s.data(), s.size()), 0xCBF43926u);
}

TEST(LinkFrames, CapsByteExactRequestAndResponse) {
  Board b;
  // CAPS, seq 0x42, no body: content 01 01 42 00 00, then CRC-32 LE. Built by hand from protocol.md.
  Bytes c{0x01, 0x01, 0x42, 0x00, 0x00};
  Bytes wire = stuff(with_crc(c));
  // Cross-check against the host codec.
  spikecore::proto::Frame f;
  f.type = 0x01; f.seq = 0x42;
  EXPECT_EQ(spikecore::proto::encode(f), wire);
  Response r = b.transact_raw(wire);
  // Expected ACK content: ver 1, type 0x81, seq 0x42, len 18, proto 1, format 1, n 16, lanes 1,
  // weight_bits 16, max_body 1024, in_depth 1024, out_depth 1024, build_id 256 (sim default),
  // param_sets 16.
  Bytes body{1, 1, 16, 0, 1, 16, 0x00, 0x04, 0x00, 0x04, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 16, 0};
  EXPECT_EQ(r.raw, stuff(with_crc(content(0x81, 0x42, body))));
  // The host decoder accepts the device's frame too.
  spikecore::proto::Decoder d;
  d.feed(r.raw.data(), r.raw.size());
  spikecore::proto::Frame got;
  ASSERT_TRUE(d.next(got));
  EXPECT_EQ(got.type, 0x81);
  EXPECT_EQ(got.body, body);
}

TEST(LinkFrames, CapsOnBiggerVariant) {
  Board b(100);   // smallest N >= 100
  auto v = spikecore::sim_variants();
  Bytes r = b.ok(CAPS, {});
  ASSERT_EQ(r.size(), 18u);
  int n = int(get16(r, 2));
  EXPECT_GE(n, 100);
  EXPECT_EQ(int(get16(r, 16)), n);   // param_sets: one per neuron
  for (auto [vn, vl] : v) {
    if (vn == n) EXPECT_EQ(r[4], vl);
  }
}

TEST(LinkFrames, NoVariantThrowsListingVariants) {
  try {
    spikecore::make_sim_transport(100000);
    FAIL() << "expected TransportError";
  } catch (const spikecore::TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("N=16"), std::string::npos) << e.what();
  }
}

TEST(LinkFrames, StuffedBytesInContentAndResponse) {
  Board b;
  // seq 0x7E and a value with 0x7D/0x7E bytes must survive stuffing both ways.
  Bytes body{3};   // A_PLUS, u16
  put32(body, 0x00007D7E);
  Bytes wire = stuff(with_crc(content(WRITE_REG, 0x7E, body)));
  Response r = b.transact_raw(wire);
  EXPECT_EQ(r.type, 0x80 | WRITE_REG);
  EXPECT_EQ(r.seq, 0x7E);
  EXPECT_EQ(b.read_reg(3), 0x7D7Eu);
}

TEST(LinkFrames, CorruptCrcNaksAndExecutesNothing) {
  Board b;
  b.write_reg(3, 0x1111);
  Bytes body{3};
  put32(body, 0x2222);
  Bytes c = with_crc(content(WRITE_REG, 0x33, body));
  c.back() ^= 0x01;
  Response r = b.transact_raw(stuff(c));
  EXPECT_EQ(r.type, NAK);
  EXPECT_EQ(r.seq, 0x33);
  EXPECT_EQ(r.body, (Bytes{N_CRC, WRITE_REG}));
  EXPECT_EQ(b.read_reg(3), 0x1111u);
  EXPECT_EQ(b.read_reg(24), 1u);   // RX_CRC_ERR
  EXPECT_EQ(b.read_reg(26), 1u);   // NAKS
  // The same frame with a good CRC (same seq) is executed: NAKs are not remembered.
  Response ok = b.transact_raw(stuff(with_crc(content(WRITE_REG, 0x33, body))));
  EXPECT_EQ(ok.type, 0x80 | WRITE_REG);
  EXPECT_EQ(b.read_reg(3), 0x2222u);
}

TEST(LinkFrames, GarbageBetweenFramesIsIgnored) {
  Board b;
  b.send_raw(Bytes{0x00, 0x13, 0x55});       // no FLAG yet: collected, then dropped (too short)
  b.send_raw(Bytes{kFlag, kFlag, kFlag});    // empty frames ignored
  EXPECT_FALSE(b.receive(1).has_value());
  Bytes r = b.ok(CAPS, {});
  EXPECT_EQ(r.size(), 18u);
  EXPECT_EQ(b.read_reg(25), 1u);             // the 3-byte run counted as one frame error
  EXPECT_EQ(b.read_reg(26), 0u);             // and no NAK was sent for it
}

TEST(LinkFrames, GarbageInsideFrameResyncs) {
  Board b;
  // A frame whose tail is lost: the next FLAG ends it (LENGTH: len says 5, content is 7 bytes).
  Bytes body{3};
  put32(body, 0x4444);
  Bytes c = with_crc(content(WRITE_REG, 0x10, body));
  Bytes cut(c.begin(), c.begin() + 7);
  b.send_raw(Bytes{kFlag});
  b.send_raw(cut);
  // No closing FLAG: the next frame's opening FLAG ends the broken one.
  Response r1 = b.transact_raw(frame(CAPS, 0x11, {}));
  EXPECT_EQ(r1.type, NAK);
  EXPECT_EQ(r1.body, (Bytes{N_LENGTH, WRITE_REG}));
  auto r2 = b.receive();
  ASSERT_TRUE(r2.has_value());
  EXPECT_EQ(r2->type, 0x81);
  EXPECT_EQ(r2->seq, 0x11);
  // A flipped bit in the middle of a frame: CRC NAK, state unchanged, next frame works.
  Bytes c2 = with_crc(content(WRITE_REG, 0x12, body));
  c2[7] ^= 0x40;
  Response r3 = b.transact_raw(stuff(c2));
  EXPECT_EQ(r3.body, (Bytes{N_CRC, WRITE_REG}));
  EXPECT_EQ(b.read_reg(3), 0u);
}

TEST(LinkFrames, AbortSequenceDropsFrameSilently) {
  Board b;
  Bytes body{3};
  put32(body, 0x55);
  Bytes c = with_crc(content(WRITE_REG, 0x20, body));
  Bytes w{kFlag};
  w.insert(w.end(), c.begin(), c.end());
  w.push_back(kEsc);
  w.push_back(kFlag);
  b.send_raw(w);
  EXPECT_FALSE(b.receive(1).has_value());
  EXPECT_EQ(b.read_reg(3), 0u);
  EXPECT_EQ(b.read_reg(25), 1u);
}

TEST(LinkFrames, LengthErrors) {
  Board b;
  // 5..8 content bytes: NAK LENGTH (too short for header + CRC), type echoed.
  Response r = b.transact_raw(stuff(Bytes{1, CAPS, 7, 0, 0, 0}));
  EXPECT_EQ(r.type, NAK);
  EXPECT_EQ(r.seq, 7);
  EXPECT_EQ(r.body, (Bytes{N_LENGTH, CAPS}));
  // Fewer than 5 content bytes: dropped silently.
  b.send_raw(stuff(Bytes{1, CAPS, 8, 0}));
  EXPECT_FALSE(b.receive(1).has_value());
  // len field says 4, body has 2.
  Bytes c{1, WRITE_REG, 9, 4, 0, 3, 0};
  r = b.transact_raw(stuff(with_crc(c)));
  EXPECT_EQ(r.body, (Bytes{N_LENGTH, WRITE_REG}));
  // len > MAX_BODY with a matching amount of content.
  r = b.transact_raw(frame(WRITE_WEIGHTS, 10, Bytes(kMaxBody + 1, 0)));
  EXPECT_EQ(r.body, (Bytes{N_LENGTH, WRITE_WEIGHTS}));
  // Content longer than the frame buffer (MAX_BODY + 9): LENGTH, nothing written.
  Bytes big{1, WRITE_REG, 11, 5, 0, 3, 9, 0, 0, 0};
  big.resize(kMaxBody + 40, 0x11);
  r = b.transact_raw(stuff(big));
  EXPECT_EQ(r.body, (Bytes{N_LENGTH, WRITE_REG}));
  EXPECT_EQ(b.read_reg(3), 0u);
  // Body length wrong for the type.
  b.nak(CAPS, Bytes{0}, N_LENGTH);
  b.nak(WRITE_REG, Bytes{3, 1, 2, 3}, N_LENGTH);
  b.nak(READ_SPIKES, Bytes{1, 0, 0}, N_LENGTH);
  Bytes wn{0};
  put16(wn, 0); put16(wn, 2); put32(wn, 1);   // count 2, one value
  b.nak(WRITE_NEURON, wn, N_LENGTH);
  // RX_FRAME_ERR: 4 frame-level LENGTH NAKs + 1 too short + 4 body-length NAKs; NAKS: 8.
  EXPECT_EQ(b.read_reg(25), 9u);
  EXPECT_EQ(b.read_reg(26), 8u);
}

TEST(LinkFrames, VersionAndType) {
  Board b;
  Response r = b.transact_raw(stuff(with_crc(content(CAPS, 5, {}, 2))));
  EXPECT_EQ(r.type, NAK);
  EXPECT_EQ(r.body, (Bytes{N_VERSION, CAPS}));
  b.nak(0x00, {}, N_TYPE);
  b.nak(0x0C, {}, N_TYPE);
  b.nak(0x81, {}, N_TYPE);
}
