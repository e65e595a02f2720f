// SPDX-License-Identifier: Apache-2.0
#include "dataset.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace spikecore::digits {
namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  return out;
}

[[noreturn]] void fail(const std::string& file, int line, const std::string& what) {
  throw std::runtime_error(file + ":" + std::to_string(line) + ": " + what);
}

int to_int(const std::string& s, const std::string& file, int line, int lo, int hi) {
  std::size_t used = 0;
  int v = 0;
  try {
    v = std::stoi(s, &used);
  } catch (const std::exception&) {
    fail(file, line, "'" + s + "' is not an integer");
  }
  if (used != s.size() || v < lo || v > hi)
    fail(file, line, "'" + s + "': expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return v;
}

std::ifstream open(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot open (run examples/digits/make_data.py?)");
  return in;
}

}  // namespace

Dataset load_dataset(const std::string& dir) {
  Dataset d;
  const std::string images_file = dir + "/digits.csv";
  auto in = open(images_file);
  std::string line;
  int ln = 1;
  std::getline(in, line);   // header
  while (std::getline(in, line)) {
    ++ln;
    if (line.empty()) continue;
    const auto cells = split_csv(line);
    if (cells.size() != 1 + kPixels) fail(images_file, ln, "expected 65 columns");
    Digit g;
    g.label = to_int(cells[0], images_file, ln, 0, kClasses - 1);
    for (int p = 0; p < kPixels; ++p)
      g.pixels[p] = static_cast<std::uint8_t>(to_int(cells[1 + p], images_file, ln, 0, 16));
    d.images.push_back(g);
  }

  const std::string split_file = dir + "/split.csv";
  auto sin = open(split_file);
  ln = 1;
  std::getline(sin, line);
  const int n = static_cast<int>(d.images.size());
  while (std::getline(sin, line)) {
    ++ln;
    if (line.empty()) continue;
    const auto cells = split_csv(line);
    if (cells.size() != 2) fail(split_file, ln, "expected 2 columns");
    const int idx = to_int(cells[0], split_file, ln, 0, n - 1);
    if (cells[1] == "train") d.train.push_back(idx);
    else if (cells[1] == "test") d.test.push_back(idx);
    else fail(split_file, ln, "set '" + cells[1] + "': expected train or test");
  }
  return d;
}

}  // namespace spikecore::digits
