// SPDX-License-Identifier: Apache-2.0
// GoldenBackend: Backend semantics (device.hpp) on top of the golden model's per-step API.
#include "spikecore/golden_backend.hpp"

#include "run_inputs.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/protocol.hpp"
#include "spk_golden.hpp"

namespace spikecore {

namespace {
[[noreturn]] void nak_arg(const char* cmd, const std::string& why) {
  throw LinkError(std::string(cmd) + ": device NAK ARG (code 5): " + why, proto::NAK_ARG);
}
std::string field_limit_text(int field) {
  return field >= hls::F_P22 && field <= hls::F_NREF ? "field " + std::to_string(field) + ": first + count > P"
                                                      : "field " + std::to_string(field) + ": first + count > N";
}
}  // namespace

GoldenBackend::GoldenBackend(int n, int weight_bits, int param_sets)
    : core_(nullptr), n_(n), weight_bits_(weight_bits), param_sets_(param_sets == 0 ? n : param_sets) {
  if (n < 1 || n > hls::MAX_N)
    throw ConfigError("golden: n = " + std::to_string(n) + ": expected 1.." + std::to_string(hls::MAX_N));
  if (!hls::weight_bits_ok(weight_bits)) throw ConfigError(weight_bits_error("golden: weight_bits", weight_bits));
  if (param_sets_ < 1 || param_sets_ > n)
    throw ConfigError(param_sets_error("golden: param_sets", param_sets, n));
  core_ = hls::core_create(n, weight_bits, param_sets_);
}

int GoldenBackend::limit(int field) const { return field >= hls::F_P22 && field <= hls::F_NREF ? param_sets_ : n_; }

GoldenBackend::~GoldenBackend() { hls::core_destroy(core_); }

Caps GoldenBackend::caps() {
  Caps c;
  c.protocol = 1;
  c.model_format = 1;
  c.n = n_;
  c.weight_bits = weight_bits_;
  c.param_sets = param_sets_;
  return c;
}

void GoldenBackend::write_neuron(int field, int first, const std::vector<std::uint32_t>& values) {
  if (first < 0 || first + static_cast<long>(values.size()) > limit(field))
    nak_arg("WRITE_NEURON", field_limit_text(field));
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!hls::core_write_field(core_, field, first + static_cast<int>(i), values[i]))
      nak_arg("WRITE_NEURON", "field " + std::to_string(field));
}

std::vector<std::uint32_t> GoldenBackend::read_neuron(int field, int first, int count) {
  if (first < 0 || count < 1 || first + count > limit(field))
    nak_arg("READ_NEURON", field_limit_text(field) + " or count 0");
  std::vector<std::uint32_t> v(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    if (!hls::core_read_field(core_, field, first + i, &v[static_cast<std::size_t>(i)]))
      nak_arg("READ_NEURON", "field " + std::to_string(field));
  return v;
}

void GoldenBackend::write_reg(int reg, std::uint32_t value) {
  if (!hls::core_write_reg(core_, reg, value)) nak_arg("WRITE_REG", "reg " + std::to_string(reg));
}

std::vector<std::uint32_t> GoldenBackend::read_regs(int reg, int count) {
  if (count < 1) nak_arg("READ_REG", "count 0");
  std::vector<std::uint32_t> v(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    if (!hls::core_read_reg(core_, reg + i, &v[static_cast<std::size_t>(i)])) v[static_cast<std::size_t>(i)] = 0;
  return v;
}

void GoldenBackend::write_weights(std::uint32_t addr, const std::vector<std::uint16_t>& words) {
  if (std::uint64_t(addr) + words.size() > std::uint64_t(n_) * n_) nak_arg("WRITE_WEIGHTS", "addr + count > N^2");
  for (std::size_t i = 0; i < words.size(); ++i) hls::core_write_weight(core_, addr + static_cast<std::uint32_t>(i), words[i]);
}

std::vector<std::uint16_t> GoldenBackend::read_weights(std::uint32_t addr, std::uint32_t count) {
  if (std::uint64_t(addr) + count > std::uint64_t(n_) * n_) nak_arg("READ_WEIGHTS", "addr + count > N^2");
  std::vector<std::uint16_t> v(count);
  for (std::uint32_t i = 0; i < count; ++i) v[i] = hls::core_read_weight(core_, addr + i);
  return v;
}

std::vector<SpikeEvent> GoldenBackend::run(std::uint32_t steps, const std::vector<InputEvent>& inputs) {
  detail::check_inputs(steps, inputs, n_);
  std::vector<std::uint8_t> forced(static_cast<std::size_t>(n_), 0), spiked(static_cast<std::size_t>(n_), 0);
  std::vector<SpikeEvent> out;
  std::size_t next = 0;
  for (std::uint32_t t = 0; t < steps; ++t) {
    std::fill(forced.begin(), forced.end(), 0);
    for (; next < inputs.size() && inputs[next].step == t; ++next) forced[inputs[next].neuron] = 1;
    hls::core_step(core_, forced.data(), spiked.data());
    for (int k = 0; k < n_; ++k)
      if (spiked[static_cast<std::size_t>(k)]) out.push_back({t, static_cast<std::uint16_t>(k)});
  }
  return out;
}

void GoldenBackend::reset_state() { hls::core_reset_state(core_); }

Counters GoldenBackend::counters() {
  const auto r = [&](int reg) {
    std::uint32_t v = 0;
    hls::core_read_reg(core_, reg, &v);
    return std::uint64_t(v);
  };
  Counters c;
  c.cycles = r(hls::R_CYCLES_LO) | (r(hls::R_CYCLES_HI) << 32);
  c.timesteps = r(hls::R_TIMESTEPS);
  c.spikes = r(hls::R_SPIKES);
  c.sops = r(hls::R_SOPS_LO) | (r(hls::R_SOPS_HI) << 32);
  c.stall_cycles = r(hls::R_STALL_CYCLES);
  c.in_dropped = r(hls::R_IN_DROPPED);
  return c;
}

}  // namespace spikecore
