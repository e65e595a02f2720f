// SPDX-License-Identifier: Apache-2.0
// Randomized comparison of the golden model with the double-precision integration of
// docs/model.md §1 (reference_model.cpp), asserting the error bounds of model.md §5.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "golden_harness.hpp"
#include "reference_model.hpp"
#include "spk_error_bound.hpp"

namespace spikecore::hls::test {
namespace {

/// Portable uniform numbers (the std distributions differ between standard libraries).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(g_() >> 11) * 0x1.0p-53;
  }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }

 private:
  std::mt19937_64 g_;
};

struct NetStats {
  long spikes = 0, forced = 0, mismatches = 0, checks = 0;
  double worst_v_ratio = 0, worst_i_ratio = 0;  // largest |error| / bound seen
};

/// A random heterogeneous network quantized for the golden model and simulated side by side with
/// the double model (which follows the golden spikes; each disagreement is checked against §5).
NetStats run_random_network(std::uint64_t seed, int n, double dt, int steps) {
  Rng rng(seed);
  std::vector<LifParams> p(static_cast<size_t>(n));
  for (LifParams& q : p) {
    q.tau_m = rng.uniform(5.0, 30.0);
    q.c_m = rng.uniform(100.0, 400.0);
    q.tau_syn_ex = rng.chance(0.2) ? q.tau_m : rng.uniform(0.5, 10.0);  // include tau_s = tau_m
    q.tau_syn_in = rng.uniform(0.5, 10.0);
    q.t_ref = rng.chance(0.2) ? 0.0 : rng.uniform(0.1, 5.0);
    q.e_l = rng.uniform(-75.0, -60.0);
    q.v_th = q.e_l + rng.uniform(10.0, 20.0);
    q.v_reset = q.e_l + rng.uniform(-5.0, 5.0);
    const double rheobase = q.c_m * (q.v_th - q.e_l) / q.tau_m;
    q.i_offset = rng.chance(0.25) ? 0.0 : rheobase * rng.uniform(0.3, 1.6);
  }
  std::vector<double> w_pa(static_cast<size_t>(n * n), 0.0);
  double w_abs_max = 0;
  for (double& w : w_pa) {
    if (rng.chance(0.3)) w = rng.uniform(-400.0, 400.0);
    w_abs_max = std::max(w_abs_max, std::fabs(w));
  }
  const double w_lsb = w_abs_max / 16383.0;
  Golden g(n);
  std::vector<RawNeuron> raw;
  for (int k = 0; k < n; ++k) {
    raw.push_back(quantize(p[static_cast<size_t>(k)], dt, w_lsb));
    load(g, k, raw.back());
  }
  // The double model gets the stored weights: §5 compares "for the same arriving raw weights".
  std::vector<double> w_used(w_pa.size());
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t a = static_cast<size_t>(j * n + k);
      const auto wr = static_cast<std::int32_t>(std::lround(w_pa[a] / w_lsb));
      g.set_w(j, k, wr);
      w_used[a] = wr * w_lsb;
    }
  ReferenceNetwork ref(dt, p, w_used);

  std::vector<double> vm(static_cast<size_t>(n), 0), iexm(vm), iinm(vm), p22(vm), p11ex(vm),
      p11in(vm);
  for (int k = 0; k < n; ++k) {
    const LifParams& q = p[static_cast<size_t>(k)];
    const Propagators pr = propagators(dt, q.tau_m, q.c_m, q.tau_syn_ex, q.tau_syn_in);
    p22[static_cast<size_t>(k)] = pr.p22;
    p11ex[static_cast<size_t>(k)] = pr.p11ex;
    p11in[static_cast<size_t>(k)] = pr.p11in;
  }
  NetStats st;
  std::vector<std::uint8_t> forced(static_cast<size_t>(n)), nat(static_cast<size_t>(n));
  const double to_raw_i = 256.0 / w_lsb;
  for (int t = 0; t < steps; ++t) {
    for (auto& f : forced) {
      f = rng.chance(0.02 * dt) ? 1 : 0;
      st.forced += f;
    }
    const std::vector<std::uint8_t> gs = g.step_mask(forced);
    ref.step(forced.data(), nat.data(), gs.data());
    for (int k = 0; k < n; ++k) {
      const size_t u = static_cast<size_t>(k);
      const std::int32_t gv = g.get_s(F_V, k), gex = g.get_s(F_IEX, k), gin = g.get_s(F_IIN, k);
      vm[u] = std::max({vm[u], std::fabs(gv * 1.0), std::fabs(ref.v_at_threshold(k)) * 65536.0});
      iexm[u] = std::max(iexm[u], std::fabs(gex * 1.0));
      iinm[u] = std::max(iinm[u], std::fabs(gin * 1.0));
      const double e_ex = bound::current(iexm[u], p11ex[u]);
      const double e_in = bound::current(iinm[u], p11in[u]);
      const double e_v = bound::membrane(vm[u], iexm[u], iinm[u], raw[u].c21ex / 16777216.0,
                                         raw[u].c21in / 16777216.0, e_ex, e_in, p22[u]);
      const double d_ex = std::fabs(gex - ref.i_ex(k) * to_raw_i);
      const double d_in = std::fabs(gin - ref.i_in(k) * to_raw_i);
      const double d_v = std::fabs(gv - ref.v(k) * 65536.0);
      EXPECT_LE(d_ex, e_ex) << "seed " << seed << " step " << t << " neuron " << k;
      EXPECT_LE(d_in, e_in) << "seed " << seed << " step " << t << " neuron " << k;
      EXPECT_LE(d_v, e_v) << "seed " << seed << " step " << t << " neuron " << k;
      st.worst_i_ratio = std::max({st.worst_i_ratio, d_ex / e_ex, d_in / e_in});
      st.worst_v_ratio = std::max(st.worst_v_ratio, d_v / e_v);
      ++st.checks;
      st.spikes += gs[u];
      if (gs[u] != nat[u]) {
        ++st.mismatches;
        const double dist = std::fabs(ref.v_at_threshold(k) - ref.theta(k)) * 65536.0;
        EXPECT_LE(dist, bound::spike_margin(e_v))
            << "spike disagreement outside the bound: seed " << seed << " step " << t << " neuron "
            << k << " golden " << int{gs[u]};
      }
    }
    if (::testing::Test::HasFailure()) break;  // one step's report is enough
  }
  return st;
}

TEST(GoldenRandom, HeterogeneousNetworksStayWithinErrorBounds) {
  struct Run {
    std::uint64_t seed;
    int n;
    double dt;
    int steps;
  };
  const std::vector<Run> runs = {{1, 24, 1.0, 600},  {2, 32, 1.0, 800}, {3, 16, 0.1, 3000},
                                 {4, 24, 0.1, 2000}, {5, 48, 1.0, 400}, {6, 8, 0.5, 1000}};
  for (const Run& r : runs) {
    const NetStats st = run_random_network(r.seed, r.n, r.dt, r.steps);
    // The test only means something if the neurons also fire on their own.
    EXPECT_GT(st.spikes, st.forced + 10) << "seed " << r.seed;
    std::printf(
        "[ seed %llu ] n=%d dt=%.1f steps=%d: %ld spikes (%ld forced), %ld spike "
        "disagreements within bound, worst |dV|/eV = %.3f, |dI|/eI = %.3f\n",
        static_cast<unsigned long long>(r.seed), r.n, r.dt, r.steps, st.spikes, st.forced,
        st.mismatches, st.worst_v_ratio, st.worst_i_ratio);
  }
}

/// Random forced spike trains on all-to-all plastic synapses: golden weights and traces against
/// the double-precision STDP of model.md §1, within the accumulated per-update bounds of §5.
void run_random_stdp(std::uint64_t seed, bool nearest) {
  Rng rng(seed);
  const int n = 12, steps = 600;
  const double dt = 1.0, w_lsb = 1.0 / 16383.0;  // weights in units of g_max = 1
  StdpParams sp;
  sp.enable = true;
  sp.nearest = nearest;
  // Rates and time constants keep all-to-all traces well below their saturation at 4.0.
  sp.tau_plus = rng.uniform(5.0, 20.0);
  sp.tau_minus = rng.uniform(5.0, 20.0);
  sp.a_plus = rng.uniform(0.002, 0.02);
  sp.a_minus = sp.a_plus * rng.uniform(0.9, 1.2);
  sp.w_min = 0.0;
  sp.w_max = 1.0;

  Golden g(n);
  for (int k = 0; k < n; ++k) g.set(F_THETA, k, INT32_MAX);
  const double pp = std::exp(-dt / sp.tau_plus), pm = std::exp(-dt / sp.tau_minus);
  g.set_reg(R_STDP_CTRL, 1 | (nearest ? 2 : 0));
  g.set_reg(R_P_PLUS, q24_decay(pp));
  g.set_reg(R_P_MINUS, q24_decay(pm));
  g.set_reg(R_A_PLUS, std::llround(sp.a_plus / w_lsb * 16));
  g.set_reg(R_A_MINUS, std::llround(sp.a_minus / w_lsb * 16));
  g.set_reg(R_W_MIN, 0);
  g.set_reg(R_W_MAX, 16383);
  std::vector<double> w(static_cast<size_t>(n * n));
  std::vector<std::uint8_t> plastic(w.size());
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t a = static_cast<size_t>(j * n + k);
      // A third of the weights start next to a bound, so that clipping is exercised.
      const double u = rng.uniform(0.0, 1.0);
      const double w0 = u < 0.15 ? u / 15 : u > 0.85 ? 1 - (1 - u) / 15 : u;
      const auto wr = static_cast<std::int32_t>(std::lround(w0 / w_lsb));
      plastic[a] = rng.chance(0.8) ? 1 : 0;
      g.set_w(j, k, wr, plastic[a] != 0);
      w[a] = wr * w_lsb;
    }
  // Weights do not reach the membranes here (C21 = 0), so the spikes are exactly the forced ones.
  LifParams silent;
  silent.v_th = silent.e_l + 1e6;
  ReferenceNetwork ref(dt, std::vector<LifParams>(static_cast<size_t>(n), silent), w, plastic, sp);
  const double e_x = bound::trace(65535, pp), e_y = bound::trace(65535, pm);
  std::vector<double> acc(w.size(), 0.0);  // accumulated bound per synapse, weight LSBs
  std::vector<std::uint8_t> forced(static_cast<size_t>(n)), nat(static_cast<size_t>(n));
  long updates = 0, clipped = 0;
  for (int t = 0; t < steps; ++t) {
    for (auto& f : forced) f = rng.chance(0.03) ? 1 : 0;
    const std::vector<std::uint8_t> gs = g.step_mask(forced);
    ref.step(forced.data(), nat.data());
    ASSERT_EQ(std::vector<std::uint8_t>(nat.begin(), nat.end()), gs);
    for (int k = 0; k < n; ++k) {
      const std::uint32_t gx = g.get(F_X, k), gy = g.get(F_Y, k);
      ASSERT_LT(gx, 65535u) << "trace saturated: pick another seed";
      ASSERT_LT(gy, 65535u) << "trace saturated: pick another seed";
      EXPECT_LE(std::fabs(gx - ref.x(k) * 16384.0), e_x) << "x seed " << seed << " t " << t;
      EXPECT_LE(std::fabs(gy - ref.y(k) * 16384.0), e_y) << "y seed " << seed << " t " << t;
    }
    // Bound of this step's updates. The traces read in 5b/5c (after 5a, before 5d) are at most the
    // reference's traces after the step, in both pairing modes.
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k) {
        const size_t a = static_cast<size_t>(j * n + k);
        if (!plastic[a]) continue;
        if (gs[static_cast<size_t>(k)]) {
          acc[a] += bound::stdp_update(sp.a_plus / w_lsb, ref.x(j), e_x);
          ++updates;
        }
        if (gs[static_cast<size_t>(j)]) {
          acc[a] += bound::stdp_update(sp.a_minus / w_lsb, ref.y(k), e_y);
          ++updates;
        }
        const double d = std::fabs(g.w(j, k) - ref.w(j, k) / w_lsb);
        EXPECT_LE(d, acc[a]) << "w[" << j << "][" << k << "] seed " << seed << " t " << t;
        if (g.w(j, k) == 0 || g.w(j, k) == 16383) ++clipped;
      }
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        if (!plastic[static_cast<size_t>(j * n + k)]) {
          EXPECT_EQ(g.w(j, k), std::lround(w[static_cast<size_t>(j * n + k)] / w_lsb));
        }
    if (::testing::Test::HasFailure()) return;  // one step's report is enough
  }
  EXPECT_GT(updates, 1000);
  EXPECT_GT(clipped, 0);  // some weights reached a bound: clipping is exercised
  std::printf("[ seed %llu %s ] %ld updates, %ld synapse-steps at a bound\n",
              static_cast<unsigned long long>(seed), nearest ? "nearest" : "all-to-all", updates,
              clipped);
}

TEST(GoldenRandom, StdpWeightsAndTracesTrackDoublePrecision) {
  for (std::uint64_t seed : {11u, 12u, 13u}) {
    run_random_stdp(seed, false);
    run_random_stdp(seed + 100, true);
  }
}

}  // namespace
}  // namespace spikecore::hls::test
