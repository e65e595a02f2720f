// SPDX-License-Identifier: Apache-2.0
#include "line.hpp"

#include <bitset>

namespace spikecore::board {

void ByteFaults::push(std::uint8_t b, std::vector<std::uint8_t>& out) {
  ++f_.counts.bytes;
  if (in_burst_ > 0) {            // the line is held low: the byte is lost
    --in_burst_;
    ++f_.counts.dropped;
    return;
  }
  if (f_.chance(f_.config().low_prob)) {
    ++f_.counts.low_bursts;
    out.push_back(0x00);          // what a UART receiver makes of a break
    in_burst_ = burst_bytes_;
  }
  if (f_.chance(f_.config().garbage)) {
    ++f_.counts.inserted;
    out.push_back(f_.random_byte());
  }
  if (f_.chance(f_.config().drop)) {
    ++f_.counts.dropped;
    return;
  }
  const std::uint16_t m = f_.flip_mask();
  if (m) {
    f_.counts.bits_flipped += std::bitset<10>(m).count();
    if (m & 0x201) {              // start or stop bit hit: a byte-level receiver loses the byte
      ++f_.counts.dropped;
      return;
    }
    b ^= static_cast<std::uint8_t>(m >> 1);
  }
  out.push_back(b);
}

void LineEncoder::put_byte(std::uint8_t b, std::uint16_t flips) {
  const std::uint16_t frame = static_cast<std::uint16_t>((1u << 9) | (b << 1));   // stop, data, start(0)
  for (int i = 0; i < 10; ++i) {
    const int level = ((frame ^ flips) >> i) & 1;
    segs_.push_back({level, static_cast<std::uint64_t>(cpb_)});
  }
}

void LineEncoder::push(std::uint8_t b) {
  ++f_.counts.bytes;
  if (f_.chance(f_.config().low_prob)) {
    ++f_.counts.low_bursts;
    segs_.push_back({0, burst_cycles_});
    segs_.push_back({1, static_cast<std::uint64_t>(cpb_)});   // one idle bit after the break
  }
  if (f_.chance(f_.config().garbage)) {
    ++f_.counts.inserted;
    put_byte(f_.random_byte(), 0);
  }
  if (f_.chance(f_.config().drop)) {
    ++f_.counts.dropped;
    return;
  }
  const std::uint16_t m = f_.flip_mask();
  f_.counts.bits_flipped += std::bitset<10>(m).count();
  put_byte(b, m);
}

}  // namespace spikecore::board
