// SPDX-License-Identifier: Apache-2.0
#include "encoding.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace spikecore::digits {
namespace {
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

SampleRng::SampleRng(std::uint64_t seed, std::uint32_t phase, std::uint64_t index)
    : s_(mix(mix(seed) ^ (std::uint64_t(phase) << 56) ^ index)) {}

std::uint64_t SampleRng::next() {
  s_ += 0x9E3779B97F4A7C15ULL;
  return mix(s_);
}

void encode_pixels(const Digit& d, Code code, double p_max, std::uint32_t first_step, std::uint32_t steps,
                   int input_first, SampleRng& rng, std::vector<InputEvent>& out) {
  if (!(p_max >= 0 && p_max <= 1)) throw std::invalid_argument("spike probability must be in [0, 1]");
  std::array<std::uint64_t, 17> rate{};   // Q0.24 spikes per step for each grey level
  for (int g = 0; g <= 16; ++g) rate[g] = static_cast<std::uint64_t>(std::llround(p_max * g / 16.0 * (1 << 24)));
  if (code == Code::Bernoulli) {
    for (std::uint32_t t = 0; t < steps; ++t)
      for (int j = 0; j < kPixels; ++j)
        if ((rng.next() >> 40) < rate[d.pixels[j]])
          out.push_back({first_step + t, static_cast<std::uint16_t>(input_first + j)});
    return;
  }
  std::array<std::uint64_t, kPixels> phase{};
  for (auto& p : phase) p = rng.next() >> 40;
  for (std::uint32_t t = 0; t < steps; ++t)
    for (int j = 0; j < kPixels; ++j) {
      const std::uint64_t acc = phase[j] + t * rate[d.pixels[j]];   // spike when the accumulator passes an integer
      if (((acc + rate[d.pixels[j]]) >> 24) > (acc >> 24))
        out.push_back({first_step + t, static_cast<std::uint16_t>(input_first + j)});
    }
}

std::vector<InputEvent> training_events(const Digit& d, const TeacherTiming& t, int input_first, int label_first,
                                        SampleRng& rng) {
  if (t.steps < 3) throw std::invalid_argument("training presentation needs at least 3 steps");
  std::vector<InputEvent> ev;
  for (int k = 0; k < kClasses; ++k)
    if (k != d.label) ev.push_back({0, static_cast<std::uint16_t>(label_first + k)});
  encode_pixels(d, t.code, t.p_max, 1, t.steps - 2, input_first, rng, ev);
  ev.push_back({t.steps - 1, static_cast<std::uint16_t>(label_first + d.label)});
  return ev;
}

std::vector<int> balanced_schedule(const Dataset& d, int count) {
  std::array<std::vector<int>, kClasses> by_class;
  for (int idx : d.train) by_class[d.images[idx].label].push_back(idx);
  for (const auto& c : by_class)
    if (c.empty()) throw std::runtime_error("training set lacks a class");
  std::vector<int> order;
  for (int i = 0; i < count; ++i) {
    const auto& c = by_class[i % kClasses];
    order.push_back(c[(i / kClasses) % c.size()]);
  }
  return order;
}

int full_schedule_length(const Dataset& d) {
  std::array<int, kClasses> n{};
  for (int idx : d.train) ++n[d.images[idx].label];
  return kClasses * *std::max_element(n.begin(), n.end());
}

}  // namespace spikecore::digits
