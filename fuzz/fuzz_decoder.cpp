// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the host's frame decoder (proto::Decoder) and every body parser, on arbitrary bytes.
// Input: byte 0 picks the feed chunk size (1..256), the rest is the wire stream. Checked beyond "no crash/UB":
//  - every frame the decoder accepts has a body no longer than 65535 and re-encodes to bytes that decode to
//    the same frame (framing is lossless for what it accepts);
//  - feeding the same stream in one piece yields the same frames (chunking must not change decoding);
//  - a body parser that accepts a body re-serialises it to the same bytes where a serialiser exists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "spikecore/protocol.hpp"

namespace proto = spikecore::proto;

namespace {

#define CHECK(c) \
  do {           \
    if (!(c)) std::abort(); \
  } while (0)

std::vector<proto::Frame> decode_all(const std::uint8_t* d, std::size_t n, std::size_t chunk) {
  proto::Decoder dec;
  std::vector<proto::Frame> out;
  for (std::size_t i = 0; i < n; i += chunk) {
    dec.feed(d + i, chunk < n - i ? chunk : n - i);
    proto::Frame f;
    while (dec.next(f)) out.push_back(f);
  }
  return out;
}

bool same(const proto::Frame& a, const proto::Frame& b) {
  return a.ver == b.ver && a.type == b.type && a.seq == b.seq && a.body == b.body;
}

void parse_bodies(const std::vector<std::uint8_t>& b) {
  proto::NeuronAccess na;
  if (proto::parse_write_neuron(b, na)) CHECK(proto::write_neuron_body(na.field, na.first, na.values) == b);
  if (proto::parse_read_neuron(b, na)) CHECK(proto::read_neuron_body(na.field, na.first, na.count) == b);
  proto::RegAccess ra;
  if (proto::parse_write_reg(b, ra)) CHECK(proto::write_reg_body(ra.reg, ra.value) == b);
  if (proto::parse_read_reg(b, ra)) CHECK(proto::read_reg_body(ra.reg, ra.count) == b);
  proto::WeightAccess wa;
  if (proto::parse_write_weights(b, wa)) CHECK(proto::write_weights_body(wa.addr, wa.words) == b);
  if (proto::parse_read_weights(b, wa)) CHECK(proto::read_weights_body(wa.addr, wa.count) == b);
  std::vector<proto::Event> ev;
  if (proto::parse_load_inputs(b, ev)) CHECK(proto::load_inputs_body(ev) == b);
  std::uint16_t u16 = 0;
  if (proto::parse_u16_body(b, u16)) CHECK(proto::run_body(u16) == b);
  proto::CapsBody caps;
  (void)proto::parse_caps(b, caps);   // reserved byte is not kept: no round-trip
  std::vector<std::uint32_t> u32s;
  if (proto::parse_u32_list(b, u32s)) CHECK(proto::u32_list_body(u32s) == b);
  std::vector<std::uint16_t> u16s;
  if (proto::parse_u16_list(b, u16s)) CHECK(proto::u16_list_body(u16s) == b);
  proto::SpikesBody sp;
  (void)proto::parse_spikes(b, sp);   // flag byte may carry ignored bits: no round-trip
  proto::NakBody nak;
  if (proto::parse_nak(b, nak)) CHECK(proto::nak_body(nak) == b);
  (void)proto::command_name(b.empty() ? 0 : b[0]);
  (void)proto::nak_name(b.empty() ? 0 : b[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = std::size_t(data[0]) + 1;
  const auto frames = decode_all(data + 1, size - 1, chunk);
  const auto whole = decode_all(data + 1, size - 1, size);
  CHECK(frames.size() == whole.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto& f = frames[i];
    CHECK(same(f, whole[i]));
    CHECK(f.body.size() <= 65535);
    const auto bytes = proto::encode(f);
    const auto again = decode_all(bytes.data(), bytes.size(), bytes.size());
    CHECK(again.size() == 1 && same(again[0], f));
    parse_bodies(f.body);
  }
  return 0;
}
