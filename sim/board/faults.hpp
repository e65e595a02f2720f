// SPDX-License-Identifier: Apache-2.0
// Fault injector of one direction of the simulated serial line (spikecore-sim --ber/--drop/--garbage/--line-low-*).
// Byte-level decisions (drop, insert garbage, start a line-low burst) are made per byte; bit flips per line bit
// (start, 8 data, stop: a flipped start or stop bit loses the byte at a byte-level receiver).
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace spikecore::board {

struct FaultConfig {
  double ber = 0.0;            ///< probability of flipping each line bit
  double drop = 0.0;           ///< probability of losing a byte
  double garbage = 0.0;        ///< probability of inserting a random byte before a byte
  double low_prob = 0.0;       ///< probability of a line-low burst before a byte
  double low_ms = 1.0;         ///< burst length, simulated ms
};

struct FaultCounts {
  std::uint64_t bytes = 0, bits_flipped = 0, dropped = 0, inserted = 0, low_bursts = 0;
  std::string str() const;
};

/// Deterministic for a given seed.
class Faults {
 public:
  Faults(const FaultConfig& cfg, std::uint64_t seed) : cfg_(cfg), rng_(seed) {}
  const FaultConfig& config() const { return cfg_; }
  bool chance(double p) { return p > 0.0 && u_(rng_) < p; }
  std::uint8_t random_byte() { return static_cast<std::uint8_t>(rng_()); }
  /// 10-bit mask of flipped line bits (bit 0 = start, 1..8 = data, 9 = stop) for one byte.
  std::uint16_t flip_mask();
  FaultCounts counts;

 private:
  FaultConfig cfg_;
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> u_{0.0, 1.0};
};

}  // namespace spikecore::board
