// SPDX-License-Identifier: Apache-2.0
// Double-precision reference integrator of docs/model.md §1, on the same grid and in the same
// step order as §4, with no quantization: what the golden model approximates.
#pragma once
#include <cstdint>
#include <vector>

#include "golden_harness.hpp"

namespace spikecore::hls::test {

/// Pair-based additive STDP of model.md §1 in continuous units (weights in pA).
struct StdpParams {
  bool enable = false;
  bool nearest = false;     // nearest-spike pairing (traces set to 1) instead of all-to-all
  double tau_plus = 20.0;   // ms
  double tau_minus = 20.0;  // ms
  double a_plus = 0.0;      // pA per unit trace
  double a_minus = 0.0;     // pA per unit trace
  double w_min = 0.0;       // pA
  double w_max = 0.0;       // pA
};

class ReferenceNetwork {
 public:
  /// @param weights_pa N*N, index pre*N + post; @param plastic same layout (may be empty: none).
  ReferenceNetwork(double dt, std::vector<LifParams> neurons, std::vector<double> weights_pa,
                   std::vector<std::uint8_t> plastic = {}, StdpParams stdp = {});

  /// One step (model.md §4 order). natural[k] gets V >= theta || forced; the spike that is applied
  /// is override[k] when override is given (to follow another model's spikes), else natural[k].
  void step(const std::uint8_t* forced, std::uint8_t* natural,
            const std::uint8_t* override = nullptr);

  int n() const { return n_; }
  double v(int k) const { return v_[k]; }  // mV relative to E_L
  /// V at the threshold test of the last step (before any reset), mV relative to E_L.
  double v_at_threshold(int k) const { return v_test_[k]; }
  double i_ex(int k) const { return i_ex_[k]; }  // pA
  double i_in(int k) const { return i_in_[k]; }  // pA
  double x(int k) const { return x_[k]; }        // trace, 1.0 per spike
  double y(int k) const { return y_[k]; }
  double w(int pre, int post) const { return w_[static_cast<size_t>(pre * n_ + post)]; }
  double theta(int k) const { return theta_[k]; }
  int refractory(int k) const { return r_[k]; }

 private:
  int n_;
  double dt_;
  std::vector<double> p22_, p11ex_, p11in_, p21ex_, p21in_, drive_, theta_, v_reset_;
  std::vector<int> n_ref_, r_;
  std::vector<double> v_, v_test_, i_ex_, i_in_, x_, y_;
  std::vector<double> w_;
  std::vector<std::uint8_t> plastic_, s_prev_;
  StdpParams stdp_;
  double p_plus_ = 0.0, p_minus_ = 0.0;
};

}  // namespace spikecore::hls::test
