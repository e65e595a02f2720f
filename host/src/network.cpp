// SPDX-License-Identifier: Apache-2.0
// Network validation: the rules of docs/network-format.md ("Rules").
#include <cmath>
#include <cstdio>
#include <set>

#include "network_check.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/network.hpp"

namespace spikecore {

bool NeuronParams::operator==(const NeuronParams& o) const {
  return tau_m == o.tau_m && cm == o.cm && v_rest == o.v_rest && v_reset == o.v_reset && v_thresh == o.v_thresh &&
         tau_refrac == o.tau_refrac && tau_syn_E == o.tau_syn_E && tau_syn_I == o.tau_syn_I && i_offset == o.i_offset;
}
bool Population::operator==(const Population& o) const {
  return name == o.name && size == o.size && spike_source == o.spike_source && (spike_source || params == o.params);
}
bool Projection::operator==(const Projection& o) const {
  return pre == o.pre && post == o.post && weights == o.weights && plastic == o.plastic;
}
bool StdpRule::operator==(const StdpRule& o) const {
  return tau_plus == o.tau_plus && tau_minus == o.tau_minus && A_plus == o.A_plus && A_minus == o.A_minus &&
         w_min == o.w_min && w_max == o.w_max && pairing == o.pairing;
}
bool Stimulus::operator==(const Stimulus& o) const {
  return population == o.population && spike_times == o.spike_times;
}
bool Network::operator==(const Network& o) const {
  return dt == o.dt && w_lsb == o.w_lsb && duration == o.duration && populations == o.populations &&
         projections == o.projections && stdp == o.stdp && stimuli == o.stimuli;
}

int Network::size() const {
  int n = 0;
  for (const auto& p : populations) n += p.size;
  return n;
}

int Network::find(const std::string& name) const {
  for (std::size_t i = 0; i < populations.size(); ++i)
    if (populations[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace detail {

std::string fmt(double v) {
  char buf[32];
  for (int prec = 6; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string describe(const FieldProblem& p) { return p.path + " = " + p.value + ": expected " + p.expected; }

namespace {

using Fail = std::function<void(const FieldProblem&)>;

void finite(const Fail& fail, const std::string& path, double v, const std::string& unit) {
  if (!std::isfinite(v)) fail({path, fmt(v), "a finite number (" + unit + ")"});
}
void positive(const Fail& fail, const std::string& path, double v, const std::string& unit) {
  if (!(v > 0) || !std::isfinite(v)) fail({path, fmt(v), "a number > 0 (" + unit + ")"});
}
void non_negative(const Fail& fail, const std::string& path, double v, const std::string& unit) {
  if (!(v >= 0) || !std::isfinite(v)) fail({path, fmt(v), "a number >= 0 (" + unit + ")"});
}

template <typename T>
void sized(const Fail& fail, const std::string& path, const std::vector<T>& v, std::size_t n, const std::string& what) {
  if (v.size() != 1 && v.size() != n)
    fail({path, "a list of " + std::to_string(v.size()) + " values",
          "a single value or a list of " + std::to_string(n) + " values (" + what + ")"});
}

void check_params(const Fail& fail, const std::string& base, const NeuronParams& p, int size) {
  struct Rule { const char* name; const PerNeuron* v; int kind; };   // kind 0 finite, 1 > 0, 2 >= 0
  const Rule rules[] = {{"tau_m", &p.tau_m, 1},       {"cm", &p.cm, 1},
                        {"v_rest", &p.v_rest, 0},     {"v_reset", &p.v_reset, 0},
                        {"v_thresh", &p.v_thresh, 0}, {"tau_refrac", &p.tau_refrac, 2},
                        {"tau_syn_E", &p.tau_syn_E, 1}, {"tau_syn_I", &p.tau_syn_I, 1},
                        {"i_offset", &p.i_offset, 0}};
  const char* units[] = {"ms", "pF", "mV", "mV", "mV", "ms", "ms", "ms", "pA"};
  int r = 0;
  for (const auto& rule : rules) {
    const std::string path = base + "." + rule.name;
    sized(fail, path, *rule.v, static_cast<std::size_t>(size), "one per neuron");
    for (std::size_t i = 0; i < rule.v->size(); ++i) {
      const std::string ep = rule.v->size() == 1 ? path : path + "[" + std::to_string(i) + "]";
      const double x = (*rule.v)[i];
      if (rule.kind == 0) finite(fail, ep, x, units[r]);
      if (rule.kind == 1) positive(fail, ep, x, units[r]);
      if (rule.kind == 2) non_negative(fail, ep, x, units[r]);
    }
    ++r;
  }
  for (int i = 0; i < size; ++i) {
    const double reset = value_at(p.v_reset, i), th = value_at(p.v_thresh, i);
    if (!(reset < th)) {
      const std::string ep = p.v_reset.size() == 1 ? base + ".v_reset" : base + ".v_reset[" + std::to_string(i) + "]";
      fail({ep, fmt(reset), "a value < v_thresh = " + fmt(th) + " (mV)"});
    }
  }
}

}  // namespace

void check_network(const Network& net, const Fail& fail) {
  positive(fail, "dt", net.dt, "ms");
  non_negative(fail, "w_lsb", net.w_lsb, "pA; 0 = automatic");
  non_negative(fail, "duration", net.duration, "ms");
  if (std::llround(net.duration / net.dt) > 0xFFFFFFFFLL)
    fail({"duration", fmt(net.duration), "at most 2^32-1 steps of dt = " + fmt(net.dt) + " ms"});
  std::set<std::string> names;
  for (std::size_t k = 0; k < net.populations.size(); ++k) {
    const auto& p = net.populations[k];
    const std::string base = "populations[" + std::to_string(k) + "]";
    if (p.name.empty()) fail({base + ".name", "\"\"", "a non-empty name"});
    // Names go to YAML, CSV headers and messages: printable ASCII keeps them unchanged through all three
    // (found by fuzz/fuzz_yaml: control bytes and invalid UTF-8 did not survive save -> load).
    bool printable = p.name.front() != ' ' && p.name.back() != ' ';
    for (unsigned char ch : p.name) printable = printable && ch >= 0x20 && ch <= 0x7E;
    if (!printable)
      fail({base + ".name", "\"" + p.name + "\"",
            "printable ASCII characters (0x20..0x7E), no leading or trailing space"});
    if (!names.insert(p.name).second) fail({base + ".name", p.name, "a name not used by another population"});
    if (p.size < 1 || p.size > 65536) fail({base + ".size", std::to_string(p.size), "an integer in 1..65536"});
    if (!p.spike_source) check_params(fail, base + ".params", p.params, p.size);
  }
  for (std::size_t k = 0; k < net.projections.size(); ++k) {
    const auto& pr = net.projections[k];
    const std::string base = "projections[" + std::to_string(k) + "]";
    const int a = net.find(pr.pre), b = net.find(pr.post);
    if (a < 0) fail({base + ".pre", pr.pre, "the name of a population"});
    if (b < 0) fail({base + ".post", pr.post, "the name of a population"});
    if (net.populations[b].spike_source)
      fail({base + ".post", pr.post, "a population that is not a spike source (spike sources have no inputs)"});
    const std::size_t n = std::size_t(net.populations[a].size) * std::size_t(net.populations[b].size);
    const std::string shape = std::to_string(net.populations[a].size) + "x" + std::to_string(net.populations[b].size);
    sized(fail, base + ".weights", pr.weights, n, "pre x post = " + shape);
    for (std::size_t i = 0; i < pr.weights.size(); ++i)
      finite(fail, pr.weights.size() == 1 ? base + ".weights" : base + ".weights[" + std::to_string(i) + "]",
             pr.weights[i], "pA");
    sized(fail, base + ".plastic", pr.plastic, n, "pre x post = " + shape);
  }
  if (net.stdp) {
    const auto& s = *net.stdp;
    positive(fail, "stdp.tau_plus", s.tau_plus, "ms");
    positive(fail, "stdp.tau_minus", s.tau_minus, "ms");
    non_negative(fail, "stdp.A_plus", s.A_plus, "pA");
    non_negative(fail, "stdp.A_minus", s.A_minus, "pA");
    finite(fail, "stdp.w_min", s.w_min, "pA");
    finite(fail, "stdp.w_max", s.w_max, "pA");
    if (!(s.w_min <= s.w_max)) fail({"stdp.w_min", fmt(s.w_min), "a value <= w_max = " + fmt(s.w_max) + " (pA)"});
  }
  for (std::size_t k = 0; k < net.stimuli.size(); ++k) {
    const auto& st = net.stimuli[k];
    const std::string base = "stimulus[" + std::to_string(k) + "]";
    const int p = net.find(st.population);
    if (p < 0) fail({base + ".population", st.population, "the name of a population"});
    const int size = net.populations[p].size;
    if (st.spike_times.size() != std::size_t(size))
      fail({base + ".spike_times", "a list of " + std::to_string(st.spike_times.size()) + " lists",
            "one list of times per neuron (" + std::to_string(size) + ")"});
    for (std::size_t i = 0; i < st.spike_times.size(); ++i) {
      double prev = -1;
      for (std::size_t j = 0; j < st.spike_times[i].size(); ++j) {
        const double t = st.spike_times[i][j];
        const std::string ep = base + ".spike_times[" + std::to_string(i) + "][" + std::to_string(j) + "]";
        const long long step = std::isfinite(t) ? std::llround(t / net.dt) : -1;
        if (!(t >= 0) || !std::isfinite(t) || step >= std::llround(net.duration / net.dt))
          fail({ep, fmt(t), "a time in [0, duration) = [0, " + fmt(net.duration) + ") ms on the dt grid"});
        if (t <= prev) fail({ep, fmt(t), "times ascending, > " + fmt(prev) + " ms"});
        prev = t;
      }
    }
  }
}

}  // namespace detail

void validate(const Network& net) {
  detail::check_network(net, [](const detail::FieldProblem& p) { throw ConfigError(detail::describe(p)); });
}

}  // namespace spikecore
