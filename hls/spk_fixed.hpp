// SPDX-License-Identifier: Apache-2.0
// Fixed-point operators of docs/model.md §2.5 (private to hls/; the tests use them too).
#pragma once
#include <cstdint>

namespace spikecore::hls::fx {

// The model needs an arithmetic right shift of negative values (floor division by 2^s).
// GCC and Clang define it so (and C++20 requires it); refuse to build where it is not.
static_assert((-3 >> 1) == -2, "rsr needs an arithmetic right shift");

/// rsr(x, s) = (x + 2^(s-1)) >> s, arithmetic: round to nearest, ties toward +infinity.
/// Callers keep |x| < 2^63 - 2^(s-1) (model.md §2.5 ranges).
inline std::int64_t rsr(std::int64_t x, int s) {
  return (x + (std::int64_t{1} << (s - 1))) >> s;
}

/// Clamp to [-2^31, 2^31 - 1].
inline std::int32_t sat32(std::int64_t x) {
  if (x > INT32_MAX) return INT32_MAX;
  if (x < INT32_MIN) return INT32_MIN;
  return static_cast<std::int32_t>(x);
}

/// Clamp to [0, 65535].
inline std::uint16_t sat16u(std::int64_t x) {
  if (x > 65535) return 65535;
  if (x < 0) return 0;
  return static_cast<std::uint16_t>(x);
}

/// Sign-extend the low `bits` bits of v.
inline std::int32_t sext(std::uint32_t v, int bits) {
  const std::uint32_t m = std::uint32_t{1} << (bits - 1);
  const std::uint32_t low = bits == 32 ? v : (v & ((std::uint32_t{1} << bits) - 1));
  return static_cast<std::int32_t>((low ^ m) - m);
}

/// Weight word (model.md §2.3): bit 15 plastic, bits 14:0 the weight, s15.
constexpr std::uint16_t W_PLASTIC = 0x8000;
constexpr std::uint16_t W_MASK = 0x7FFF;
inline std::int32_t weight_value(std::uint16_t word) { return sext(word, 15); }
inline bool weight_plastic(std::uint16_t word) { return (word & W_PLASTIC) != 0; }

}  // namespace spikecore::hls::fx
