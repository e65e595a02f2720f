// SPDX-License-Identifier: Apache-2.0
// Propagators and refractory steps (docs/model.md §1; shared/reference case-16).
#include <gtest/gtest.h>

#include <cmath>

#include "spk_propagators.hpp"

namespace spikecore::hls {
namespace {

void expect_rel(double got, double want, double rel) {
  EXPECT_LE(std::fabs(got - want), rel * std::fabs(want)) << "got " << got << " want " << want;
}

// case-16: C_m = 250 pF, tau_m = 10 ms, tau_s = 2 ms.
TEST(Propagators, MatchReferenceCase16AtDt01) {
  const Propagators p = propagators(0.1, 10.0, 250.0, 2.0, 2.0);
  expect_rel(p.p22, 0.990049833749168, 1e-14);
  expect_rel(p.p11ex, 0.951229424500714, 1e-14);
  expect_rel(p.p11in, 0.951229424500714, 1e-14);
  expect_rel(p.p21ex, 3.882040924845409e-04, 1e-14);
  expect_rel(p.p21in, 3.882040924845409e-04, 1e-14);
  expect_rel(p.p20, 3.980066500332758e-04, 1e-14);
}

TEST(Propagators, MatchReferenceCase16AtDt1) {
  const Propagators p = propagators(1.0, 10.0, 250.0, 2.0, 2.0);
  expect_rel(p.p22, 0.904837418035960, 1e-14);
  expect_rel(p.p11ex, 0.606530659712633, 1e-14);
  expect_rel(p.p21ex, 2.983067583233261e-03, 1e-14);
  expect_rel(p.p20, 3.806503278561619e-03, 1e-14);
}

TEST(Propagators, P21MatchesClosedFormForDistinctTimeConstants) {
  for (double dt : {0.1, 0.5, 1.0}) {
    for (double tau_s : {0.5, 1.0, 2.0, 5.0, 30.0}) {
      const double tau_m = 10.0, c_m = 250.0;
      const double closed = 1.0 / c_m * tau_m * tau_s / (tau_m - tau_s) *
                            (std::exp(-dt / tau_m) - std::exp(-dt / tau_s));
      expect_rel(p21(dt, tau_m, c_m, tau_s), closed, 1e-11);
    }
  }
}

TEST(Propagators, P21IsExactForEqualAndNearlyEqualTimeConstants) {
  const double dt = 1.0, tau = 10.0, c_m = 250.0;
  const double equal = dt / c_m * std::exp(-dt / tau);  // case-04 limit
  expect_rel(p21(dt, tau, c_m, tau), equal, 1e-15);
  // Continuous through the singular point of the closed form (which cancels catastrophically).
  expect_rel(p21(dt, tau, c_m, tau * (1 + 1e-10)), equal, 1e-9);
  expect_rel(p21(dt, tau, c_m, tau * (1 - 1e-13)), equal, 1e-12);
  const Propagators p = propagators(dt, tau, c_m, tau, tau);
  expect_rel(p.p21ex, equal, 1e-15);
}

TEST(Propagators, RefractoryStepsRoundRobustly) {
  EXPECT_EQ(refractory_steps(2.0, 0.1), 20);  // 2/0.1 = 20.000000000000004 in double
  EXPECT_EQ(refractory_steps(2.0, 1.0), 2);
  EXPECT_EQ(refractory_steps(0.0, 0.1), 0);
  EXPECT_EQ(refractory_steps(0.3, 0.1), 3);   // 2.9999999999999996
  EXPECT_EQ(refractory_steps(0.7, 0.1), 7);   // 6.999999999999999
  EXPECT_EQ(refractory_steps(2.01, 0.1), 21); // a true fraction still rounds up
  EXPECT_EQ(refractory_steps(1.05, 0.1), 11);
  EXPECT_EQ(refractory_steps(0.5, 1.0), 1);
  EXPECT_EQ(refractory_steps(1e-3, 1.0), 1);
}

}  // namespace
}  // namespace spikecore::hls

// A time constant far below dt: the propagator vanishes instead of overflowing to NaN.
TEST(Propagators, P21StaysFiniteForTinyTimeConstants) {
  for (double tau_m : {1e-3, 1e-5, 10.0}) {
    for (double tau_s : {1e-3, 1e-5, 2.0}) {
      const double v = spikecore::hls::p21(1.0, tau_m, 250.0, tau_s);
      EXPECT_TRUE(std::isfinite(v)) << tau_m << " " << tau_s;
      EXPECT_GE(v, 0.0);
      // Closed form where it is representable.
      const double closed = 1.0 / 250.0 * tau_m * tau_s / (tau_m - tau_s) * (std::exp(-1.0 / tau_m) - std::exp(-1.0 / tau_s));
      if (tau_m != tau_s && std::isfinite(closed)) EXPECT_NEAR(v, closed, 1e-15 + 1e-12 * std::fabs(closed));
    }
  }
}
