// SPDX-License-Identifier: Apache-2.0
// STDP of the golden model (docs/model.md §4 steps 5a-5d): shared/reference case-05 pair window,
// pairing modes, clipping, plastic bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "golden_harness.hpp"
#include "spk_error_bound.hpp"

namespace spikecore::hls::test {
namespace {

// case-05 set 1: A+ = 0.01, A- = 0.0105, tau+ = tau- = 20 ms (weights in units of g_max = 1),
// dt = 1 ms. w_lsb = max(|w_min|, |w_max|) / 16383 = 1/16383 (model.md §2.3 default).
constexpr double W_LSB = 1.0 / 16383.0;
constexpr double A_PLUS = 0.01, A_MINUS = 0.0105, TAU = 20.0, DT = 1.0;
constexpr std::int32_t W0 = 8192;  // start mid-range, far from the bounds

struct StdpCore {
  Golden g{2};  // neuron 0 = pre, 1 = post, plastic synapse w[0][1]
  explicit StdpCore(bool nearest, std::int32_t w0 = W0, std::int32_t w_min = 0,
                    std::int32_t w_max = 16383) {
    for (int k = 0; k < 2; ++k) g.set(F_THETA, k, INT32_MAX);  // only forced spikes
    g.set_reg(R_STDP_CTRL, 1 | (nearest ? 2 : 0));
    g.set_reg(R_P_PLUS, q24_decay(std::exp(-DT / TAU)));
    g.set_reg(R_P_MINUS, q24_decay(std::exp(-DT / TAU)));
    g.set_reg(R_A_PLUS, std::llround(A_PLUS / W_LSB * 16));
    g.set_reg(R_A_MINUS, std::llround(A_MINUS / W_LSB * 16));
    g.set_reg(R_W_MIN, w_min);
    g.set_reg(R_W_MAX, w_max);
    g.set_w(0, 1, w0, true);
  }
  /// Forces the pre neuron at step t_pre and the post neuron at t_post (steps >= 0), runs past
  /// both.
  void pair(int t_pre, int t_post) {
    const int end = std::max(t_pre, t_post) + 2;
    for (int t = 0; t <= end; ++t) {
      std::vector<int> f;
      if (t == t_pre) f.push_back(0);
      if (t == t_post) f.push_back(1);
      g.step(f);
    }
  }
};

struct WindowRow {
  int dt_steps;
  double dw;  // continuous, units of g_max
};

// case-05 set 1, column "continuous Δw".
const std::vector<WindowRow> kWindow = {
    {1, +0.0095122942},  {-1, -0.0099879090},  {2, +0.0090483742},  {-2, -0.0095007929},
    {5, +0.0077880078},  {-5, -0.0081774082},  {10, +0.0060653066}, {-10, -0.0063685719},
    {20, +0.0036787944}, {-20, -0.0038627341}, {40, +0.0013533528}, {-40, -0.0014210205}};

TEST(GoldenStdp, PairWindowMatchesContinuousWithinOneLsb) {
  for (bool nearest : {false, true}) {
    for (const WindowRow& r : kWindow) {
      StdpCore c(nearest);
      const int t_pre = 50, t_post = t_pre + r.dt_steps;
      c.pair(t_pre, t_post);
      const long want = std::lround(r.dw / W_LSB);
      const std::int32_t got = c.g.w(0, 1) - W0;
      EXPECT_LE(std::abs(got - want), 1)
          << "dt " << r.dt_steps << (nearest ? " nearest" : " all-to-all") << " got " << got
          << " want " << want;
      // And within the §5 per-update bound of the unrounded continuous change.
      const double a = (r.dt_steps > 0 ? A_PLUS : A_MINUS) / W_LSB;
      const double trace = std::exp(-std::abs(r.dt_steps) * DT / TAU);
      const double e = bound::stdp_update(a, trace, bound::trace(16384, std::exp(-DT / TAU)));
      EXPECT_LE(std::fabs(got - r.dw / W_LSB), e) << "dt " << r.dt_steps;
      EXPECT_TRUE(c.g.word(0, 1) & 0x8000u);
    }
  }
}

TEST(GoldenStdp, PlusOneStepIsAPlusTimesDecayExactly) {
  // model.md §4: reading the trace after 5a and before 5d gives A+ e^(-dt/tau+) at Δt = +1.
  StdpCore c(false);
  c.pair(3, 4);
  const std::uint32_t x1 = static_cast<std::uint32_t>(std::llround(16384 * 0.951229424500714));
  const std::uint32_t a = static_cast<std::uint32_t>(std::llround(A_PLUS / W_LSB * 16));
  EXPECT_EQ(c.g.w(0, 1) - W0, static_cast<std::int32_t>((a * x1 + (1u << 17)) >> 18));
  EXPECT_EQ(c.g.w(0, 1) - W0, std::lround(0.0095122942 / W_LSB));
}

TEST(GoldenStdp, CoincidentPairChangesNothing) {
  for (bool nearest : {false, true}) {
    StdpCore c(nearest);
    for (int t = 0; t < 7; ++t) c.g.step();
    c.g.step({0, 1});
    EXPECT_EQ(c.g.w(0, 1), W0);
    EXPECT_EQ(c.g.get(F_X, 0), 16384u);  // the traces took the spikes, after the update
    EXPECT_EQ(c.g.get(F_Y, 1), 16384u);
    c.g.step();
    c.g.step();
    EXPECT_EQ(c.g.w(0, 1), W0);
  }
}

TEST(GoldenStdp, PairingModesDifferForRepeatedPreSpikes) {
  // Pre at 0 and 3, post at 10: all-to-all sees x = e^-10/20 + e^-7/20, nearest x = e^-7/20.
  for (bool nearest : {false, true}) {
    StdpCore c(nearest);
    for (int t = 0; t <= 11; ++t) {
      std::vector<int> f;
      if (t == 0 || t == 3) f.push_back(0);
      if (t == 10) f.push_back(1);
      c.g.step(f);
    }
    const double x = (nearest ? 0.0 : std::exp(-10.0 / TAU)) + std::exp(-7.0 / TAU);
    // The post spike at 10 is the only update (no earlier post spike to depress against).
    const double e =
        bound::stdp_update(A_PLUS / W_LSB, x, bound::trace(32768, std::exp(-DT / TAU)));
    EXPECT_NEAR(c.g.w(0, 1) - W0, A_PLUS / W_LSB * x, e) << (nearest ? "nearest" : "all-to-all");
  }
}

TEST(GoldenStdp, ClippingSaturatesAtBoundsAndNeverWraps) {
  {  // potentiation into W_MAX = 16383: a wrap would give a negative s15
    StdpCore c(false, 16380);
    c.pair(0, 1);
    EXPECT_EQ(c.g.w(0, 1), 16383);
  }
  {  // depression into W_MIN = -16383
    StdpCore c(false, -16380, -16383, 16383);
    c.pair(1, 0);
    EXPECT_EQ(c.g.w(0, 1), -16383);
  }
  {  // inner bounds
    StdpCore c(false, 8200, 8000, 8250);
    c.pair(0, 1);
    EXPECT_EQ(c.g.w(0, 1), 8250);
    StdpCore d(false, 8100, 8000, 8250);
    d.pair(1, 0);
    EXPECT_EQ(d.g.w(0, 1), 8000);
  }
  {  // clipping after every single update: repeated potentiation stays at W_MAX
    StdpCore c(false, 16000);
    c.g.set_reg(R_A_MINUS, 0);
    for (int t = 0; t < 40; ++t) c.g.step({t % 2 == 0 ? 0 : 1});
    EXPECT_EQ(c.g.w(0, 1), 16383);
    EXPECT_TRUE(c.g.word(0, 1) & 0x8000u);
  }
}

TEST(GoldenStdp, PotentiationIsClippedBeforeDepression) {
  // Both neurons spike at 0 (coincident: no change) and again at 1: w[0][1] gets +A+ x_0 clipped to
  // W_MAX (5b), then -A- y_1 (5c). The other order would leave W_MAX - 10.
  StdpCore c(false, 16373);
  c.g.set_reg(R_A_MINUS, std::llround(A_PLUS / W_LSB * 16));  // equal amplitudes
  c.g.step({0, 1});
  c.g.step({0, 1});
  const std::int32_t d = static_cast<std::int32_t>(std::lround(0.0095122942 / W_LSB));  // 156
  EXPECT_EQ(c.g.w(0, 1), 16383 - d);
}

TEST(GoldenStdp, NonPlasticWeightsNeverChange) {
  Golden g(3);
  for (int k = 0; k < 3; ++k) g.set(F_THETA, k, INT32_MAX);
  g.set_reg(R_STDP_CTRL, 1);
  g.set_reg(R_P_PLUS, q24_decay(0.95));
  g.set_reg(R_P_MINUS, q24_decay(0.95));
  g.set_reg(R_A_PLUS, 5000);
  g.set_reg(R_A_MINUS, 5000);
  g.set_reg(R_W_MIN, -100);
  g.set_reg(R_W_MAX, 100);
  // Non-plastic weights even outside [W_MIN, W_MAX]: no clipping either.
  for (int j = 0; j < 3; ++j)
    for (int k = 0; k < 3; ++k) g.set_w(j, k, 1000 * (j - k) + 7, false);
  g.set_w(2, 1, 0, true);
  for (int t = 0; t < 30; ++t) g.step({t % 3, (t * 2) % 3});
  for (int j = 0; j < 3; ++j)
    for (int k = 0; k < 3; ++k)
      if (!(j == 2 && k == 1)) {
        EXPECT_EQ(g.word(j, k), static_cast<std::uint16_t>((1000 * (j - k) + 7) & 0x7FFF));
      }
  EXPECT_TRUE(g.word(2, 1) & 0x8000u);
  EXPECT_NE(g.w(2, 1), 0);
}

TEST(GoldenStdp, DisabledStdpChangesNoWeightButTracesRun) {
  StdpCore c(false);
  c.g.set_reg(R_STDP_CTRL, 0);
  c.pair(0, 1);
  EXPECT_EQ(c.g.w(0, 1), W0);
  EXPECT_GT(c.g.get(F_X, 0), 0u);  // 5a and 5d run whatever STDP_CTRL says
  EXPECT_GT(c.g.get(F_Y, 1), 0u);
}

TEST(GoldenStdp, DeliveredWeightIsTheOneAfterThisStepsUpdate) {
  // Post spikes at 0; pre spikes at 1 and is depressed at 1; the current at step 2 carries the
  // depressed weight.
  StdpCore c(false);
  c.g.step({1});
  c.g.step({0});
  const std::int32_t w_new = c.g.w(0, 1);
  EXPECT_LT(w_new, W0);
  c.g.step();
  EXPECT_EQ(c.g.get_s(F_IEX, 1), 256 * w_new);
}

TEST(GoldenStdp, TracesSaturateInAllToAllAndResetInNearest) {
  for (bool nearest : {false, true}) {
    Golden g(1);
    g.set(F_THETA, 0, INT32_MAX);
    g.set_reg(R_STDP_CTRL, nearest ? 2 : 0);
    g.set_reg(R_P_PLUS, (1 << 24) - 1);  // x: decay by 1 - 2^-24, rounds back to x
    g.set_reg(R_P_MINUS, 1 << 23);       // y: halves every step
    std::vector<std::uint32_t> xs, ys;
    for (int t = 0; t < 5; ++t) {
      g.step({0});
      xs.push_back(g.get(F_X, 0));
      ys.push_back(g.get(F_Y, 0));
    }
    if (nearest) {
      EXPECT_EQ(xs, (std::vector<std::uint32_t>(5, 16384)));
      EXPECT_EQ(ys, (std::vector<std::uint32_t>(5, 16384)));
    } else {
      EXPECT_EQ(xs, (std::vector<std::uint32_t>{16384, 32768, 49152, 65535, 65535}));
      EXPECT_EQ(ys, (std::vector<std::uint32_t>{16384, 24576, 28672, 30720, 31744}));
    }
  }
}

}  // namespace
}  // namespace spikecore::hls::test
