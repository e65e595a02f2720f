// SPDX-License-Identifier: Apache-2.0
// Field and register access of the golden model (docs/model.md §2, docs/protocol.md §3-§4),
// RESET_STATE and the counters.
#include <gtest/gtest.h>

#include <vector>

#include "golden_harness.hpp"

namespace spikecore::hls::test {
namespace {

TEST(GoldenCore, CreateRejectsBadSizesAndStartsAtZero) {
  EXPECT_EQ(core_create(0), nullptr);
  EXPECT_EQ(core_create(MAX_N + 1), nullptr);
  Golden g(MAX_N);
  EXPECT_EQ(core_n(g.core()), MAX_N);
  for (Field f : {F_V, F_IEX, F_IIN, F_R, F_X, F_Y, F_P22, F_P11EX, F_P11IN, F_C21EX, F_C21IN,
                  F_DRIVE, F_THETA, F_VRESET, F_NREF}) {
    EXPECT_EQ(g.get(f, 0), 0u);
    EXPECT_EQ(g.get(f, MAX_N - 1), 0u);
  }
  for (Reg r : {R_STDP_CTRL, R_P_PLUS, R_P_MINUS, R_A_PLUS, R_A_MINUS, R_W_MIN, R_W_MAX,
                R_CYCLES_LO, R_CYCLES_HI, R_TIMESTEPS, R_SPIKES, R_SOPS_LO, R_SOPS_HI,
                R_STALL_CYCLES, R_IN_DROPPED})
    EXPECT_EQ(g.reg(r), 0u);
  EXPECT_EQ(core_read_weight(g.core(), MAX_N * MAX_N - 1), 0u);
}

TEST(GoldenCore, FieldWritesTruncateAndReadsExtend) {
  Golden g(3);
  struct Case {
    Field f;
    std::uint32_t write, read;
  };
  const std::vector<Case> cases = {
      {F_V, 0xFFFFFFFFu, 0xFFFFFFFFu},      {F_V, 0x80000000u, 0x80000000u},
      {F_IEX, 0x89ABCDEFu, 0x89ABCDEFu},    {F_IIN, 0xFFFFFF00u, 0xFFFFFF00u},
      {F_R, 0x12345678u, 0x5678u},          {F_X, 0xFFFFFFFFu, 0xFFFFu},
      {F_Y, 0x0001C000u, 0xC000u},          {F_P22, 0xFFFFFFFFu, 0x00FFFFFFu},
      {F_P11EX, 0x01000000u, 0u},           {F_P11IN, 0xAB123456u, 0x123456u},
      {F_C21EX, 0xFFFFFFFFu, 0x3FFFFFFFu},  {F_C21IN, 0x40000001u, 1u},
      {F_DRIVE, 0xFFFF0000u, 0xFFFF0000u},  {F_THETA, 0x7FFFFFFFu, 0x7FFFFFFFu},
      {F_VRESET, 0xFFFFFFFEu, 0xFFFFFFFEu}, {F_NREF, 0xFFFF0014u, 0x14u}};
  for (const Case& c : cases) {
    g.set(c.f, 1, c.write);
    EXPECT_EQ(g.get(c.f, 1), c.read) << "field " << c.f;
  }
  EXPECT_EQ(g.get(F_V, 0), 0u);  // other neurons untouched
  EXPECT_EQ(g.get(F_V, 2), 0u);
}

TEST(GoldenCore, RegisterWritesTruncateAndReadsExtend) {
  Golden g(1);
  struct Case {
    Reg r;
    std::uint32_t write, read;
  };
  const std::vector<Case> cases = {
      {R_STDP_CTRL, 0xFFFFFFFFu, 3u},      {R_STDP_CTRL, 2u, 2u},
      {R_P_PLUS, 0xFFFFFFFFu, 0xFFFFFFu},  {R_P_MINUS, 0x01800000u, 0x800000u},
      {R_A_PLUS, 0x00012345u, 0x2345u},    {R_A_MINUS, 0xFFFFFFFFu, 0xFFFFu},
      {R_W_MIN, 0x0000C001u, 0xFFFFC001u}, {R_W_MIN, 0xFFFF3FFFu, 0x3FFFu},
      {R_W_MAX, 0x00008000u, 0u}, {R_W_MAX, 0x00004000u, 0xFFFFC000u},
      {R_W_MAX, 0x00003FFFu, 0x3FFFu}};  // W_MIN/W_MAX are s15 (model.md §2.4)
  for (const Case& c : cases) {
    g.set_reg(c.r, c.write);
    EXPECT_EQ(g.reg(c.r), c.read) << "reg " << c.r;
  }
}

TEST(GoldenCore, UnknownIdsAndOutOfRangeIndicesAreRejected) {
  Golden g(4);
  std::uint32_t v = 0;
  for (int f : {-1, 7, 17, 255}) {   // 6 is pset (model.md §2.1), 8..16 the parameter-set fields
    EXPECT_FALSE(core_write_field(g.core(), f, 0, 1)) << f;
    EXPECT_FALSE(core_read_field(g.core(), f, 0, &v)) << f;
  }
  EXPECT_FALSE(core_write_field(g.core(), F_V, 4, 1));
  EXPECT_FALSE(core_write_field(g.core(), F_V, -1, 1));
  EXPECT_FALSE(core_read_field(g.core(), F_V, 4, &v));
  for (int r : {-1, 7, 15, 24, 25, 26, 255}) {
    EXPECT_FALSE(core_write_reg(g.core(), r, 1)) << r;
    EXPECT_FALSE(core_read_reg(g.core(), r, &v)) << r;
  }
  for (int r : {16, 17, 18, 19, 20, 21, 22, 23})  // counters are read-only
    EXPECT_FALSE(core_write_reg(g.core(), r, 1)) << r;
  core_write_weight(g.core(), 16, 0x1234);  // outside N^2: ignored
  EXPECT_EQ(core_read_weight(g.core(), 16), 0u);
  core_write_weight(g.core(), 15, 0xFFFF);
  EXPECT_EQ(core_read_weight(g.core(), 15), 0xFFFFu);
}

TEST(GoldenCore, WeightAddressIsPreTimesNPlusPost) {
  Golden g(3);
  g.set(F_THETA, 2, INT32_MAX);
  core_write_weight(g.core(), 0 * 3 + 2, 5);   // w[0][2]
  core_write_weight(g.core(), 2 * 3 + 0, 99);  // w[2][0]: must not reach neuron 2
  g.step({0});
  g.step();
  EXPECT_EQ(g.get_s(F_IEX, 2), 5 * 256);
}

TEST(GoldenCore, CountersCountStepsSpikesAndSops) {
  Golden g(5);
  for (int k = 0; k < 5; ++k) g.set(F_THETA, k, INT32_MAX);
  g.step({0, 3});  // 2 spikes
  EXPECT_EQ(g.reg(R_TIMESTEPS), 1u);
  EXPECT_EQ(g.reg(R_SPIKES), 2u);
  EXPECT_EQ(g.reg(R_SOPS_LO), 0u);  // nothing delivered yet
  g.step({1});  // delivers 2 spikes: 2 * N weight words
  EXPECT_EQ(g.reg(R_TIMESTEPS), 2u);
  EXPECT_EQ(g.reg(R_SPIKES), 3u);
  EXPECT_EQ(g.reg(R_SOPS_LO), 10u);
  g.step();
  EXPECT_EQ(g.reg(R_SOPS_LO), 15u);
  EXPECT_EQ(g.reg(R_SOPS_HI), 0u);
  for (Reg r : {R_CYCLES_LO, R_CYCLES_HI, R_STALL_CYCLES, R_IN_DROPPED}) EXPECT_EQ(g.reg(r), 0u);
}

TEST(GoldenCore, ResetStateClearsDynamicStateOnly) {
  Golden g(2);
  g.set(F_P22, 0, 1 << 23);
  g.set(F_DRIVE, 0, 16 * 1000);  // Q11.20: 16 per raw V
  g.set(F_THETA, 0, 1500);  // V = 1000, then 1500: spikes at step 1
  g.set(F_VRESET, 0, -40);
  g.set(F_NREF, 0, 3);
  g.set(F_THETA, 1, INT32_MAX);
  g.set(F_P11EX, 1, 1 << 23);
  g.set_w(0, 1, 77, true);
  g.set_reg(R_P_PLUS, 1 << 23);
  g.set_reg(R_P_MINUS, 1 << 22);
  g.set_reg(R_W_MAX, 500);
  EXPECT_EQ(g.step()[0], 0);
  EXPECT_EQ(g.step()[0], 1);  // spike at the last step before the reset: in S_prev
  g.set(F_IIN, 1, -5);
  const std::uint32_t timesteps = g.reg(R_TIMESTEPS), spikes = g.reg(R_SPIKES);
  core_reset_state(g.core());
  for (Field f : {F_V, F_IEX, F_IIN, F_R, F_X, F_Y}) {
    EXPECT_EQ(g.get(f, 0), 0u) << f;
    EXPECT_EQ(g.get(f, 1), 0u) << f;
  }
  EXPECT_EQ(g.get(F_P22, 0), 1u << 23);
  EXPECT_EQ(g.get_s(F_DRIVE, 0), 16 * 1000);
  EXPECT_EQ(g.get_s(F_VRESET, 0), -40);
  EXPECT_EQ(g.get(F_NREF, 0), 3u);
  EXPECT_EQ(g.get(F_P11EX, 1), 1u << 23);
  EXPECT_EQ(g.word(0, 1), 0x8000u | 77u);
  EXPECT_EQ(g.reg(R_P_PLUS), 1u << 23);
  EXPECT_EQ(g.reg(R_W_MAX), 500u);
  EXPECT_EQ(g.reg(R_TIMESTEPS), timesteps);
  EXPECT_EQ(g.reg(R_SPIKES), spikes);
  // S_prev is empty: the spike before the reset is never delivered, and r = 0 lets V integrate.
  g.step();
  EXPECT_EQ(g.get_s(F_IEX, 1), 0);
  EXPECT_EQ(g.get_s(F_V, 0), 1000);
  EXPECT_EQ(g.reg(R_SOPS_LO), 0u);
}

TEST(GoldenCore, NarrowWeightsKeepTheLowBitsSignExtended) {
  // model.md §2.3: a device with B stored bits keeps the plastic bit and w[B-2:0], sign-extended.
  EXPECT_EQ(core_create(4, MIN_WEIGHT_BITS - 1), nullptr);
  EXPECT_EQ(core_create(4, MAX_WEIGHT_BITS + 1), nullptr);
  Golden g(2, 9);
  EXPECT_EQ(core_weight_bits(g.core()), 9);
  const struct { std::int32_t w; bool plastic; std::int32_t read; } cases[] = {
      {127, true, 127}, {-127, false, -127}, {-128, true, -128}, {128, false, -128}, {200, true, -56},
      {-16383, false, 1}, {16383, true, -1}};
  for (const auto& c : cases) {
    g.set_w(0, 1, c.w, c.plastic);
    EXPECT_EQ(g.w(0, 1), c.read) << c.w;
    EXPECT_EQ((g.word(0, 1) & 0x8000u) != 0, c.plastic) << c.w;
  }
}

TEST(GoldenStdp, NarrowWeightsMatchFullWidthInsideTheirRange) {
  // The same plastic network on a 16-bit and a 9-bit core, every weight and bound within +-127: identical
  // weights after every step (narrowing is the identity there), with potentiation and depression at the bounds.
  Golden wide(3), narrow(3, 9);
  for (Golden* g : {&wide, &narrow}) {
    for (int k = 0; k < 3; ++k) g->set(F_THETA, k, INT32_MAX);
    g->set_reg(R_STDP_CTRL, 1);
    g->set_reg(R_P_PLUS, q24_decay(0.9));
    g->set_reg(R_P_MINUS, q24_decay(0.8));
    g->set_reg(R_A_PLUS, 16 * 40);   // first potentiation only (up to W_MAX), then depression only (W_MIN)
    g->set_reg(R_A_MINUS, 0);
    g->set_reg(R_W_MIN, static_cast<std::uint32_t>(-127));
    g->set_reg(R_W_MAX, 127);
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k) g->set_w(j, k, 37 * (j - k), true);
  }
  bool hit_max = false, hit_min = false;
  for (int t = 0; t < 60; ++t) {
    if (t == 30)
      for (Golden* g : {&wide, &narrow}) {
        g->set_reg(R_A_PLUS, 0);
        g->set_reg(R_A_MINUS, 16 * 40);
      }
    const std::vector<int> forced = {t % 3, (t * 2 + 1) % 3};
    wide.step(forced);
    narrow.step(forced);
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k) {
        ASSERT_EQ(narrow.word(j, k), wide.word(j, k)) << "step " << t << " w[" << j << "][" << k << "]";
        hit_max |= wide.w(j, k) == 127;
        hit_min |= wide.w(j, k) == -127;
      }
  }
  EXPECT_TRUE(hit_max);
  EXPECT_TRUE(hit_min);
}

}  // namespace
}  // namespace spikecore::hls::test
