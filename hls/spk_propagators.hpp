// SPDX-License-Identifier: Apache-2.0
// Exact-integration propagators of the LIF model (docs/model.md §1), in double precision.
// Shared by the golden-model tests and the host quantizer (host/src/compiler.cpp).
#pragma once
#include <algorithm>
#include <cmath>

namespace spikecore::hls {

/// One-step propagators of NEST's iaf_psc_exp (Rotter & Diesmann 1999), V relative to E_L.
/// p22, p11ex, p11in are dimensionless; p20, p21ex, p21in are in mV/pA.
struct Propagators {
  double p22;    ///< exp(-dt/tau_m)
  double p11ex;  ///< exp(-dt/tau_syn_ex)
  double p11in;  ///< exp(-dt/tau_syn_in)
  double p20;    ///< tau_m/C_m * (1 - p22), mV per pA of constant current
  double p21ex;  ///< effect of I_ex at the step start on V at the step end, mV/pA
  double p21in;  ///< same for I_in
};

/// P21 in the cancellation-free form of docs/model.md §1:
/// P21 = (dt/C_m) * P22 * (-expm1(-a)/a), a = dt/tau_s - dt/tau_m (limit 1 for |a| < 1e-12),
/// which equals (1/C_m) tau_m tau_s/(tau_m - tau_s) (exp(-dt/tau_m) - exp(-dt/tau_s)) and is exact
/// for tau_s == tau_m (then P21 = dt/C_m * exp(-dt/tau_m)).
/// @param dt step, ms; @param tau_m membrane time constant, ms; @param c_m capacitance, pF;
/// @param tau_s synaptic time constant, ms. @return mV/pA.
inline double p21(double dt, double tau_m, double c_m, double tau_s) {
  // (e^-x - e^-y)/(y - x) is symmetric in x = dt/tau_m, y = dt/tau_s: write it as
  // e^-min(x,y) * (1 - e^-d)/d with d = |y - x| >= 0, so nothing overflows (tau_m -> 0 gives 0, not NaN).
  const double x = dt / tau_m, y = dt / tau_s;
  const double d = std::fabs(y - x);
  const double f = d < 1e-12 ? 1.0 : -std::expm1(-d) / d;
  return dt / c_m * std::exp(-std::min(x, y)) * f;
}

/// All propagators for one neuron (docs/model.md §1). Times in ms, c_m in pF.
inline Propagators propagators(double dt, double tau_m, double c_m, double tau_syn_ex,
                               double tau_syn_in) {
  Propagators p{};
  p.p22 = std::exp(-dt / tau_m);
  p.p11ex = std::exp(-dt / tau_syn_ex);
  p.p11in = std::exp(-dt / tau_syn_in);
  // tau_m/C_m * (1 - P22) with 1 - P22 = -expm1(-dt/tau_m): no cancellation for small dt.
  p.p20 = tau_m / c_m * -std::expm1(-dt / tau_m);
  p.p21ex = p21(dt, tau_m, c_m, tau_syn_ex);
  p.p21in = p21(dt, tau_m, c_m, tau_syn_in);
  return p;
}

/// Refractory period in whole steps, ceil(t_ref/dt) computed without float-division traps
/// (docs/model.md §1): q = t_ref/dt; n = llround(q); if |q - n| > 1e-9*max(1, q) then n = ceil(q).
/// So 2 ms / 0.1 ms gives 20, not 21.
inline long refractory_steps(double t_ref, double dt) {
  const double q = t_ref / dt;
  long n = static_cast<long>(std::llround(q));
  if (std::fabs(q - static_cast<double>(n)) > 1e-9 * std::fmax(1.0, q)) {
    n = static_cast<long>(std::ceil(q));
  }
  return n;
}

}  // namespace spikecore::hls
