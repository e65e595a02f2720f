// SPDX-License-Identifier: Apache-2.0
// Pieces of the digits job (examples/digits): shipped data, spike codes, teacher pattern, readout rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "dataset.hpp"
#include "encoding.hpp"
#include "readout.hpp"

namespace spikecore::digits {
namespace {

const Dataset& data() {
  static const Dataset d = load_dataset(SPIKECORE_DIGITS_DIR "/data");
  return d;
}

TEST(DigitsData, ShippedSplitIsSklearns) {
  const Dataset& d = data();
  ASSERT_EQ(d.images.size(), 1797u);   // sklearn load_digits
  EXPECT_EQ(d.train.size(), 1203u);    // train_test_split(test_size=0.33): ceil(0.33 * 1797) = 594 test
  EXPECT_EQ(d.test.size(), 594u);
  std::set<int> all(d.train.begin(), d.train.end());
  all.insert(d.test.begin(), d.test.end());
  EXPECT_EQ(all.size(), 1797u);        // disjoint and complete
  // Digit counts of load_digits (DESCR: 178 182 177 183 181 182 181 179 174 180).
  std::array<int, kClasses> n{};
  for (const auto& g : d.images) ++n[g.label];
  EXPECT_EQ(n, (std::array<int, kClasses>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}));
  // First image of the set: the "0" printed in sklearn's documentation.
  EXPECT_EQ(d.images[0].label, 0);
  EXPECT_EQ(d.images[0].pixels[2], 5);
  EXPECT_EQ(d.images[0].pixels[3], 13);
}

TEST(DigitsEncoding, RegularCodeCountsAreFloorOrCeilOfRate) {
  Digit g;
  for (int j = 0; j < kPixels; ++j) g.pixels[j] = static_cast<std::uint8_t>(j % 17);
  SampleRng rng(7, 1, 0);
  std::vector<InputEvent> ev;
  const std::uint32_t T = 10;
  encode_pixels(g, Code::Regular, 0.3, 5, T, 100, rng, ev);
  std::array<int, kPixels> count{};
  for (const auto& e : ev) {
    ASSERT_GE(e.step, 5u);
    ASSERT_LT(e.step, 5u + T);
    ++count[e.neuron - 100];
  }
  for (int j = 0; j < kPixels; ++j) {
    // The rate is held to 24 fractional bits, so T*rate may sit just below an integer.
    const double mean = T * 0.3 * g.pixels[j] / 16.0;
    EXPECT_GE(count[j], int(std::floor(mean - 1e-6))) << j;
    EXPECT_LE(count[j], int(std::floor(mean + 1e-6)) + 1) << j;
    EXPECT_NEAR(count[j], mean, 1.0) << j;
  }
  EXPECT_TRUE(std::is_sorted(ev.begin(), ev.end(), [](const InputEvent& a, const InputEvent& b) {
    return a.step < b.step || (a.step == b.step && a.neuron < b.neuron);
  }));
}

TEST(DigitsEncoding, BernoulliRateMatchesProbability) {
  Digit g;
  g.pixels.fill(8);   // p = 0.5 * 8/16 = 0.25 per step
  SampleRng rng(3, 2, 11);
  std::vector<InputEvent> ev;
  encode_pixels(g, Code::Bernoulli, 0.5, 0, 500, 0, rng, ev);
  const double n = 64.0 * 500, p = 0.25;
  // 5 standard deviations of a binomial(32000, 0.25): about 0.012 in the rate.
  EXPECT_NEAR(ev.size() / n, p, 5 * std::sqrt(p * (1 - p) / n));
}

TEST(DigitsEncoding, StreamsDependOnlyOnSeedPhaseAndIndex) {
  SampleRng a(1, 1, 42), b(1, 1, 42), c(1, 2, 42), d(2, 1, 42);
  const auto x = a.next();
  EXPECT_EQ(x, b.next());
  EXPECT_NE(x, c.next());
  EXPECT_NE(x, d.next());
}

TEST(DigitsTeacher, WrongLabelsFirstRightLabelLast) {
  Digit g;
  g.pixels.fill(16);
  g.label = 3;
  TeacherTiming t;
  t.steps = 12;
  SampleRng rng(1, 1, 0);
  const auto ev = training_events(g, t, 0, 64, rng);
  std::set<int> at0;
  for (const auto& e : ev) {
    if (e.neuron >= 64) {
      if (e.neuron == 64 + 3) EXPECT_EQ(e.step, 11u);
      else EXPECT_EQ(e.step, 0u);
      if (e.step == 0) at0.insert(e.neuron - 64);
    } else {
      EXPECT_GE(e.step, 1u);    // every pixel spike after the wrong labels' spike ...
      EXPECT_LE(e.step, 10u);   // ... and before the right label's
    }
  }
  EXPECT_EQ(at0, (std::set<int>{0, 1, 2, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(ev.back().neuron, 64 + 3);
}

TEST(DigitsReadout, MostSpikesThenFirstSpikeThenLowestLabel) {
  LabelActivity a;
  a.first.fill(UINT32_MAX);
  Decision how;
  EXPECT_EQ(predict(a, &how), -1);
  EXPECT_EQ(how, Decision::NoSpike);
  a.count[4] = 3; a.first[4] = 9;
  a.count[7] = 5; a.first[7] = 12;
  EXPECT_EQ(predict(a, &how), 7);
  EXPECT_EQ(how, Decision::Unique);
  a.count[2] = 5; a.first[2] = 10;
  EXPECT_EQ(predict(a, &how), 2);
  EXPECT_EQ(how, Decision::TieByFirstSpike);
  a.first[7] = 10;
  EXPECT_EQ(predict(a, &how), 2);
  EXPECT_EQ(how, Decision::TieByIndex);
}

TEST(DigitsReadout, ActivityCountsOnlyLabelNeurons) {
  const std::vector<SpikeEvent> s{{0, 3}, {1, 64}, {2, 64}, {2, 73}, {5, 74}};
  const auto a = label_activity(s, 64);
  EXPECT_EQ(a.count[0], 2);
  EXPECT_EQ(a.first[0], 1u);
  EXPECT_EQ(a.count[9], 1);
  EXPECT_EQ(a.first[9], 2u);
  int total = 0;
  for (int c : a.count) total += c;
  EXPECT_EQ(total, 3);
}

}  // namespace
}  // namespace spikecore::digits
