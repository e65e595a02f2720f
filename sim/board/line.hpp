// SPDX-License-Identifier: Apache-2.0
// The simulated serial line between the host and the board, with faults (faults.hpp).
//  - LineEncoder (host -> device, bit level): bytes become line levels, one bit = `cycles_per_bit` clock
//    cycles, 8N1, back to back; bit flips and line-low bursts act on the levels the RTL receiver sees.
//  - LineDecoder (device -> host, bit level): samples the RTL's TX pin at bit centres (the host's UART).
//  - ByteFaults: the byte-level faults (drop, garbage, and for --fast or device->host, bit flips applied to
//    a byte's 10 line bits and a line-low burst modelled as a break byte 0x00 replacing the bytes it covers).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "faults.hpp"

namespace spikecore::board {

/// Byte-level fault pass: `in` byte -> zero or more bytes appended to `out`.
class ByteFaults {
 public:
  ByteFaults(Faults& f, std::uint64_t bytes_per_burst) : f_(f), burst_bytes_(bytes_per_burst) {}
  void push(std::uint8_t b, std::vector<std::uint8_t>& out);

 private:
  Faults& f_;
  std::uint64_t burst_bytes_;
  std::uint64_t in_burst_ = 0;
};

class LineEncoder {
 public:
  LineEncoder(Faults& f, int cycles_per_bit, std::uint64_t burst_cycles)
      : f_(f), cpb_(cycles_per_bit), burst_cycles_(burst_cycles) {}
  /// Queues a byte from the host (drop/garbage/burst/flip decisions are made here).
  void push(std::uint8_t b);
  /// Line level for the next clock cycle.
  int next() {
    if (left_ == 0) {
      if (segs_.empty()) return 1;
      level_ = segs_.front().level;
      left_ = segs_.front().cycles;
      segs_.pop_front();
    }
    --left_;
    return level_;
  }
  bool idle() const { return left_ == 0 && segs_.empty(); }
  std::size_t pending_bits() const { return segs_.size(); }

 private:
  struct Seg { int level; std::uint64_t cycles; };
  void put_byte(std::uint8_t b, std::uint16_t flips);
  Faults& f_;
  int cpb_;
  std::uint64_t burst_cycles_;
  std::deque<Seg> segs_;
  int level_ = 1;
  std::uint64_t left_ = 0;
};

class LineDecoder {
 public:
  explicit LineDecoder(int cycles_per_bit) : cpb_(cycles_per_bit) {}
  /// One clock cycle's TX pin level; returns a byte (0..255) when its stop bit was sampled high, else -1.
  int sample(int level) {
    if (!active_) {
      if (prev_ == 1 && level == 0) { active_ = true; t_ = 0; bit_ = 0; byte_ = 0; }
      prev_ = level;
      return -1;
    }
    prev_ = level;
    ++t_;
    if (t_ != cpb_ / 2 + bit_ * cpb_) return -1;
    int out = -1;
    if (bit_ == 0) {
      if (level) active_ = false;
    } else if (bit_ <= 8) {
      byte_ |= level << (bit_ - 1);
    } else {
      if (level) out = byte_; else ++framing_errors;
      active_ = false;
    }
    ++bit_;
    return out;
  }
  bool idle() const { return !active_; }
  std::uint64_t framing_errors = 0;

 private:
  int cpb_;
  bool active_ = false;
  int prev_ = 1, bit_ = 0, byte_ = 0, t_ = 0;
};

}  // namespace spikecore::board
