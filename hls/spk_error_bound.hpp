// SPDX-License-Identifier: Apache-2.0
// Quantization error bounds of the fixed-point model versus the double-precision equations
// (docs/model.md §5). Units are raw device units unless stated: V raw = 2^-16 mV,
// I raw = w_lsb/256 pA, weights in w_lsb, traces in 2^-14.
#pragma once
#include <cstdint>

namespace spikecore::hls::bound {

/// |dP| and |dC21| after rounding to 24 fractional bits (model.md §5).
constexpr double COEF_ERR = 1.0 / (1u << 25);
/// Error of one rsr(): round to nearest (model.md §2.5).
constexpr double RSR_ERR = 0.5;
/// Rounding error of a Q15.16 parameter (theta, v_reset), raw V.
constexpr double PARAM_ERR = 0.5;
/// Rounding error of drive (Q11.20) in raw V (Q15.16): 0.5 * 2^-4.
constexpr double DRIVE_ERR = 1.0 / 32;
/// Raw current of one weight LSB (I is Q23.8 in weight LSBs).
constexpr double I_PER_WEIGHT_LSB = 256.0;

/// Current error per channel for the same arriving raw weights:
/// eI <= (0.5 + 2^-25 * Im) / (1 - P11).
/// @param i_max largest |I| reached on that channel, raw. @param p11 the channel's decay factor.
/// @return raw current.
inline double current(double i_max, double p11) {
  return (RSR_ERR + COEF_ERR * i_max) / (1.0 - p11);
}

/// Extra current error from weight rounding (the stored weight is within w_lsb/2 of the physical
/// one): n_spikes arrivals within ~5 tau_syn, each off by <= half a weight LSB. @return raw
/// current.
inline double weight_rounding_current(double n_spikes) { return n_spikes * 0.5 * I_PER_WEIGHT_LSB; }

/// Membrane error between spikes:
/// eV <= (1 + 2^-25 (Vm + Iex_m + Iin_m) + C21ex eIex + C21in eIin) / (1 - P22).
/// The leading term is the rsr rounding (0.5) plus the drive rounding (2^-5).
/// @param v_max, iex_max, iin_max largest |V|, |I_ex|, |I_in| reached, raw.
/// @param c21ex, c21in the coefficients in V raw per I raw (raw register value / 2^24).
/// @param e_iex, e_iin current bounds from current(), raw. @param p22 membrane decay factor.
/// @return raw V (multiply by 2^-16 for mV).
inline double membrane(double v_max, double iex_max, double iin_max, double c21ex, double c21in,
                       double e_iex, double e_iin, double p22) {
  return (RSR_ERR + DRIVE_ERR + COEF_ERR * (v_max + iex_max + iin_max) + c21ex * e_iex +
          c21in * e_iin) /
         (1.0 - p22);
}

/// Distance from theta within which a spike time may differ from the double-precision grid:
/// the membrane bound plus the rounding of theta itself. @return raw V.
inline double spike_margin(double e_v) { return e_v + PARAM_ERR; }

/// Trace error (Q2.14 LSBs) in steady state: each decay step rounds by <= 0.5 LSB and the decay
/// factor is off by <= 2^-25: eX <= (0.5 + 2^-25 * Xm) / (1 - P). @param x_max largest trace, raw.
inline double trace(double x_max, double p_trace) {
  return (RSR_ERR + COEF_ERR * x_max) / (1.0 - p_trace);
}

/// Error of one STDP update in weight LSBs versus a_lsb * trace (the continuous update):
/// 0.5 (rsr(.,18)) + trace * 1/32 (A quantized to Q12.4 is off by <= 1/32 LSB per unit trace)
/// + a_lsb * eX / 2^14 (trace error).
/// @param a_lsb A_plus or A_minus in weight LSBs (A / w_lsb, unquantized).
/// @param trace_value the trace at the update in units of 1.0 (e.g. exp(-dt/tau) for one pair).
/// @param e_trace trace error in Q2.14 LSBs (trace()).
inline double stdp_update(double a_lsb, double trace_value, double e_trace) {
  return RSR_ERR + trace_value / 32.0 + a_lsb * e_trace / 16384.0;
}

}  // namespace spikecore::hls::bound
