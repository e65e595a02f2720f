// SPDX-License-Identifier: Apache-2.0
// Device: programs a CompiledNetwork (docs/model.md §2) and converts results back to physical units.
#include "spikecore/device.hpp"

#include <stdexcept>

#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/units.hpp"
#include "spk_golden.hpp"

namespace spikecore {

Device::Device(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {
  if (!backend_) throw std::invalid_argument("Device: backend is null");
  const Caps c = backend_->caps();
  n_ = c.n;
  weight_bits_ = c.weight_bits;
  param_sets_ = c.param_sets;
}

void Device::program(const CompiledNetwork& net) {
  if (net.n != n_)
    throw ConfigError("program: compiled n = " + std::to_string(net.n) + ": expected the device's n = " +
                      std::to_string(n_) + " (compile for the device you program)");
  if (net.weight_bits > weight_bits_)
    throw ConfigError("program: compiled weight_bits = " + std::to_string(net.weight_bits) + ": expected at most the "
                      "device's weight_bits = " + std::to_string(weight_bits_) + " (|raw weight| <= " +
                      std::to_string(weight_raw_max(weight_bits_)) + "; compile with weight_bits = " +
                      std::to_string(weight_bits_) + ")");
  if (net.param_sets_used > param_sets_)
    throw ConfigError("program: compiled network uses " + std::to_string(net.param_sets_used) +
                      " parameter sets: expected at most the device's param_sets = " + std::to_string(param_sets_) +
                      " (compile with param_sets = " + std::to_string(param_sets_) + ")");
  // STDP off while loading, so nothing can change weights half-way.
  backend_->write_reg(hls::R_STDP_CTRL, 0);
  // Ascending field ids: pset (6, one word per neuron) first, then the parameter sets (8..16, one word per set).
  for (const auto& [field, values] : net.fields) backend_->write_neuron(field, 0, values);
  backend_->write_weights(0, net.weights);
  for (const auto& [reg, value] : net.registers)
    if (reg != hls::R_STDP_CTRL) backend_->write_reg(reg, value);
  backend_->reset_state();
  stdp_ctrl_ = 0;
  for (const auto& [reg, value] : net.registers)
    if (reg == hls::R_STDP_CTRL) stdp_ctrl_ = value;
  backend_->write_reg(hls::R_STDP_CTRL, stdp_ctrl_);
  n_used_ = net.n_used;
  w_lsb_ = net.w_lsb;
  v_rest_ = net.v_rest;
}

void Device::set_plasticity(bool enabled) {
  stdp_ctrl_ = enabled ? (stdp_ctrl_ | 1u) : (stdp_ctrl_ & ~1u);
  backend_->write_reg(hls::R_STDP_CTRL, stdp_ctrl_);
}

std::vector<std::uint16_t> Device::read_weight_matrix() {
  std::vector<std::uint16_t> m;
  m.reserve(std::size_t(n_used_) * n_used_);
  for (int pre = 0; pre < n_used_; ++pre) {
    const auto row = backend_->read_weights(static_cast<std::uint32_t>(pre) * n_, static_cast<std::uint32_t>(n_used_));
    m.insert(m.end(), row.begin(), row.end());
  }
  return m;
}

std::vector<double> Device::read_weights_pA() {
  std::vector<double> w;
  for (auto word : read_weight_matrix()) w.push_back(weight_pA(word, w_lsb_));
  return w;
}

std::vector<double> Device::read_v_mV() {
  std::vector<double> v;
  if (n_used_ == 0) return v;
  const auto raw = backend_->read_neuron(hls::F_V, 0, n_used_);
  for (std::size_t k = 0; k < raw.size(); ++k) v.push_back(v_mV(raw[k], k < v_rest_.size() ? v_rest_[k] : 0.0));
  return v;
}

std::vector<double> Device::read_i_pA(bool excitatory) {
  std::vector<double> v;
  if (n_used_ == 0) return v;
  for (auto r : backend_->read_neuron(excitatory ? hls::F_IEX : hls::F_IIN, 0, n_used_)) v.push_back(i_pA(r, w_lsb_));
  return v;
}

}  // namespace spikecore
