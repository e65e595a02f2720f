// SPDX-License-Identifier: Apache-2.0
// The 8x8 digits set as shipped in data/ (written once by make_data.py; attribution in data/README.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace spikecore::digits {

constexpr int kPixels = 64;   // 8x8, row-major
constexpr int kClasses = 10;

struct Digit {
  std::array<std::uint8_t, kPixels> pixels{};   ///< grey level 0..16
  int label = 0;                                 ///< 0..9
};

struct Dataset {
  std::vector<Digit> images;   ///< 1797 images in sklearn's order
  std::vector<int> train;      ///< indices into images, in train_test_split's order (1203)
  std::vector<int> test;       ///< same (594)
};

/// Reads `dir`/digits.csv ("label,p0..p63") and `dir`/split.csv ("index,set"). Throws std::runtime_error naming
/// the file and line for a missing file, a malformed row, a pixel outside 0..16 or an index out of range.
Dataset load_dataset(const std::string& dir);

}  // namespace spikecore::digits
