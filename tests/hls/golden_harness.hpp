// SPDX-License-Identifier: Apache-2.0
// Test helpers around the golden model: an owning wrapper, and the host quantization of
// docs/model.md §2.2 (physical parameters to raw fields) written out for the tests.
#pragma once
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "spk_golden.hpp"
#include "spk_propagators.hpp"

namespace spikecore::hls::test {

/// Owns one golden core; raw field access and stepping with lists of forced neurons.
class Golden {
 public:
  /// param_sets: P (model.md §2.2), 0 = n (one set per neuron).
  explicit Golden(int n, int weight_bits = MAX_WEIGHT_BITS, int param_sets = 0)
      : core_(core_create(n, weight_bits, param_sets)), n_(n) {
    if (!core_) throw std::invalid_argument("core_create failed for n = " + std::to_string(n));
  }
  Core* core() { return core_.get(); }
  int n() const { return n_; }

  void set(Field f, int k, std::int64_t raw) {
    if (!core_write_field(core_.get(), f, k, static_cast<std::uint32_t>(raw)))
      throw std::out_of_range("write_field " + std::to_string(f));
  }
  std::uint32_t get(Field f, int k) const {
    std::uint32_t v = 0;
    if (!core_read_field(core_.get(), f, k, &v))
      throw std::out_of_range("read_field " + std::to_string(f));
    return v;
  }
  std::int32_t get_s(Field f, int k) const { return static_cast<std::int32_t>(get(f, k)); }
  void set_reg(Reg r, std::int64_t raw) {
    if (!core_write_reg(core_.get(), r, static_cast<std::uint32_t>(raw)))
      throw std::out_of_range("write_reg " + std::to_string(r));
  }
  std::uint32_t reg(Reg r) const {
    std::uint32_t v = 0;
    if (!core_read_reg(core_.get(), r, &v))
      throw std::out_of_range("read_reg " + std::to_string(r));
    return v;
  }
  void set_w(int pre, int post, std::int32_t w, bool plastic = false) {
    const std::uint16_t word = static_cast<std::uint16_t>(
        (plastic ? 0x8000u : 0u) | (static_cast<std::uint32_t>(w) & 0x7FFFu));
    core_write_weight(core_.get(), static_cast<std::uint32_t>(pre * n_ + post), word);
  }
  std::uint16_t word(int pre, int post) const {
    return core_read_weight(core_.get(), static_cast<std::uint32_t>(pre * n_ + post));
  }
  /// The s15 weight of w[pre][post].
  std::int32_t w(int pre, int post) const {
    const std::uint32_t low = word(pre, post) & 0x7FFFu;
    return static_cast<std::int32_t>(low ^ 0x4000u) - 0x4000;
  }

  /// One step with the given neurons forced; returns spiked[0..n).
  std::vector<std::uint8_t> step(const std::vector<int>& forced_ids = {}) {
    std::vector<std::uint8_t> forced(static_cast<size_t>(n_), 0),
        spiked(static_cast<size_t>(n_), 0);
    for (int k : forced_ids) forced.at(static_cast<size_t>(k)) = 1;
    core_step(core_.get(), forced.data(), spiked.data());
    return spiked;
  }
  std::vector<std::uint8_t> step_mask(const std::vector<std::uint8_t>& forced) {
    std::vector<std::uint8_t> spiked(static_cast<size_t>(n_), 0);
    core_step(core_.get(), forced.data(), spiked.data());
    return spiked;
  }

 private:
  struct Deleter {
    void operator()(Core* c) const { core_destroy(c); }
  };
  std::unique_ptr<Core, Deleter> core_;
  int n_;
};

/// Physical LIF parameters (PyNN IF_curr_exp names; ms, mV, pF, pA).
struct LifParams {
  double tau_m = 10.0;
  double c_m = 250.0;
  double tau_syn_ex = 2.0;
  double tau_syn_in = 2.0;
  double t_ref = 2.0;
  double e_l = -70.0;
  double v_th = -55.0;
  double v_reset = -70.0;
  double i_offset = 0.0;
};

/// Raw parameter fields of one neuron (model.md §2.2).
struct RawNeuron {
  std::uint32_t p22, p11ex, p11in, c21ex, c21in;
  std::int32_t drive, theta, v_reset;
  std::uint16_t n_ref;
};

/// round(p * 2^24), a factor that rounds to 2^24 stored as 2^24 - 1 (model.md §2.2).
inline std::uint32_t q24_decay(double p) {
  const long long r = std::llround(p * 16777216.0);
  if (r < 0 || r > (1 << 24)) throw std::range_error("decay factor out of range");
  return static_cast<std::uint32_t>(r == (1 << 24) ? (1 << 24) - 1 : r);
}

inline std::int32_t q_s32(double value, const char* name) {
  const long long r = std::llround(value);
  if (r < INT32_MIN || r > INT32_MAX) throw std::range_error(std::string(name) + " out of range");
  return static_cast<std::int32_t>(r);
}

/// Host quantization of model.md §2.2 for step dt (ms) and weight unit w_lsb (pA).
inline RawNeuron quantize(const LifParams& p, double dt, double w_lsb) {
  const Propagators pr = propagators(dt, p.tau_m, p.c_m, p.tau_syn_ex, p.tau_syn_in);
  RawNeuron r{};
  r.p22 = q24_decay(pr.p22);
  r.p11ex = q24_decay(pr.p11ex);
  r.p11in = q24_decay(pr.p11in);
  const long long cex = std::llround(pr.p21ex * w_lsb * 256.0 * 16777216.0);
  const long long cin = std::llround(pr.p21in * w_lsb * 256.0 * 16777216.0);
  if (cex < 0 || cex >= (1LL << 30) || cin < 0 || cin >= (1LL << 30))
    throw std::range_error("C21 out of range");
  r.c21ex = static_cast<std::uint32_t>(cex);
  r.c21in = static_cast<std::uint32_t>(cin);
  r.drive = q_s32(pr.p20 * p.i_offset * 1048576.0, "drive");  // Q11.20
  r.theta = q_s32((p.v_th - p.e_l) * 65536.0, "theta");
  r.v_reset = q_s32((p.v_reset - p.e_l) * 65536.0, "v_reset");
  if (r.v_reset >= r.theta) throw std::range_error("v_reset must be < theta");
  const long nref = refractory_steps(p.t_ref, dt);
  if (nref < 0 || nref > 65535) throw std::range_error("n_ref out of range");
  r.n_ref = static_cast<std::uint16_t>(nref);
  return r;
}

/// Writes parameter set k (with P = n: the parameters of neuron k).
inline void load(Golden& g, int k, const RawNeuron& r) {
  g.set(F_P22, k, r.p22);
  g.set(F_P11EX, k, r.p11ex);
  g.set(F_P11IN, k, r.p11in);
  g.set(F_C21EX, k, r.c21ex);
  g.set(F_C21IN, k, r.c21in);
  g.set(F_DRIVE, k, r.drive);
  g.set(F_THETA, k, r.theta);
  g.set(F_VRESET, k, r.v_reset);
  g.set(F_NREF, k, r.n_ref);
}

/// Raw V to mV (relative to E_L); raw current to pA.
inline double v_mv(std::int32_t raw) { return raw / 65536.0; }
inline double i_pa(std::int32_t raw, double w_lsb) { return raw * w_lsb / 256.0; }

}  // namespace spikecore::hls::test
