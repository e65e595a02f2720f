// SPDX-License-Identifier: Apache-2.0
// The scoreboard's comparison (sim/systemc/scoreboard.hpp): which difference it reports first, and how.
#include <gtest/gtest.h>

#include "scoreboard.hpp"

namespace spikecore::cosim {
namespace {

Snapshot make(int n, std::uint32_t step) {
  Snapshot s;
  s.step = step;
  s.spiked.assign(std::size_t(n), 0);
  for (int f = 0; f < kStateFields; ++f)
    for (int k = 0; k < n; ++k) s.fields[f].push_back(std::uint32_t(1000 * f + k));
  return s;
}

TEST(Scoreboard, IdenticalSnapshotsAgree) {
  Snapshot a = make(8, 3), g = make(8, 3);
  g.all_weights.assign(64, 7);
  a.weights = {{9, 7}, {63, 7}};
  EXPECT_FALSE(compare(a, g, 8).has_value());
}

TEST(Scoreboard, ReportsLowestNeuronThenFieldOrder) {
  Snapshot a = make(8, 5), g = make(8, 5);
  g.all_weights.assign(64, 0);
  a.fields[2][6] = 0xFFFFFFFEu;   // I_in of neuron 6 = -2
  a.fields[5][4] += 1;            // y of neuron 4
  a.fields[1][4] += 1;            // I_ex of neuron 4: first (neuron 4, field order V, I_ex, ...)
  a.weights = {{8 * 2 + 3, 5}};   // w[2][3] = 5 against 0
  const auto m = compare(a, g, 8);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->step, 5u);
  EXPECT_EQ(m->neuron, 4);
  EXPECT_EQ(m->field, "I_ex");
  EXPECT_EQ(m->rtl, 1004 + 1);
  EXPECT_EQ(m->golden, 1004);
  EXPECT_EQ(m->more, 3);
}

TEST(Scoreboard, SpikeBeforeStateAndSignedValues) {
  Snapshot a = make(4, 0), g = make(4, 0);
  g.all_weights.assign(16, 0);
  a.spiked[1] = 1;
  a.fields[0][1] = 0xFFFFFF00u;
  const auto m = compare(a, g, 4);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->field, "spike");
  EXPECT_EQ(m->neuron, 1);
  a.spiked[1] = 0;
  const auto v = compare(a, g, 4);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->field, "V");
  EXPECT_EQ(v->rtl, -256);
  EXPECT_NE(v->describe().find("timestep 0, neuron 1, field V: rtl = -256"), std::string::npos) << v->describe();
}

TEST(Scoreboard, WeightDifferenceNamesPreAndPost) {
  Snapshot a = make(16, 9), g = make(16, 9);
  g.all_weights.assign(256, 0x8010);
  a.weights = {{16 * 3 + 11, 0x8010}, {16 * 12 + 1, 0x8011}};
  const auto m = compare(a, g, 16);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->neuron, 12);
  EXPECT_EQ(m->field, "w[12][1]");
  EXPECT_EQ(m->rtl, 0x8011);
  EXPECT_EQ(m->golden, 0x8010);
  EXPECT_EQ(m->more, 0);
}

}  // namespace
}  // namespace spikecore::cosim

// libsystemc.so references sc_main; gtest_main provides main, so this one is never called.
int sc_main(int, char**) { return 0; }
