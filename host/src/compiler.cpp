// SPDX-License-Identifier: Apache-2.0
// Quantizer: docs/model.md §1 (propagators, via hls/spk_propagators.hpp) and §2 (raw formats, rounding, ranges).
#include "spikecore/compiler.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "network_check.hpp"
#include "spikecore/errors.hpp"
#include "spk_golden.hpp"
#include "spk_propagators.hpp"

namespace spikecore {

using detail::fmt;
namespace hls = spikecore::hls;

double QuantEntry::abs_error() const { return std::fabs(quantized - value); }
double QuantEntry::rel_error() const { return value == 0 ? (quantized == 0 ? 0.0 : 1.0) : abs_error() / std::fabs(value); }

std::string QuantizationReport::table() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-11s %-20s %6s %14s %14s %11s %9s  %s\n", "param", "population", "neuron", "value",
                "quantized", "abs_err", "rel_err", "unit");
  out += line;
  for (const auto& e : entries) {
    std::snprintf(line, sizeof line, "%-11s %-20s %6s %14.8g %14.8g %11.3e %9.2e  %s\n", e.name.c_str(),
                  e.population.c_str(), e.neuron < 0 ? "-" : std::to_string(e.neuron).c_str(), e.value, e.quantized,
                  e.abs_error(), e.rel_error(), e.unit.c_str());
    out += line;
  }
  if (param_sets > 0)
    out += "parameter sets: " + std::to_string(param_sets_used) + " of " + std::to_string(param_sets) +
           (param_sets_shared ? " (one per distinct neuron parameter tuple)\n" : " (one per neuron)\n");
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

PopulationSlice CompiledNetwork::slice(const std::string& name) const {
  for (const auto& [pop, s] : populations)
    if (pop == name) return s;
  throw ConfigError("population = " + name + ": expected the name of a compiled population");
}

int CompiledNetwork::pset(int k) const {
  const auto it = fields.find(hls::F_PSET);
  if (k < 0 || k >= n || it == fields.end() || static_cast<std::size_t>(k) >= it->second.size())
    throw ConfigError("neuron = " + std::to_string(k) + ": expected 0.." + std::to_string(n - 1) +
                      " (a neuron of the compiled image)");
  return static_cast<int>(it->second[static_cast<std::size_t>(k)]);
}

std::uint32_t CompiledNetwork::param(int field, int k) const {
  const auto it = fields.find(field);
  if (field < hls::F_P22 || field > hls::F_NREF || it == fields.end())
    throw ConfigError("field = " + std::to_string(field) + ": expected a parameter field 8..16 (model.md §2.2)");
  return it->second.at(static_cast<std::size_t>(pset(k)));
}

std::string param_sets_error(const std::string& what, int sets, int n) {
  return what + " = " + std::to_string(sets) + ": expected 1.." + std::to_string(n) + " (at most the " +
         std::to_string(n) + " neurons, model.md §2.2)";
}

std::string weight_bits_error(const std::string& what, int bits) {
  return what + " = " + std::to_string(bits) + ": expected " + std::to_string(hls::MIN_WEIGHT_BITS) + ".." +
         std::to_string(hls::MAX_WEIGHT_BITS);
}

long long weight_raw_max(int weight_bits) { return (1LL << (weight_bits - 2)) - 1; }

double auto_w_lsb(const Network& net, int weight_bits) {
  double m = 0;
  for (const auto& p : net.projections)
    for (double w : p.weights) m = std::max(m, std::fabs(w));
  if (net.stdp) m = std::max({m, std::fabs(net.stdp->w_min), std::fabs(net.stdp->w_max)});
  return m > 0 ? m / double(weight_raw_max(weight_bits)) : 1.0;
}

namespace {

constexpr double TWO24 = 16777216.0;
constexpr double TWO16 = 65536.0;
constexpr double TWO20 = 1048576.0;
constexpr long long U24_MAX = (1LL << 24) - 1;
/// The fields of one parameter set (model.md §2.2), in id order.
constexpr std::array<int, 9> SET_FIELDS = {hls::F_P22,   hls::F_P11EX, hls::F_P11IN,  hls::F_C21EX, hls::F_C21IN,
                                           hls::F_DRIVE, hls::F_THETA, hls::F_VRESET, hls::F_NREF};

/// "|w| <= W_FULL*w_lsb = X pA (B-bit weight words)": the range of a weight, w_min or w_max (model.md §2.3).
std::string weight_range(long long wmax, double w_lsb, int bits) {
  return "|w| <= " + std::to_string(wmax) + "*w_lsb = " + fmt(double(wmax) * w_lsb) + " pA (" + std::to_string(bits) +
         "-bit weight words)";
}

[[noreturn]] void range_error(const std::string& where, const std::string& field, double value, const std::string& range) {
  throw ConfigError("compile: " + where + ": " + field + " = " + fmt(value) + ": expected " + range);
}

/// Keeps, per (name, population), the entry with the largest absolute error.
class Reporter {
 public:
  explicit Reporter(QuantizationReport& r) : r_(r) {}
  void add(QuantEntry e) {
    for (auto& old : r_.entries)
      if (old.name == e.name && old.population == e.population) {
        if (e.abs_error() > old.abs_error()) old = std::move(e);
        return;
      }
    r_.entries.push_back(std::move(e));
  }
  void warn(const std::string& w) {
    if (std::find(r_.warnings.begin(), r_.warnings.end(), w) == r_.warnings.end()) r_.warnings.push_back(w);
  }
 private:
  QuantizationReport& r_;
};

/// Q0.24 decay factor; a value rounding to 2^24 (1.0) is stored as 2^24-1 (model.md §2.2) with a warning.
std::uint32_t decay(double p, const std::string& field, const std::string& where, Reporter& rep) {
  long long raw = std::llround(p * TWO24);
  if (raw > U24_MAX) {
    raw = U24_MAX;
    rep.warn(where + ": " + field + " = " + fmt(p) + " rounds to 1.0; stored as 1-2^-24 (time constant >> dt)");
  }
  return static_cast<std::uint32_t>(raw);
}

/// Signed 32-bit fixed point with `scale` = 2^fractional bits (Q15.16 potentials, Q11.20 drive).
std::uint32_t s32(double x, double scale, const std::string& field, const std::string& where, const std::string& unit,
                  const char* format) {
  const double r = std::round(x * scale);
  if (!(r >= -2147483648.0 && r <= 2147483647.0))
    range_error(where, field, x, "a value in [" + fmt(-2147483648.0 / scale) + ", " + fmt(2147483648.0 / scale) +
                                     ") " + unit + " (s32 " + format + ")");
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(x * scale)));
}

void compile_neuron(const Network& net, const Population& pop, int i, int k, double w_lsb, CompiledNetwork& c,
                    Reporter& rep) {
  const NeuronParams& p = pop.params;
  const std::string where = "population '" + pop.name + "' neuron " + std::to_string(i);
  const double tau_m = value_at(p.tau_m, i), cm = value_at(p.cm, i), v_rest = value_at(p.v_rest, i);
  const double tse = value_at(p.tau_syn_E, i), tsi = value_at(p.tau_syn_I, i);
  const auto pr = hls::propagators(net.dt, tau_m, cm, tse, tsi);
  auto& f = c.fields;
  const auto uk = static_cast<std::size_t>(k);

  f[hls::F_P22][uk] = decay(pr.p22, "P22", where, rep);
  f[hls::F_P11EX][uk] = decay(pr.p11ex, "P11ex", where, rep);
  f[hls::F_P11IN][uk] = decay(pr.p11in, "P11in", where, rep);
  rep.add({"P22", pop.name, i, pr.p22, f[hls::F_P22][uk] / TWO24, ""});
  rep.add({"P11ex", pop.name, i, pr.p11ex, f[hls::F_P11EX][uk] / TWO24, ""});
  rep.add({"P11in", pop.name, i, pr.p11in, f[hls::F_P11IN][uk] / TWO24, ""});

  // C21 = P21 * w_lsb * 2^8 (V raw per I raw), Q6.24, < 2^30.
  const double c_scale = w_lsb * 256.0 * TWO24;
  const struct { const char* name; double p21; int field; } c21s[] = {{"C21ex", pr.p21ex, hls::F_C21EX},
                                                                      {"C21in", pr.p21in, hls::F_C21IN}};
  for (const auto& cc : c21s) {
    const double raw = std::round(cc.p21 * c_scale);
    if (!(raw < 1073741824.0))
      range_error(where, cc.name, cc.p21 * w_lsb * 256.0,
                  "< 64 (C21 = P21*w_lsb*256 in u30 Q6.24, with P21 = " + fmt(cc.p21) +
                      " mV/pA from tau_m, cm and tau_syn, and w_lsb = " + fmt(w_lsb) + " pA" +
                      (net.w_lsb > 0 ? " set in the file" : " = largest |weight|, |w_min|, |w_max| / " +
                                           std::to_string(weight_raw_max(c.weight_bits))) +
                      "): use smaller weights or w_lsb, or a larger cm");
    f[cc.field][uk] = static_cast<std::uint32_t>(raw);
    rep.add({cc.name, pop.name, i, cc.p21, raw / c_scale, "mV/pA"});
    if (raw == 0) rep.warn(where + ": " + cc.name + " rounds to 0: synaptic input has no effect on V");
  }

  const double i_off = value_at(p.i_offset, i);
  const double drive = pr.p20 * i_off;
  f[hls::F_DRIVE][uk] = s32(drive, TWO20, "drive (P20*i_offset)", where, "mV/step", "Q11.20");
  rep.add({"drive", pop.name, i, drive, static_cast<std::int32_t>(f[hls::F_DRIVE][uk]) / TWO20, "mV/step"});
  if (std::fabs(drive) / (1.0 - pr.p22) > 32767.0)
    rep.warn(where + ": i_offset = " + fmt(i_off) + " pA drives V beyond +-32767 mV: V saturates");

  const double theta = value_at(p.v_thresh, i) - v_rest, vreset = value_at(p.v_reset, i) - v_rest;
  f[hls::F_THETA][uk] = s32(theta, TWO16, "theta (v_thresh-v_rest)", where, "mV", "Q15.16");
  f[hls::F_VRESET][uk] = s32(vreset, TWO16, "v_reset-v_rest", where, "mV", "Q15.16");
  rep.add({"theta", pop.name, i, theta, static_cast<std::int32_t>(f[hls::F_THETA][uk]) / TWO16, "mV"});
  rep.add({"v_reset", pop.name, i, vreset, static_cast<std::int32_t>(f[hls::F_VRESET][uk]) / TWO16, "mV"});
  if (!(static_cast<std::int32_t>(f[hls::F_VRESET][uk]) < static_cast<std::int32_t>(f[hls::F_THETA][uk])))
    range_error(where, "v_reset", value_at(p.v_reset, i), "a value below v_thresh by at least 2^-16 mV");

  const double t_ref = value_at(p.tau_refrac, i);
  const long nref = hls::refractory_steps(t_ref, net.dt);
  if (nref < 0 || nref > 65535) range_error(where, "tau_refrac", t_ref, "<= 65535 steps of dt = " + fmt(net.dt) + " ms");
  f[hls::F_NREF][uk] = static_cast<std::uint32_t>(nref);
  rep.add({"t_ref", pop.name, i, t_ref, nref * net.dt, "ms"});
  c.v_rest[uk] = v_rest;
}

void compile_weights(const Network& net, const std::vector<int>& first, double w_lsb, CompiledNetwork& c,
                     Reporter& rep) {
  const long long wmax = weight_raw_max(c.weight_bits);
  std::vector<std::uint8_t> used(c.weights.size(), 0);
  for (std::size_t pi = 0; pi < net.projections.size(); ++pi) {
    const Projection& pr = net.projections[pi];
    const int a = net.find(pr.pre), b = net.find(pr.post);
    const int na = net.populations[a].size, nb = net.populations[b].size;
    const std::string label = pr.pre + "->" + pr.post;
    const std::string base = "projections[" + std::to_string(pi) + "]";
    int zeroed = 0;
    for (int i = 0; i < na; ++i)
      for (int j = 0; j < nb; ++j) {
        const std::size_t idx = std::size_t(i) * nb + j;
        const double w = pr.weights.size() == 1 ? pr.weights[0] : pr.weights[idx];
        const bool plastic = (pr.plastic.size() == 1 ? pr.plastic[0] : pr.plastic[idx]) != 0;
        if (w == 0 && !plastic) continue;
        const long long raw = std::llround(w / w_lsb);
        if (raw < -wmax || raw > wmax)
          range_error(base + " (" + label + ")", pr.weights.size() == 1 ? "weights" : "weights[" + std::to_string(idx) + "]",
                      w, weight_range(wmax, w_lsb, c.weight_bits));
        if (raw == 0 && w != 0) ++zeroed;
        const std::size_t addr = std::size_t(first[a] + i) * c.n + std::size_t(first[b] + j);
        if (used[addr])
          range_error(base + " (" + label + ")", "synapse [" + std::to_string(i) + "][" + std::to_string(j) + "]", w,
                      "no other projection to set the same (pre, post) pair");
        used[addr] = 1;
        c.weights[addr] = static_cast<std::uint16_t>((raw & 0x7FFF) | (plastic ? 0x8000 : 0));
        rep.add({"weight", label, -1, w, raw * w_lsb, "pA"});
        if (plastic && net.stdp && (w < net.stdp->w_min || w > net.stdp->w_max))
          rep.warn(base + " (" + label + "): plastic weight " + fmt(w) + " pA outside [w_min, w_max]; STDP clips it");
      }
    if (zeroed)
      rep.warn(base + " (" + label + "): " + std::to_string(zeroed) + " nonzero weight(s) round to 0 with w_lsb = " +
               fmt(w_lsb) + " pA");
  }
}

void compile_stdp(const Network& net, double w_lsb, CompiledNetwork& c, Reporter& rep) {
  std::uint32_t regs[7] = {0, 0, 0, 0, 0, 0, 0};
  if (net.stdp) {
    const StdpRule& s = *net.stdp;
    regs[hls::R_STDP_CTRL] = 1u | (s.pairing == Pairing::Nearest ? 2u : 0u);
    const double pp = std::exp(-net.dt / s.tau_plus), pm = std::exp(-net.dt / s.tau_minus);
    regs[hls::R_P_PLUS] = decay(pp, "P_PLUS", "stdp", rep);
    regs[hls::R_P_MINUS] = decay(pm, "P_MINUS", "stdp", rep);
    rep.add({"P_PLUS", "", -1, pp, regs[hls::R_P_PLUS] / TWO24, ""});
    rep.add({"P_MINUS", "", -1, pm, regs[hls::R_P_MINUS] / TWO24, ""});
    const struct { const char* name; double a; int reg; } amps[] = {{"A_plus", s.A_plus, hls::R_A_PLUS},
                                                                    {"A_minus", s.A_minus, hls::R_A_MINUS}};
    for (const auto& am : amps) {
      const long long raw = std::llround(am.a / w_lsb * 16.0);   // Q12.4 weight LSBs
      if (raw > 65535)
        range_error("stdp", am.name, am.a, "<= 4095.9375*w_lsb = " + fmt(65535.0 / 16 * w_lsb) + " pA (u16 Q12.4)");
      regs[am.reg] = static_cast<std::uint32_t>(raw);
      rep.add({am.reg == hls::R_A_PLUS ? "A_PLUS" : "A_MINUS", "", -1, am.a, raw * w_lsb / 16.0, "pA"});
      if (am.a > 0 && raw == 0)
        rep.warn("stdp: " + std::string(am.name) + " = " + fmt(am.a) + " pA rounds to 0: no " +
                 (am.reg == hls::R_A_PLUS ? "potentiation" : "depression"));
      else if (am.a > 0 && raw < 16)
        rep.warn("stdp: " + std::string(am.name) + " = " + fmt(am.a) + " pA is below 1 weight LSB (" + fmt(w_lsb) +
                 " pA): single updates round to 0 or 1 LSB");
    }
    const struct { const char* name; double w; int reg; } bounds[] = {{"w_min", s.w_min, hls::R_W_MIN},
                                                                      {"w_max", s.w_max, hls::R_W_MAX}};
    for (const auto& bd : bounds) {
      const long long raw = std::llround(bd.w / w_lsb), wmax = weight_raw_max(c.weight_bits);
      if (raw < -wmax || raw > wmax)
        range_error("stdp", bd.name, bd.w, weight_range(wmax, w_lsb, c.weight_bits));
      regs[bd.reg] = static_cast<std::uint32_t>(static_cast<std::int32_t>(raw));
      rep.add({bd.reg == hls::R_W_MIN ? "W_MIN" : "W_MAX", "", -1, bd.w, raw * w_lsb, "pA"});
    }
  }
  for (int r = 0; r < 7; ++r) c.registers.emplace_back(r, regs[r]);
}

/// Turns the per-neuron parameter words of `c.fields` (device_n words per field) into parameter sets and the
/// pset field (model.md §2.2; the rule is in compiler.hpp).
void assign_param_sets(CompiledNetwork& c, int param_sets) {
  const auto n = static_cast<std::size_t>(c.n), p = static_cast<std::size_t>(param_sets);
  std::vector<std::uint32_t> pset(n);
  std::map<int, std::vector<std::uint32_t>> sets;
  const bool own = c.n_used <= param_sets && (c.n_used < param_sets || param_sets == c.n);
  if (own) {   // set k = neuron k; neurons from P on (all unused and silent) share the silent set P-1
    for (std::size_t k = 0; k < n; ++k) pset[k] = static_cast<std::uint32_t>(std::min(k, p - 1));
    for (int f : SET_FIELDS) {
      const auto& words = c.fields.at(f);
      sets[f].assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(p));
    }
  } else {     // one set per distinct tuple, in order of first appearance
    std::map<std::array<std::uint32_t, SET_FIELDS.size()>, std::uint32_t> index;
    for (std::size_t k = 0; k < n; ++k) {
      std::array<std::uint32_t, SET_FIELDS.size()> t{};
      for (std::size_t i = 0; i < SET_FIELDS.size(); ++i) t[i] = c.fields.at(SET_FIELDS[i])[k];
      const auto [it, added] = index.emplace(t, static_cast<std::uint32_t>(index.size()));
      pset[k] = it->second;
      if (added)
        for (std::size_t i = 0; i < SET_FIELDS.size(); ++i) sets[SET_FIELDS[i]].push_back(t[i]);
    }
    if (index.size() > p)
      throw ConfigError("compile: network needs " + std::to_string(index.size()) +
                        " parameter sets (distinct neuron parameter tuples): expected at most the device's "
                        "param_sets = " + std::to_string(param_sets));
  }
  c.param_sets = param_sets;
  c.param_sets_used = static_cast<int>(sets.at(hls::F_P22).size());
  for (auto& [f, words] : sets) c.fields[f] = std::move(words);
  c.fields[hls::F_PSET] = std::move(pset);
  c.report.param_sets = param_sets;
  c.report.param_sets_used = c.param_sets_used;
  c.report.param_sets_shared = !own;
}

}  // namespace

CompiledNetwork compile(const Network& net, int device_n, int weight_bits, int param_sets) {
  validate(net);
  const int total = net.size();
  if (device_n < 1 || device_n > hls::MAX_N)
    throw ConfigError("compile: device_n = " + std::to_string(device_n) + ": expected 1.." + std::to_string(hls::MAX_N));
  if (total > device_n)
    throw ConfigError("compile: network size = " + std::to_string(total) + " neurons: expected at most " +
                      std::to_string(device_n) + " (the device's neuron count)");
  if (!hls::weight_bits_ok(weight_bits)) throw ConfigError(weight_bits_error("compile: weight_bits", weight_bits));
  if (param_sets == 0) param_sets = device_n;
  if (param_sets < 1 || param_sets > device_n)
    throw ConfigError(param_sets_error("compile: param_sets", param_sets, device_n));
  CompiledNetwork c;
  c.n = device_n;
  c.weight_bits = weight_bits;
  c.n_used = total;
  c.dt = net.dt;
  c.w_lsb = net.w_lsb > 0 ? net.w_lsb : auto_w_lsb(net, weight_bits);
  c.v_rest.assign(static_cast<std::size_t>(total), 0.0);
  for (int f : SET_FIELDS) c.fields[f].assign(static_cast<std::size_t>(device_n), 0u);   // per neuron, for now
  // Silent neuron: threshold unreachable, no decay, no input; only forced spikes make it fire.
  c.fields[hls::F_THETA].assign(static_cast<std::size_t>(device_n), 0x7FFFFFFFu);
  c.weights.assign(std::size_t(device_n) * device_n, 0);
  Reporter rep(c.report);
  // The weight LSB comes first: every weight, current and STDP row below is in its units.
  rep.add({net.w_lsb > 0 ? "w_lsb" : "w_lsb(auto)", "", -1, c.w_lsb, c.w_lsb, "pA"});

  std::vector<int> first;
  int k = 0;
  for (const auto& pop : net.populations) {
    first.push_back(k);
    c.populations.emplace_back(pop.name, PopulationSlice{k, pop.size});
    if (!pop.spike_source)
      for (int i = 0; i < pop.size; ++i) compile_neuron(net, pop, i, k + i, c.w_lsb, c, rep);
    k += pop.size;
  }
  assign_param_sets(c, param_sets);
  compile_weights(net, first, c.w_lsb, c, rep);
  compile_stdp(net, c.w_lsb, c, rep);

  c.steps = static_cast<std::uint32_t>(std::llround(net.duration / net.dt));
  for (const auto& st : net.stimuli) {
    const int p = net.find(st.population);
    for (std::size_t i = 0; i < st.spike_times.size(); ++i)
      for (double t : st.spike_times[i])
        c.inputs.push_back({static_cast<std::uint32_t>(std::llround(t / net.dt)),
                            static_cast<std::uint16_t>(first[p] + static_cast<int>(i))});
  }
  std::sort(c.inputs.begin(), c.inputs.end(),
            [](const InputEvent& a, const InputEvent& b) { return a.step != b.step ? a.step < b.step : a.neuron < b.neuron; });
  c.inputs.erase(std::unique(c.inputs.begin(), c.inputs.end()), c.inputs.end());
  return c;
}

}  // namespace spikecore
