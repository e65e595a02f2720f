// SPDX-License-Identifier: Apache-2.0
// Link protocol codec: docs/protocol.md §1 (framing), §2 (NAK), §3 (bodies).
#include "spikecore/protocol.hpp"

#include <boost/crc.hpp>
#include <stdexcept>

namespace spikecore::proto {

const char* command_name(std::uint8_t type) {
  static const char* const names[] = {"type 0x00",   "CAPS",         "WRITE_NEURON", "READ_NEURON",
                                      "WRITE_REG",   "READ_REG",     "WRITE_WEIGHTS", "READ_WEIGHTS",
                                      "LOAD_INPUTS", "RUN",          "READ_SPIKES",  "RESET_STATE"};
  static const char* const acks[] = {"ACK type 0x80", "ACK CAPS",    "ACK WRITE_NEURON", "ACK READ_NEURON",
                                     "ACK WRITE_REG", "ACK READ_REG", "ACK WRITE_WEIGHTS", "ACK READ_WEIGHTS",
                                     "ACK LOAD_INPUTS", "ACK RUN",    "ACK READ_SPIKES", "ACK RESET_STATE"};
  if (type <= RESET_STATE) return names[type];
  if (type >= RESPONSE && type <= RESPONSE + RESET_STATE) return acks[type - RESPONSE];
  if (type == NAK) return "NAK";
  return "unknown type";
}

const char* nak_name(std::uint8_t code) {
  static const char* const names[] = {"unknown", "CRC", "LENGTH", "VERSION", "TYPE", "ARG", "BUSY", "FULL", "ORDER"};
  return code <= NAK_ORDER ? names[code] : "unknown";
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t n) {
  boost::crc_32_type crc;
  crc.process_bytes(data, n);
  return crc.checksum();
}

void put_u8(std::vector<std::uint8_t>& b, std::uint8_t v) { b.push_back(v); }
void put_u16(std::vector<std::uint8_t>& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put_u32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
std::uint16_t get_u16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t get_u32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[3]) << 24);
}

std::vector<std::uint8_t> encode(const Frame& f) {
  if (f.body.size() > 0xFFFF) throw std::length_error("proto::encode: body of " + std::to_string(f.body.size()) +
                                                       " bytes exceeds 65535");
  std::vector<std::uint8_t> content;
  content.reserve(MIN_CONTENT + f.body.size());
  content.push_back(f.ver);
  content.push_back(f.type);
  content.push_back(f.seq);
  put_u16(content, static_cast<std::uint16_t>(f.body.size()));
  content.insert(content.end(), f.body.begin(), f.body.end());
  put_u32(content, crc32(content.data(), content.size()));
  std::vector<std::uint8_t> out;
  out.reserve(content.size() + content.size() / 16 + 2);
  out.push_back(FLAG);
  for (std::uint8_t b : content) {
    if (b == FLAG || b == ESC) {
      out.push_back(ESC);
      out.push_back(b ^ ESC_XOR);
    } else {
      out.push_back(b);
    }
  }
  out.push_back(FLAG);
  return out;
}

void Decoder::feed(const std::uint8_t* data, std::size_t n) {
  constexpr std::size_t max_content = MIN_CONTENT + 0xFFFF;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t b = data[i];
    if (b == FLAG) {
      finish();
      continue;
    }
    if (esc_) {
      esc_ = false;
      if (buf_.size() < max_content) buf_.push_back(b ^ ESC_XOR); else overflow_ = true;
    } else if (b == ESC) {
      esc_ = true;
    } else {
      if (buf_.size() < max_content) buf_.push_back(b); else overflow_ = true;
    }
  }
}

void Decoder::finish() {
  const bool aborted = esc_;
  const bool overflow = overflow_;
  esc_ = overflow_ = false;
  if (buf_.empty() && !aborted && !overflow) return;   // FLAG FLAG: idle, not an error
  std::vector<std::uint8_t> c;
  c.swap(buf_);
  if (aborted || overflow || c.size() < MIN_CONTENT) {
    ++frame_errors_;
    return;
  }
  const std::size_t payload = c.size() - CRC_BYTES;
  if (crc32(c.data(), payload) != get_u32(c.data() + payload)) {
    ++crc_errors_;
    return;
  }
  if (get_u16(c.data() + 3) != c.size() - MIN_CONTENT) {
    ++frame_errors_;
    return;
  }
  if (ready_head_ == ready_.size()) {   // reuse storage once everything was popped
    ready_.clear();
    ready_head_ = 0;
  }
  Frame f;
  f.ver = c[0];
  f.type = c[1];
  f.seq = c[2];
  f.body.assign(c.begin() + HEADER_BYTES, c.begin() + static_cast<std::ptrdiff_t>(payload));
  ready_.push_back(std::move(f));
}

bool Decoder::next(Frame& out) {
  if (ready_head_ == ready_.size()) return false;
  out = std::move(ready_[ready_head_++]);
  return true;
}

// ---- requests ---------------------------------------------------------------------------------------------

std::vector<std::uint8_t> write_neuron_body(std::uint8_t field, std::uint16_t first,
                                            const std::vector<std::uint32_t>& values) {
  std::vector<std::uint8_t> b;
  b.reserve(5 + 4 * values.size());
  put_u8(b, field);
  put_u16(b, first);
  put_u16(b, static_cast<std::uint16_t>(values.size()));
  for (auto v : values) put_u32(b, v);
  return b;
}
std::vector<std::uint8_t> read_neuron_body(std::uint8_t field, std::uint16_t first, std::uint16_t count) {
  std::vector<std::uint8_t> b;
  put_u8(b, field);
  put_u16(b, first);
  put_u16(b, count);
  return b;
}
std::vector<std::uint8_t> write_reg_body(std::uint8_t reg, std::uint32_t value) {
  std::vector<std::uint8_t> b;
  put_u8(b, reg);
  put_u32(b, value);
  return b;
}
std::vector<std::uint8_t> read_reg_body(std::uint8_t reg, std::uint8_t count) { return {reg, count}; }
std::vector<std::uint8_t> write_weights_body(std::uint32_t addr, const std::vector<std::uint16_t>& words) {
  std::vector<std::uint8_t> b;
  b.reserve(6 + 2 * words.size());
  put_u32(b, addr);
  put_u16(b, static_cast<std::uint16_t>(words.size()));
  for (auto w : words) put_u16(b, w);
  return b;
}
std::vector<std::uint8_t> read_weights_body(std::uint32_t addr, std::uint16_t count) {
  std::vector<std::uint8_t> b;
  put_u32(b, addr);
  put_u16(b, count);
  return b;
}
std::vector<std::uint8_t> load_inputs_body(const std::vector<Event>& events) {
  std::vector<std::uint8_t> b;
  b.reserve(2 + 4 * events.size());
  put_u16(b, static_cast<std::uint16_t>(events.size()));
  for (const auto& e : events) {
    put_u16(b, e.step);
    put_u16(b, e.neuron);
  }
  return b;
}
std::vector<std::uint8_t> run_body(std::uint16_t steps) {
  std::vector<std::uint8_t> b;
  put_u16(b, steps);
  return b;
}
std::vector<std::uint8_t> read_spikes_body(std::uint16_t max) { return run_body(max); }

bool parse_write_neuron(const std::vector<std::uint8_t>& b, NeuronAccess& o) {
  if (b.size() < 5) return false;
  o.field = b[0];
  o.first = get_u16(&b[1]);
  o.count = get_u16(&b[3]);
  if (b.size() != 5 + 4 * std::size_t(o.count)) return false;
  o.values.resize(o.count);
  for (std::size_t i = 0; i < o.count; ++i) o.values[i] = get_u32(&b[5 + 4 * i]);
  return true;
}
bool parse_read_neuron(const std::vector<std::uint8_t>& b, NeuronAccess& o) {
  if (b.size() != 5) return false;
  o.field = b[0];
  o.first = get_u16(&b[1]);
  o.count = get_u16(&b[3]);
  o.values.clear();
  return true;
}
bool parse_write_reg(const std::vector<std::uint8_t>& b, RegAccess& o) {
  if (b.size() != 5) return false;
  o.reg = b[0];
  o.count = 1;
  o.value = get_u32(&b[1]);
  return true;
}
bool parse_read_reg(const std::vector<std::uint8_t>& b, RegAccess& o) {
  if (b.size() != 2) return false;
  o.reg = b[0];
  o.count = b[1];
  return true;
}
bool parse_write_weights(const std::vector<std::uint8_t>& b, WeightAccess& o) {
  if (b.size() < 6) return false;
  o.addr = get_u32(&b[0]);
  o.count = get_u16(&b[4]);
  if (b.size() != 6 + 2 * std::size_t(o.count)) return false;
  o.words.resize(o.count);
  for (std::size_t i = 0; i < o.count; ++i) o.words[i] = get_u16(&b[6 + 2 * i]);
  return true;
}
bool parse_read_weights(const std::vector<std::uint8_t>& b, WeightAccess& o) {
  if (b.size() != 6) return false;
  o.addr = get_u32(&b[0]);
  o.count = get_u16(&b[4]);
  o.words.clear();
  return true;
}
bool parse_load_inputs(const std::vector<std::uint8_t>& b, std::vector<Event>& o) {
  if (b.size() < 2) return false;
  const std::size_t count = get_u16(&b[0]);
  if (b.size() != 2 + 4 * count) return false;
  o.resize(count);
  for (std::size_t i = 0; i < count; ++i) o[i] = {get_u16(&b[2 + 4 * i]), get_u16(&b[4 + 4 * i])};
  return true;
}
bool parse_u16_body(const std::vector<std::uint8_t>& b, std::uint16_t& o) {
  if (b.size() != 2) return false;
  o = get_u16(b.data());
  return true;
}

// ---- responses --------------------------------------------------------------------------------------------

std::vector<std::uint8_t> caps_body(const CapsBody& c) {
  std::vector<std::uint8_t> b;
  put_u8(b, c.proto);
  put_u8(b, c.model_format);
  put_u16(b, c.n);
  put_u8(b, c.lanes);
  put_u8(b, c.weight_bits);
  put_u16(b, c.max_body);
  put_u16(b, c.in_depth);
  put_u16(b, c.out_depth);
  put_u32(b, c.build_id);
  put_u16(b, c.param_sets);
  return b;
}
bool parse_caps(const std::vector<std::uint8_t>& b, CapsBody& o) {
  if (b.size() != CAPS_BODY_BYTES) return false;
  o.proto = b[0];
  o.model_format = b[1];
  o.n = get_u16(&b[2]);
  o.lanes = b[4];
  o.weight_bits = b[5];
  o.max_body = get_u16(&b[6]);
  o.in_depth = get_u16(&b[8]);
  o.out_depth = get_u16(&b[10]);
  o.build_id = get_u32(&b[12]);
  o.param_sets = get_u16(&b[16]);
  return true;
}
std::vector<std::uint8_t> u32_list_body(const std::vector<std::uint32_t>& values) {
  std::vector<std::uint8_t> b;
  b.reserve(4 * values.size());
  for (auto v : values) put_u32(b, v);
  return b;
}
bool parse_u32_list(const std::vector<std::uint8_t>& b, std::vector<std::uint32_t>& o) {
  if (b.size() % 4) return false;
  o.resize(b.size() / 4);
  for (std::size_t i = 0; i < o.size(); ++i) o[i] = get_u32(&b[4 * i]);
  return true;
}
std::vector<std::uint8_t> u16_list_body(const std::vector<std::uint16_t>& words) {
  std::vector<std::uint8_t> b;
  b.reserve(2 * words.size());
  for (auto w : words) put_u16(b, w);
  return b;
}
bool parse_u16_list(const std::vector<std::uint8_t>& b, std::vector<std::uint16_t>& o) {
  if (b.size() % 2) return false;
  o.resize(b.size() / 2);
  for (std::size_t i = 0; i < o.size(); ++i) o[i] = get_u16(&b[2 * i]);
  return true;
}
std::vector<std::uint8_t> spikes_body(const SpikesBody& s) {
  std::vector<std::uint8_t> b;
  b.reserve(3 + 4 * s.events.size());
  put_u8(b, s.running ? 1 : 0);
  put_u16(b, static_cast<std::uint16_t>(s.events.size()));
  for (const auto& e : s.events) {
    put_u16(b, e.step);
    put_u16(b, e.neuron);
  }
  return b;
}
bool parse_spikes(const std::vector<std::uint8_t>& b, SpikesBody& o) {
  if (b.size() < 3) return false;
  o.running = b[0] & 1;
  const std::size_t count = get_u16(&b[1]);
  if (b.size() != 3 + 4 * count) return false;
  o.events.resize(count);
  for (std::size_t i = 0; i < count; ++i) o.events[i] = {get_u16(&b[3 + 4 * i]), get_u16(&b[5 + 4 * i])};
  return true;
}
std::vector<std::uint8_t> nak_body(NakBody n) { return {n.code, n.type}; }
bool parse_nak(const std::vector<std::uint8_t>& b, NakBody& o) {
  if (b.size() != 2) return false;
  o.code = b[0];
  o.type = b[1];
  return true;
}

}  // namespace spikecore::proto
