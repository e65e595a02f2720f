// SPDX-License-Identifier: Apache-2.0
// Parameter sets of the golden model (docs/model.md §2.2): pset reset and clamping, set addressing of the
// fields 8..16, neurons sharing a set, and P = n against shared sets on one network.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "golden_harness.hpp"

namespace spikecore::hls::test {
namespace {

constexpr Field kSetFields[] = {F_P22, F_P11EX, F_P11IN, F_C21EX, F_C21IN, F_DRIVE, F_THETA, F_VRESET, F_NREF};

TEST(GoldenParamSets, CreateChecksRangeAndResetIsKModP) {
  EXPECT_EQ(core_create(10, MAX_WEIGHT_BITS, 11), nullptr);   // P > n
  EXPECT_EQ(core_create(10, MAX_WEIGHT_BITS, -1), nullptr);
  Golden g(10, MAX_WEIGHT_BITS, 4);
  EXPECT_EQ(core_param_sets(g.core()), 4);
  const std::vector<std::uint32_t> want = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1};
  for (int k = 0; k < 10; ++k) EXPECT_EQ(g.get(F_PSET, k), want[static_cast<std::size_t>(k)]) << k;
  for (Field f : kSetFields)
    for (int s = 0; s < 4; ++s) EXPECT_EQ(g.get(f, s), 0u) << f;
  // P = 0 means n: one set per neuron, pset_k = k.
  Golden own(10);
  EXPECT_EQ(core_param_sets(own.core()), 10);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(own.get(F_PSET, k), std::uint32_t(k));
}

TEST(GoldenParamSets, PsetWriteClampsToLastSet) {
  Golden g(10, MAX_WEIGHT_BITS, 4);
  const struct { std::uint32_t write, read; } cases[] = {
      {0, 0}, {3, 3}, {4, 3}, {1000, 3}, {0xFFFF, 3}, {0x10002u, 2}, {0xFFFF0001u, 1}};   // min(value[15:0], P-1)
  for (const auto& c : cases) {
    g.set(F_PSET, 7, c.write);
    EXPECT_EQ(g.get(F_PSET, 7), c.read) << c.write;
  }
  EXPECT_EQ(g.get(F_PSET, 6), 2u);   // other neurons keep theirs
  // pset is a neuron field: addresses 0..n-1.
  std::uint32_t v = 0;
  EXPECT_TRUE(core_write_field(g.core(), F_PSET, 9, 1));
  EXPECT_FALSE(core_write_field(g.core(), F_PSET, 10, 1));
  EXPECT_FALSE(core_read_field(g.core(), F_PSET, 10, &v));
}

TEST(GoldenParamSets, SetFieldsAreAddressedBySetIndex) {
  Golden g(10, MAX_WEIGHT_BITS, 4);
  std::uint32_t v = 0;
  for (Field f : kSetFields) {
    EXPECT_TRUE(core_write_field(g.core(), f, 3, 5)) << f;    // set 3 < P
    EXPECT_TRUE(core_read_field(g.core(), f, 3, &v)) << f;
    EXPECT_EQ(v, 5u) << f;
    EXPECT_FALSE(core_write_field(g.core(), f, 4, 5)) << f;   // set 4 >= P, although neuron 4 exists
    EXPECT_FALSE(core_read_field(g.core(), f, 4, &v)) << f;
    EXPECT_FALSE(core_write_field(g.core(), f, 9, 5)) << f;
  }
  // State fields stay addressed by neuron.
  for (Field f : {F_V, F_IEX, F_IIN, F_R, F_X, F_Y}) {
    EXPECT_TRUE(core_write_field(g.core(), f, 9, 1)) << f;
    EXPECT_FALSE(core_write_field(g.core(), f, 10, 1)) << f;
  }
}

TEST(GoldenParamSets, NeuronsSharingASetBehaveIdentically) {
  // n = 6, P = 2: neurons 1, 3, 5 use set 1 (k mod 2). 1 and 5 get the same constant current and the same input
  // weight from neuron 0; 3 gets no input weight.
  Golden g(6, MAX_WEIGHT_BITS, 2);
  LifParams p;
  p.i_offset = 600.0;   // R I = 24 mV: fires on its own with a 15 mV threshold, every ~12 ms
  const RawNeuron raw = quantize(p, 0.1, 1.0);
  load(g, 1, raw);
  g.set(F_THETA, 0, INT32_MAX);   // set 0: silent (neurons 0, 2)
  g.set_w(0, 1, 900);
  g.set_w(0, 5, 900);
  ASSERT_EQ(g.get(F_PSET, 1), 1u);
  ASSERT_EQ(g.get(F_PSET, 5), 1u);
  std::vector<int> spikes1, spikes5, spikes3;
  for (int t = 0; t < 400; ++t) {
    const auto s = g.step(t % 37 == 0 ? std::vector<int>{0} : std::vector<int>{});
    if (s[1]) spikes1.push_back(t);
    if (s[5]) spikes5.push_back(t);
    if (s[3]) spikes3.push_back(t);
    EXPECT_FALSE(s[2] || s[4]) << "step " << t;   // set 0 is silent
    ASSERT_EQ(g.get(F_V, 1), g.get(F_V, 5)) << "step " << t;
    ASSERT_EQ(g.get(F_IEX, 1), g.get(F_IEX, 5)) << "step " << t;
    ASSERT_EQ(g.get(F_R, 1), g.get(F_R, 5)) << "step " << t;
  }
  ASSERT_GE(spikes1.size(), 3u);
  EXPECT_EQ(spikes1, spikes5);
  EXPECT_NE(spikes1, spikes3);   // same set, but no input: the drive alone makes a different train
  EXPECT_GE(spikes3.size(), 3u);

  // Raising the set's theta out of reach silences all three neurons: one write.
  g.set(F_THETA, 1, INT32_MAX);
  for (int t = 0; t < 400; ++t) {
    const auto s = g.step();
    EXPECT_FALSE(s[1] || s[3] || s[5]) << "step " << t;
  }
  EXPECT_EQ(g.get(F_V, 1), g.get(F_V, 5));
  EXPECT_GT(g.get_s(F_V, 3), raw.theta);   // V rose past the old threshold without a spike
  // Moving neuron 5 to the silent set 0 changes it alone.
  g.set(F_PSET, 5, 0);
  g.set(F_THETA, 1, raw.theta);
  core_reset_state(g.core());
  EXPECT_EQ(g.get(F_PSET, 5), 0u);             // RESET_STATE keeps pset ...
  EXPECT_EQ(g.get_s(F_THETA, 1), raw.theta);   // ... and the sets
  int n1 = 0, n5 = 0;
  for (int t = 0; t < 400; ++t) {
    const auto s = g.step();
    n1 += s[1];
    n5 += s[5];
  }
  EXPECT_GT(n1, 0);
  EXPECT_EQ(n5, 0);
}

/// Two populations of 20 LIF neurons (A: 0..19, B: 20..39) with different parameters, random recurrent
/// weights, STDP and forced input spikes; loaded either with one set per neuron (P = n) or with two shared sets.
struct TwoPopulations {
  static constexpr int kN = 40;
  explicit TwoPopulations(int param_sets) : g(kN, MAX_WEIGHT_BITS, param_sets) {
    LifParams a, b;
    a.i_offset = 420.0;
    b.tau_m = 15.0;
    b.tau_syn_ex = 3.0;
    b.t_ref = 1.0;
    b.v_th = -52.0;
    b.i_offset = 330.0;
    const RawNeuron ra = quantize(a, 0.1, 1.0), rb = quantize(b, 0.1, 1.0);
    if (param_sets == kN) {
      for (int k = 0; k < kN; ++k) load(g, k, k < 20 ? ra : rb);
    } else {
      load(g, 0, ra);
      load(g, 1, rb);
      for (int k = 0; k < kN; ++k) g.set(F_PSET, k, k < 20 ? 0 : 1);
    }
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> w(-3000, 4000);
    for (int j = 0; j < kN; ++j)
      for (int k = 0; k < kN; ++k)
        if (j != k) g.set_w(j, k, w(rng), (j + k) % 3 == 0);
    g.set_reg(R_STDP_CTRL, 1);
    g.set_reg(R_P_PLUS, q24_decay(0.99));
    g.set_reg(R_P_MINUS, q24_decay(0.98));
    g.set_reg(R_A_PLUS, 16 * 30);
    g.set_reg(R_A_MINUS, 16 * 35);
    g.set_reg(R_W_MIN, static_cast<std::uint32_t>(-5000));
    g.set_reg(R_W_MAX, 6000);
  }
  Golden g;
};

TEST(GoldenParamSets, SharedSetsMatchOneSetPerNeuronBitForBit) {
  TwoPopulations own(TwoPopulations::kN), shared(2);
  ASSERT_EQ(core_param_sets(shared.g.core()), 2);
  std::mt19937 rng(3);
  int own_spikes[2] = {0, 0};   // spikes not forced, per population
  for (int t = 0; t < 600; ++t) {
    std::vector<int> forced;
    std::vector<std::uint8_t> is_forced(TwoPopulations::kN, 0);
    for (int k = 0; k < TwoPopulations::kN; ++k)
      if (rng() % 50 == 0) {
        forced.push_back(k);
        is_forced[static_cast<std::size_t>(k)] = 1;
      }
    const auto a = own.g.step(forced), b = shared.g.step(forced);
    ASSERT_EQ(a, b) << "spikes at step " << t;
    for (int k = 0; k < TwoPopulations::kN; ++k) {
      ASSERT_EQ(own.g.get(F_V, k), shared.g.get(F_V, k)) << "V of neuron " << k << " at step " << t;
      ASSERT_EQ(own.g.get(F_IEX, k), shared.g.get(F_IEX, k)) << "I_ex of neuron " << k << " at step " << t;
      ASSERT_EQ(own.g.get(F_IIN, k), shared.g.get(F_IIN, k)) << "I_in of neuron " << k << " at step " << t;
      if (a[static_cast<std::size_t>(k)] && !is_forced[static_cast<std::size_t>(k)]) ++own_spikes[k < 20 ? 0 : 1];
    }
  }
  // Both populations fire on their own (a comparison of silent neurons would prove nothing).
  EXPECT_GT(own_spikes[0], 100) << own_spikes[0];
  EXPECT_GT(own_spikes[1], 100) << own_spikes[1];
  for (int j = 0; j < TwoPopulations::kN; ++j)
    for (int k = 0; k < TwoPopulations::kN; ++k) ASSERT_EQ(own.g.word(j, k), shared.g.word(j, k));
}

}  // namespace
}  // namespace spikecore::hls::test
