// SPDX-License-Identifier: Apache-2.0
// Bit-level UART line models for the tests, written from the 8N1 definition (idle high, start bit 0,
// 8 data bits LSB first, stop bit 1), independent of rtl/spk_uart_*.sv.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace uarttest {

/// Line level per clock cycle for `bytes` sent back-to-back with a bit period of `period` cycles
/// (fractional: bit k of the stream starts at round(offset + k * period)). `stop_bit` = 0 sends a
/// framing error on every byte.
inline std::vector<std::uint8_t> waveform(const std::vector<std::uint8_t>& bytes, double period,
                                          double offset, int stop_bit = 1) {
  std::vector<int> bits;
  for (std::uint8_t b : bytes) {
    bits.push_back(0);
    for (int i = 0; i < 8; ++i) bits.push_back((b >> i) & 1);
    bits.push_back(stop_bit);
  }
  const auto edge = [&](std::size_t k) { return static_cast<std::size_t>(std::lround(offset + k * period)); };
  std::vector<std::uint8_t> w(edge(bits.size()), 1);
  for (std::size_t k = 0; k < bits.size(); ++k)
    for (std::size_t c = edge(k); c < edge(k + 1); ++c) w[c] = static_cast<std::uint8_t>(bits[k]);
  return w;
}

/// Receiver of a UART line sampled once per clock cycle, nominal bit period `period` cycles, sampling at
/// the bit centre. Records each byte and the cycle its start edge was seen.
class Decoder {
 public:
  explicit Decoder(double period) : period_(period) {}
  void sample(int level, std::uint64_t cycle) {
    if (!active_) {
      if (prev_ == 1 && level == 0) { active_ = true; start_ = cycle; bit_ = 0; byte_ = 0; }
    } else {
      const double centre = start_ + (bit_ + 0.5) * period_;
      if (cycle >= centre) {
        if (bit_ == 0) {
          if (level != 0) active_ = false;             // glitch
        } else if (bit_ <= 8) {
          byte_ |= level << (bit_ - 1);
        } else {
          if (level == 1) { bytes.push_back(static_cast<std::uint8_t>(byte_)); starts.push_back(start_); }
          else ++framing_errors;
          active_ = false;
        }
        ++bit_;
      }
    }
    prev_ = level;
  }
  std::vector<std::uint8_t> bytes;
  std::vector<std::uint64_t> starts;
  int framing_errors = 0;

 private:
  double period_;
  bool active_ = false;
  int prev_ = 1, bit_ = 0, byte_ = 0;
  std::uint64_t start_ = 0;
};

}  // namespace uarttest
