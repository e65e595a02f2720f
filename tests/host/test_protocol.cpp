// SPDX-License-Identifier: Apache-2.0
// Protocol codec (docs/protocol.md §1, §3): framing, stuffing, CRC, error counting, resync.
#include <gtest/gtest.h>

#include <cstring>

#include "spikecore/protocol.hpp"

namespace proto = spikecore::proto;

namespace {

std::vector<proto::Frame> decode_all(proto::Decoder& d, const std::vector<std::uint8_t>& bytes) {
  d.feed(bytes.data(), bytes.size());
  std::vector<proto::Frame> out;
  proto::Frame f;
  while (d.next(f)) out.push_back(f);
  return out;
}

}  // namespace

TEST(Crc32, MatchesCheckValue) {
  const char* s = "123456789";
  EXPECT_EQ(proto::crc32(reinterpret_cast<const std::uint8_t*>(s), std::strlen(s)), 0xCBF43926u);
}

TEST(Codec, EncodesExactBytesOfEmptyCapsFrame) {
  proto::Frame f;
  f.type = proto::CAPS;
  f.seq = 5;
  const auto bytes = proto::encode(f);
  // content: 01 01 05 00 00 + crc32 of those 5 bytes (little-endian)
  const std::uint8_t hdr[] = {1, 1, 5, 0, 0};
  const std::uint32_t crc = proto::crc32(hdr, 5);
  std::vector<std::uint8_t> expect = {0x7E, 1, 1, 5, 0, 0};
  for (int i = 0; i < 4; ++i) {
    const std::uint8_t b = static_cast<std::uint8_t>(crc >> (8 * i));
    if (b == 0x7E || b == 0x7D) {
      expect.push_back(0x7D);
      expect.push_back(b ^ 0x20);
    } else {
      expect.push_back(b);
    }
  }
  expect.push_back(0x7E);
  EXPECT_EQ(bytes, expect);
}

TEST(Codec, StuffsFlagAndEscapeBytes) {
  proto::Frame f;
  f.type = proto::WRITE_WEIGHTS;
  f.seq = 0x7E;   // header byte that must be stuffed
  f.body = {0x7E, 0x7D, 0x00, 0x5E, 0x5D};
  const auto bytes = proto::encode(f);
  // Only the first and last bytes may be FLAG.
  for (std::size_t i = 1; i + 1 < bytes.size(); ++i) EXPECT_NE(bytes[i], 0x7E) << "at " << i;
  EXPECT_EQ(bytes[3], 0x7D);
  EXPECT_EQ(bytes[4], 0x5E);   // seq 0x7E -> 7D 5E
  // Body starts after FLAG ver type 7D 5E len(2).
  EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin() + 7, bytes.begin() + 14),
            (std::vector<std::uint8_t>{0x7D, 0x5E, 0x7D, 0x5D, 0x00, 0x5E, 0x5D}));
  proto::Decoder d;
  auto frames = decode_all(d, bytes);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].seq, 0x7E);
  EXPECT_EQ(frames[0].body, f.body);
}

TEST(Codec, RoundTripsEveryBodySizeAndByteValue) {
  proto::Decoder d;
  std::vector<std::uint8_t> stream;
  std::vector<proto::Frame> sent;
  for (int len : {0, 1, 2, 255, 256, 1000, 65535}) {
    proto::Frame f;
    f.type = static_cast<std::uint8_t>(len % 11 + 1);
    f.seq = static_cast<std::uint8_t>(len);
    for (int i = 0; i < len; ++i) f.body.push_back(static_cast<std::uint8_t>(i * 7 + 3));
    const auto b = proto::encode(f);
    stream.insert(stream.end(), b.begin(), b.end());
    sent.push_back(f);
  }
  // Feed in odd-sized pieces: the decoder is incremental.
  std::vector<proto::Frame> got;
  for (std::size_t i = 0; i < stream.size(); i += 37) {
    d.feed(stream.data() + i, std::min<std::size_t>(37, stream.size() - i));
    proto::Frame f;
    while (d.next(f)) got.push_back(f);
  }
  ASSERT_EQ(got.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(got[i].ver, 1);
    EXPECT_EQ(got[i].type, sent[i].type);
    EXPECT_EQ(got[i].seq, sent[i].seq);
    EXPECT_EQ(got[i].body, sent[i].body);
  }
  EXPECT_EQ(d.crc_errors(), 0u);
  EXPECT_EQ(d.frame_errors(), 0u);
}

TEST(Codec, RejectsAnyFlippedBitByCrc) {
  proto::Frame f;
  f.type = proto::WRITE_REG;
  f.body = proto::write_reg_body(3, 0x12345678);
  const auto good = proto::encode(f);
  int rejected = 0;
  for (std::size_t i = 1; i + 1 < good.size(); ++i) {
    auto bad = good;
    bad[i] ^= 0x01;
    if (bad[i] == 0x7E || bad[i] == 0x7D || good[i] == 0x7D) continue;   // framing bytes: not a pure bit error
    proto::Decoder d;
    EXPECT_TRUE(decode_all(d, bad).empty()) << "byte " << i;
    EXPECT_EQ(d.crc_errors() + d.frame_errors(), 1u);
    ++rejected;
  }
  EXPECT_GE(rejected, 10);
}

TEST(Codec, ResyncsAfterGarbageAndCountsOneError) {
  proto::Frame f;
  f.type = proto::RUN;
  f.seq = 9;
  f.body = proto::run_body(100);
  std::vector<std::uint8_t> stream = {0x13, 0x37, 0x00, 0xFF, 0x42};   // line noise before the first FLAG
  const auto b = proto::encode(f);
  stream.insert(stream.end(), b.begin(), b.end());
  stream.insert(stream.end(), {0x7E, 0x7E, 0x7E});   // idle flags: not errors
  stream.insert(stream.end(), b.begin(), b.end());
  proto::Decoder d;
  const auto frames = decode_all(d, stream);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[1].body, f.body);
  EXPECT_EQ(d.frame_errors(), 1u);
  EXPECT_EQ(d.crc_errors(), 0u);
}

TEST(Codec, DropsTruncatedAndAbortedFrames) {
  proto::Frame f;
  f.type = proto::WRITE_NEURON;
  f.body = proto::write_neuron_body(0, 0, {1, 2});   // values chosen so no byte needs stuffing
  const auto b = proto::encode(f);
  // Truncated: lose the last 3 content bytes (>= 9 remain, so the CRC check fails), then a new frame starts.
  std::vector<std::uint8_t> stream(b.begin(), b.end() - 4);
  stream.insert(stream.end(), b.begin(), b.end());
  // Aborted: 0x7D followed by FLAG.
  stream.insert(stream.end(), {0x01, 0x0A, 0x00, 0x7D, 0x7E});
  // Too short (< 9 content bytes).
  stream.insert(stream.end(), {0x01, 0x0A, 0x7E});
  proto::Decoder d;
  const auto frames = decode_all(d, stream);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].body, f.body);
  EXPECT_EQ(d.crc_errors(), 1u);     // truncation removed CRC bytes: the last 4 remaining bytes do not match
  EXPECT_EQ(d.frame_errors(), 2u);   // abort + short
}

TEST(Codec, RejectsLengthFieldMismatchWithGoodCrc) {
  std::vector<std::uint8_t> content = {1, proto::RUN, 0, 3, 0, 0x10, 0x00};   // len says 3, body has 2
  const std::uint32_t crc = proto::crc32(content.data(), content.size());
  proto::put_u32(content, crc);
  std::vector<std::uint8_t> stream = {0x7E};
  stream.insert(stream.end(), content.begin(), content.end());
  stream.push_back(0x7E);
  proto::Decoder d;
  EXPECT_TRUE(decode_all(d, stream).empty());
  EXPECT_EQ(d.frame_errors(), 1u);
}

TEST(Bodies, RoundTripEveryCommand) {
  proto::NeuronAccess na;
  ASSERT_TRUE(proto::parse_write_neuron(proto::write_neuron_body(14, 300, {1, 0xFFFFFFFF, 7}), na));
  EXPECT_EQ(na.field, 14);
  EXPECT_EQ(na.first, 300);
  EXPECT_EQ(na.values, (std::vector<std::uint32_t>{1, 0xFFFFFFFF, 7}));
  ASSERT_TRUE(proto::parse_read_neuron(proto::read_neuron_body(0, 2, 9), na));
  EXPECT_EQ(na.count, 9);
  proto::RegAccess ra;
  ASSERT_TRUE(proto::parse_write_reg(proto::write_reg_body(5, 0xFFFFC001), ra));
  EXPECT_EQ(ra.value, 0xFFFFC001u);
  ASSERT_TRUE(proto::parse_read_reg(proto::read_reg_body(16, 11), ra));
  EXPECT_EQ(ra.count, 11);
  proto::WeightAccess wa;
  ASSERT_TRUE(proto::parse_write_weights(proto::write_weights_body(70000, {0x8001, 0x7FFF}), wa));
  EXPECT_EQ(wa.addr, 70000u);
  EXPECT_EQ(wa.words, (std::vector<std::uint16_t>{0x8001, 0x7FFF}));
  ASSERT_TRUE(proto::parse_read_weights(proto::read_weights_body(5, 300), wa));
  EXPECT_EQ(wa.count, 300);
  std::vector<proto::Event> ev;
  ASSERT_TRUE(proto::parse_load_inputs(proto::load_inputs_body({{0, 1}, {65535, 1023}}), ev));
  EXPECT_EQ(ev, (std::vector<proto::Event>{{0, 1}, {65535, 1023}}));
  std::uint16_t v = 0;
  ASSERT_TRUE(proto::parse_u16_body(proto::run_body(65535), v));
  EXPECT_EQ(v, 65535);
  proto::CapsBody caps{1, 1, 256, 4, 9, 1024, 512, 768, 0xDEADBEEF, 0x0123}, c2;
  const auto cb = proto::caps_body(caps);
  EXPECT_EQ(cb.size(), 18u);
  EXPECT_EQ(cb[5], 9u);   // weight_bits (protocol.md §3)
  ASSERT_TRUE(proto::parse_caps(cb, c2));
  EXPECT_EQ(c2.n, 256);
  EXPECT_EQ(c2.weight_bits, 9);
  EXPECT_EQ(c2.out_depth, 768);
  EXPECT_EQ(c2.build_id, 0xDEADBEEFu);
  EXPECT_EQ(c2.param_sets, 0x0123);
  proto::SpikesBody sb{true, {{3, 4}, {5, 6}}}, sb2;
  ASSERT_TRUE(proto::parse_spikes(proto::spikes_body(sb), sb2));
  EXPECT_TRUE(sb2.running);
  EXPECT_EQ(sb2.events, sb.events);
  proto::NakBody nb;
  ASSERT_TRUE(proto::parse_nak(proto::nak_body({proto::NAK_ARG, proto::READ_NEURON}), nb));
  EXPECT_EQ(nb.code, proto::NAK_ARG);
}

TEST(Bodies, CapsCarriesParamSetsInBytes16And17) {
  // protocol.md §3: build_id u32 at 12..15, then param_sets u16 little-endian at 16..17; 18 bytes in all.
  const proto::CapsBody caps{1, 1, 400, 4, 9, 1024, 1024, 1024, 0x11223344, 300};
  const auto cb = proto::caps_body(caps);
  ASSERT_EQ(cb.size(), proto::CAPS_BODY_BYTES);
  EXPECT_EQ(proto::CAPS_BODY_BYTES, 18u);
  EXPECT_EQ(cb[12], 0x44);
  EXPECT_EQ(cb[15], 0x11);
  EXPECT_EQ(cb[16], 300 & 0xFF);   // 0x2C
  EXPECT_EQ(cb[17], 300 >> 8);     // 0x01
  proto::CapsBody back;
  ASSERT_TRUE(proto::parse_caps(cb, back));
  EXPECT_EQ(back.param_sets, 300);
  EXPECT_EQ(back.n, 400);
  EXPECT_EQ(back.build_id, 0x11223344u);
  // The 16-byte body of a device without parameter sets, and any other length, is rejected.
  EXPECT_FALSE(proto::parse_caps(std::vector<std::uint8_t>(cb.begin(), cb.begin() + 16), back));
  EXPECT_FALSE(proto::parse_caps(std::vector<std::uint8_t>(cb.begin(), cb.begin() + 17), back));
  auto longer = cb;
  longer.push_back(0);
  EXPECT_FALSE(proto::parse_caps(longer, back));
}

TEST(Bodies, RejectWrongLengths) {
  proto::NeuronAccess na;
  auto b = proto::write_neuron_body(0, 0, {1, 2});
  b.pop_back();
  EXPECT_FALSE(proto::parse_write_neuron(b, na));
  proto::RegAccess ra;
  EXPECT_FALSE(proto::parse_read_reg({1}, ra));
  std::vector<proto::Event> ev;
  EXPECT_FALSE(proto::parse_load_inputs({2, 0, 1, 0, 1, 0}, ev));
  proto::CapsBody c;
  EXPECT_FALSE(proto::parse_caps(std::vector<std::uint8_t>(15, 0), c));
}

TEST(Bodies, LittleEndianLayout) {
  EXPECT_EQ(proto::write_reg_body(1, 0x04030201), (std::vector<std::uint8_t>{1, 1, 2, 3, 4}));
  EXPECT_EQ(proto::read_neuron_body(8, 0x0102, 0x0304), (std::vector<std::uint8_t>{8, 2, 1, 4, 3}));
}

TEST(Names, CommandAndNakNames) {
  EXPECT_STREQ(proto::command_name(proto::WRITE_NEURON), "WRITE_NEURON");
  EXPECT_STREQ(proto::command_name(0x80 + proto::RUN), "ACK RUN");
  EXPECT_STREQ(proto::nak_name(proto::NAK_BUSY), "BUSY");
}
