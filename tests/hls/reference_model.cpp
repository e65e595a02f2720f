// SPDX-License-Identifier: Apache-2.0
#include "reference_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace spikecore::hls::test {

ReferenceNetwork::ReferenceNetwork(double dt, std::vector<LifParams> neurons,
                                   std::vector<double> weights_pa,
                                   std::vector<std::uint8_t> plastic, StdpParams stdp)
    : n_(static_cast<int>(neurons.size())),
      dt_(dt),
      w_(std::move(weights_pa)),
      plastic_(std::move(plastic)),
      stdp_(stdp) {
  const size_t n = neurons.size();
  if (w_.size() != n * n) throw std::invalid_argument("weights must be N*N");
  if (plastic_.empty()) plastic_.assign(n * n, 0);
  if (plastic_.size() != n * n) throw std::invalid_argument("plastic must be N*N");
  for (const LifParams& p : neurons) {
    const Propagators pr = propagators(dt, p.tau_m, p.c_m, p.tau_syn_ex, p.tau_syn_in);
    p22_.push_back(pr.p22);
    p11ex_.push_back(pr.p11ex);
    p11in_.push_back(pr.p11in);
    p21ex_.push_back(pr.p21ex);
    p21in_.push_back(pr.p21in);
    drive_.push_back(pr.p20 * p.i_offset);
    theta_.push_back(p.v_th - p.e_l);
    v_reset_.push_back(p.v_reset - p.e_l);
    n_ref_.push_back(static_cast<int>(refractory_steps(p.t_ref, dt)));
  }
  r_.assign(n, 0);
  v_.assign(n, 0.0);
  v_test_.assign(n, 0.0);
  i_ex_.assign(n, 0.0);
  i_in_.assign(n, 0.0);
  x_.assign(n, 0.0);
  y_.assign(n, 0.0);
  s_prev_.assign(n, 0);
  p_plus_ = std::exp(-dt / stdp_.tau_plus);
  p_minus_ = std::exp(-dt / stdp_.tau_minus);
}

void ReferenceNetwork::step(const std::uint8_t* forced, std::uint8_t* natural,
                            const std::uint8_t* override) {
  const size_t n = static_cast<size_t>(n_);
  // 3 (gather) with the weights at the start of the step, routed per synapse by sign.
  std::vector<double> a_ex(n, 0.0), a_in(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    if (!s_prev_[j]) continue;
    for (size_t k = 0; k < n; ++k) {
      const double wv = w_[j * n + k];
      if (wv > 0) a_ex[k] += wv;
      if (wv < 0) a_in[k] += wv;
    }
  }
  std::vector<std::uint8_t> s(n, 0);
  for (size_t k = 0; k < n; ++k) {
    // 1. membrane (exact integration over the step, currents at the step start)
    if (r_[k] == 0) {
      v_[k] = p22_[k] * v_[k] + p21ex_[k] * i_ex_[k] + p21in_[k] * i_in_[k] + drive_[k];
    } else {
      --r_[k];
    }
    // 2. decay, 3. arrivals
    i_ex_[k] = p11ex_[k] * i_ex_[k] + a_ex[k];
    i_in_[k] = p11in_[k] * i_in_[k] + a_in[k];
    // 4. threshold
    v_test_[k] = v_[k];
    natural[k] = (v_[k] >= theta_[k] || forced[k]) ? 1 : 0;
    s[k] = override ? override[k] : natural[k];
    if (s[k]) {
      v_[k] = v_reset_[k];
      r_[k] = n_ref_[k];
    }
    // 5a. trace decay
    x_[k] *= p_plus_;
    y_[k] *= p_minus_;
  }
  if (stdp_.enable) {
    const auto clip = [&](double wv) { return std::min(std::max(wv, stdp_.w_min), stdp_.w_max); };
    for (size_t k = 0; k < n; ++k) {  // 5b
      if (!s[k]) continue;
      for (size_t j = 0; j < n; ++j)
        if (plastic_[j * n + k]) w_[j * n + k] = clip(w_[j * n + k] + stdp_.a_plus * x_[j]);
    }
    for (size_t j = 0; j < n; ++j) {  // 5c
      if (!s[j]) continue;
      for (size_t k = 0; k < n; ++k)
        if (plastic_[j * n + k]) w_[j * n + k] = clip(w_[j * n + k] - stdp_.a_minus * y_[k]);
    }
  }
  for (size_t k = 0; k < n; ++k) {  // 5d
    if (!s[k]) continue;
    x_[k] = stdp_.nearest ? 1.0 : x_[k] + 1.0;
    y_[k] = stdp_.nearest ? 1.0 : y_[k] + 1.0;
  }
  s_prev_ = s;
}

}  // namespace spikecore::hls::test
