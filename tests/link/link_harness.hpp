// SPDX-License-Identifier: Apache-2.0
// Frame-level test harness for the RTL link through SimTransport. Deliberately independent of
// host/src/protocol.cpp: CRC (bitwise), stuffing and deframing are re-written here straight from
// docs/protocol.md, so the RTL, this harness and spikecore::proto check each other.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "spikecore/sim_transport.hpp"

namespace linktest {

using Bytes = std::vector<std::uint8_t>;

constexpr std::uint8_t kFlag = 0x7E, kEsc = 0x7D;
enum : std::uint8_t {
  CAPS = 1, WRITE_NEURON, READ_NEURON, WRITE_REG, READ_REG, WRITE_WEIGHTS, READ_WEIGHTS,
  LOAD_INPUTS, RUN, READ_SPIKES, RESET_STATE, NAK = 0xFF
};
enum : std::uint8_t { N_CRC = 1, N_LENGTH, N_VERSION, N_TYPE, N_ARG, N_BUSY, N_FULL, N_ORDER };
constexpr int kMaxBody = 1024;   // spk_top default MaxBody, compiled into every sim variant

/// CRC-32 of protocol.md section 1, bit by bit (reflected 0xEDB88320, init and xorout 0xFFFFFFFF).
inline std::uint32_t crc32_bitwise(const Bytes& d) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::uint8_t b : d) {
    c ^= b;
    for (int i = 0; i < 8; ++i) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : (c >> 1);
  }
  return ~c;
}

inline void put16(Bytes& b, std::uint32_t v) { b.push_back(v & 0xFF); b.push_back((v >> 8) & 0xFF); }
inline void put32(Bytes& b, std::uint32_t v) { put16(b, v & 0xFFFF); put16(b, v >> 16); }
inline std::uint32_t get16(const Bytes& b, size_t o) { return b[o] | (b[o + 1] << 8); }
inline std::uint32_t get32(const Bytes& b, size_t o) { return get16(b, o) | (get16(b, o + 2) << 16); }

/// Content = ver type seq len body (no CRC).
inline Bytes content(std::uint8_t type, std::uint8_t seq, const Bytes& body, std::uint8_t ver = 1) {
  Bytes c{ver, type, seq};
  put16(c, std::uint32_t(body.size()));
  c.insert(c.end(), body.begin(), body.end());
  return c;
}
inline Bytes with_crc(Bytes c) { put32(c, crc32_bitwise(c)); return c; }
inline Bytes stuff(const Bytes& c) {
  Bytes o{kFlag};
  for (std::uint8_t b : c) {
    if (b == kFlag || b == kEsc) { o.push_back(kEsc); o.push_back(b ^ 0x20); } else { o.push_back(b); }
  }
  o.push_back(kFlag);
  return o;
}
inline Bytes frame(std::uint8_t type, std::uint8_t seq, const Bytes& body) {
  return stuff(with_crc(content(type, seq, body)));
}

struct Response {
  std::uint8_t type = 0, seq = 0;
  Bytes body;
  Bytes raw;   // the exact bytes on the wire, FLAG to FLAG
};

/// One simulated board plus a strict receiver: every response must be a well-formed frame.
class Board {
 public:
  explicit Board(int n_min = 16, int lanes = 0, int param_sets = 0)
      : t_(spikecore::make_sim_transport(n_min, lanes, param_sets)) {}
  spikecore::Transport& transport() { return *t_; }
  std::uint64_t cycles() const { return spikecore::sim_cycles(*t_); }

  void send_raw(const Bytes& b) { t_->write(b.data(), b.size()); }

  /// Next response frame, or nullopt if the device stays silent for `ms` (simulated).
  std::optional<Response> receive(int ms = 50) {
    Bytes raw;
    bool in = false;
    for (;;) {
      while (pos_ < pending_.size()) {
        std::uint8_t b = pending_[pos_++];
        if (!in) {
          if (b != kFlag) { ADD_FAILURE() << "byte 0x" << std::hex << int(b) << " outside a frame"; continue; }
          in = true;
          raw = {b};
          continue;
        }
        raw.push_back(b);
        if (b == kFlag) {
          if (raw.size() == 2) { raw = {b}; continue; }   // device never sends empty frames
          return decode(raw);
        }
      }
      pending_.clear();
      pos_ = 0;
      std::uint8_t buf[4096];
      std::size_t n = t_->read(buf, sizeof buf, std::chrono::milliseconds(ms));
      if (n == 0) {
        if (in) ADD_FAILURE() << "response cut short after " << raw.size() << " bytes";
        return std::nullopt;
      }
      pending_.assign(buf, buf + n);
    }
  }

  Response transact_raw(const Bytes& wire) {
    send_raw(wire);
    auto r = receive();
    if (!r) {
      ADD_FAILURE() << "no response";
      return {};
    }
    return *r;
  }
  Response cmd(std::uint8_t type, const Bytes& body) { return transact_raw(frame(type, ++seq_, body)); }
  /// Runs a command that must be ACKed; returns the ACK body.
  Bytes ok(std::uint8_t type, const Bytes& body) {
    Response r = cmd(type, body);
    EXPECT_EQ(r.type, 0x80 | type) << "command 0x" << std::hex << int(type) << " NAK code "
                                   << (r.body.empty() ? -1 : int(r.body[0]));
    EXPECT_EQ(r.seq, seq_);
    return r.body;
  }
  /// Runs a command that must be NAKed with `code`.
  void nak(std::uint8_t type, const Bytes& body, std::uint8_t code) {
    Response r = cmd(type, body);
    ASSERT_EQ(r.type, NAK) << "command 0x" << std::hex << int(type) << " was ACKed";
    ASSERT_EQ(r.body.size(), 2u);
    EXPECT_EQ(int(r.body[0]), int(code));
    EXPECT_EQ(int(r.body[1]), int(type));
    EXPECT_EQ(r.seq, seq_);
  }
  std::uint8_t seq() const { return seq_; }
  std::uint8_t next_seq() { return ++seq_; }

  // Typed helpers
  void write_neuron(int field, int first, const std::vector<std::uint32_t>& v) {
    Bytes b{std::uint8_t(field)};
    put16(b, first); put16(b, std::uint32_t(v.size()));
    for (auto x : v) put32(b, x);
    ok(WRITE_NEURON, b);
  }
  std::vector<std::uint32_t> read_neuron(int field, int first, int count) {
    Bytes b{std::uint8_t(field)};
    put16(b, first); put16(b, count);
    Bytes r = ok(READ_NEURON, b);
    EXPECT_EQ(r.size(), size_t(4 * count));
    std::vector<std::uint32_t> v;
    for (size_t o = 0; o + 4 <= r.size(); o += 4) v.push_back(get32(r, o));
    return v;
  }
  void write_reg(int reg, std::uint32_t v) { Bytes b{std::uint8_t(reg)}; put32(b, v); ok(WRITE_REG, b); }
  std::vector<std::uint32_t> read_regs(int reg, int count) {
    Bytes r = ok(READ_REG, Bytes{std::uint8_t(reg), std::uint8_t(count)});
    EXPECT_EQ(r.size(), size_t(4 * count));
    std::vector<std::uint32_t> v;
    for (size_t o = 0; o + 4 <= r.size(); o += 4) v.push_back(get32(r, o));
    return v;
  }
  std::uint32_t read_reg(int reg) { auto v = read_regs(reg, 1); return v.empty() ? 0 : v[0]; }

 private:
  Response decode(const Bytes& raw) {
    Response r;
    r.raw = raw;
    Bytes c;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] == kEsc) { c.push_back(raw[++i] ^ 0x20); } else { c.push_back(raw[i]); }
    }
    EXPECT_GE(c.size(), 9u);
    if (c.size() < 9) return r;
    Bytes no_crc(c.begin(), c.end() - 4);
    EXPECT_EQ(get32(c, c.size() - 4), crc32_bitwise(no_crc)) << "response CRC";
    EXPECT_EQ(c[0], 1) << "response version";
    EXPECT_EQ(get16(c, 3), c.size() - 9) << "response len field";
    r.type = c[1];
    r.seq = c[2];
    r.body.assign(c.begin() + 5, c.end() - 4);
    return r;
  }

  std::unique_ptr<spikecore::Transport> t_;
  Bytes pending_;
  size_t pos_ = 0;
  std::uint8_t seq_ = 0;
};

}  // namespace linktest
