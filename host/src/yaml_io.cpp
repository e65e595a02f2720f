// SPDX-License-Identifier: Apache-2.0
// Network file format (docs/network-format.md) with yaml-cpp. Every error carries file:line from the node's Mark.
#include "spikecore/yaml_io.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

#include "network_check.hpp"
#include "spikecore/errors.hpp"

namespace spikecore {

using detail::fmt;

namespace {

const char* const PARAM_NAMES[] = {"tau_m",      "cm",        "v_rest",    "v_reset", "v_thresh",
                                   "tau_refrac", "tau_syn_E", "tau_syn_I", "i_offset"};

PerNeuron* param_ref(NeuronParams& p, const std::string& k) {
  if (k == "tau_m") return &p.tau_m;
  if (k == "cm") return &p.cm;
  if (k == "v_rest") return &p.v_rest;
  if (k == "v_reset") return &p.v_reset;
  if (k == "v_thresh") return &p.v_thresh;
  if (k == "tau_refrac") return &p.tau_refrac;
  if (k == "tau_syn_E") return &p.tau_syn_E;
  if (k == "tau_syn_I") return &p.tau_syn_I;
  if (k == "i_offset") return &p.i_offset;
  return nullptr;
}

std::string text_of(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "null";
  if (n.IsScalar()) return n.Scalar();
  if (n.IsSequence()) return "a list of " + std::to_string(n.size()) + " items";
  return "a mapping";
}

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  Network load(const YAML::Node& root) {
    Network net;
    if (!root.IsMap()) fail(root, "(document)", text_of(root), "a mapping with keys dt, duration, populations, ...");
    keys(root, "", {"dt", "w_lsb", "duration", "populations", "projections", "stdp", "stimulus"});
    if (root["dt"]) net.dt = num(root["dt"], "dt");
    if (root["w_lsb"]) net.w_lsb = num(root["w_lsb"], "w_lsb");
    net.duration = num(required(root, "duration", "", "a run length in ms"), "duration");
    const YAML::Node pops = required(root, "populations", "", "a list of populations");
    seq(pops, "populations");
    for (std::size_t k = 0; k < pops.size(); ++k) net.populations.push_back(population(pops[k], index("populations", k)));
    if (const YAML::Node prs = root["projections"]) {
      seq(prs, "projections");
      for (std::size_t k = 0; k < prs.size(); ++k) net.projections.push_back(projection(prs[k], index("projections", k), net));
    }
    if (const YAML::Node s = root["stdp"]) net.stdp = stdp(s);
    if (const YAML::Node st = root["stimulus"]) {
      seq(st, "stimulus");
      for (std::size_t k = 0; k < st.size(); ++k) net.stimuli.push_back(stimulus(st[k], index("stimulus", k)));
    }
    detail::check_network(net, [&](const detail::FieldProblem& p) {
      throw ConfigError(file_ + ":" + std::to_string(line_of(p.path)) + ": " + detail::describe(p));
    });
    return net;
  }

 private:
  static std::string index(const std::string& base, std::size_t k) { return base + "[" + std::to_string(k) + "]"; }
  static std::string join(const std::string& base, const std::string& k) { return base.empty() ? k : base + "." + k; }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& path, const std::string& value,
                         const std::string& expected) {
    throw ConfigError(file_ + ":" + std::to_string(n.Mark().line + 1) + ": " + path + " = " + value + ": expected " +
                      expected);
  }
  void mark(const YAML::Node& n, const std::string& path) { lines_[path] = n.Mark().line + 1; }

  /// Line of a field path, or of its nearest recorded ancestor (`a.b[3]` -> `a.b` -> `a`).
  int line_of(std::string path) const {
    while (!path.empty()) {
      auto it = lines_.find(path);
      if (it != lines_.end()) return it->second;
      const auto cut = path.find_last_of(".[");
      if (cut == std::string::npos) break;
      path.resize(cut);
    }
    return 1;
  }

  void keys(const YAML::Node& map, const std::string& base, std::initializer_list<const char*> allowed) {
    for (const auto& kv : map) {
      const std::string k = kv.first.Scalar();
      bool ok = false;
      for (const char* a : allowed) ok = ok || k == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        throw ConfigError(file_ + ":" + std::to_string(kv.first.Mark().line + 1) + ": " + join(base, k) + " = " +
                          text_of(kv.second) + ": unknown key; expected one of: " + list);
      }
    }
  }
  YAML::Node required(const YAML::Node& map, const char* key, const std::string& base, const std::string& what) {
    const YAML::Node n = map[key];
    if (!n) fail(map, join(base, key), "missing", what);
    return n;
  }
  void seq(const YAML::Node& n, const std::string& path) {
    if (!n.IsSequence()) fail(n, path, text_of(n), "a list");
  }
  void map(const YAML::Node& n, const std::string& path) {
    if (!n.IsMap()) fail(n, path, text_of(n), "a mapping");
  }
  double num(const YAML::Node& n, const std::string& path) {
    mark(n, path);
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) fail(n, path, text_of(n), "a number");
    return v;
  }
  long long integer(const YAML::Node& n, const std::string& path) {
    mark(n, path);
    long long v = 0;
    if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v)) fail(n, path, text_of(n), "an integer");
    return v;
  }
  bool boolean(const YAML::Node& n, const std::string& path) {
    mark(n, path);
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) fail(n, path, text_of(n), "true or false");
    return v;
  }
  std::string str(const YAML::Node& n, const std::string& path) {
    mark(n, path);
    if (!n.IsScalar()) fail(n, path, text_of(n), "a name");
    return n.Scalar();
  }
  /// Scalar or list of numbers.
  std::vector<double> numbers(const YAML::Node& n, const std::string& path) {
    mark(n, path);
    if (n.IsScalar()) return {num(n, path)};
    seq(n, path);
    std::vector<double> v;
    for (std::size_t i = 0; i < n.size(); ++i) v.push_back(num(n[i], index(path, i)));
    return v;
  }

  Population population(const YAML::Node& n, const std::string& base) {
    map(n, base);
    mark(n, base);
    keys(n, base, {"name", "size", "spike_source", "params"});
    Population p;
    p.name = str(required(n, "name", base, "a population name"), base + ".name");
    const long long size = integer(required(n, "size", base, "a neuron count"), base + ".size");
    if (size < 1 || size > 65536) fail(n["size"], base + ".size", n["size"].Scalar(), "an integer in 1..65536");
    p.size = static_cast<int>(size);
    if (n["spike_source"]) p.spike_source = boolean(n["spike_source"], base + ".spike_source");
    if (const YAML::Node ps = n["params"]) {
      const std::string pb = base + ".params";
      if (p.spike_source) fail(ps, pb, text_of(ps), "no params for a spike source");
      map(ps, pb);
      mark(ps, pb);
      keys(ps, pb, {"tau_m", "cm", "v_rest", "v_reset", "v_thresh", "tau_refrac", "tau_syn_E", "tau_syn_I", "i_offset"});
      for (const auto& kv : ps) *param_ref(p.params, kv.first.Scalar()) = numbers(kv.second, pb + "." + kv.first.Scalar());
    }
    return p;
  }

  /// Scalar, or a pre x post matrix (list of rows), flattened row-major. `elem` converts one entry.
  template <typename T, typename F>
  std::vector<T> matrix(const YAML::Node& n, const std::string& path, int rows, int cols, F elem) {
    mark(n, path);
    if (n.IsScalar()) return {elem(n, path)};
    if (!n.IsSequence() || n.size() != std::size_t(rows))
      fail(n, path, text_of(n), "a single value or " + std::to_string(rows) + " rows (pre size) of " +
                                    std::to_string(cols) + " values (post size)");
    std::vector<T> v;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string rp = index(path, i);
      if (!n[i].IsSequence() || n[i].size() != std::size_t(cols))
        fail(n[i], rp, text_of(n[i]), "a row of " + std::to_string(cols) + " values (post size)");
      for (std::size_t j = 0; j < n[i].size(); ++j) {
        const std::string flat = index(path, i * cols + j);   // the path validate() reports
        mark(n[i][j], flat);
        v.push_back(elem(n[i][j], rp + "[" + std::to_string(j) + "]"));
      }
    }
    return v;
  }

  Projection projection(const YAML::Node& n, const std::string& base, const Network& net) {
    map(n, base);
    mark(n, base);
    keys(n, base, {"pre", "post", "weights", "plastic"});
    Projection p;
    p.pre = str(required(n, "pre", base, "a population name"), base + ".pre");
    p.post = str(required(n, "post", base, "a population name"), base + ".post");
    const int a = net.find(p.pre), b = net.find(p.post);
    if (a < 0) fail(n["pre"], base + ".pre", p.pre, "the name of a population");
    if (b < 0) fail(n["post"], base + ".post", p.post, "the name of a population");
    const int rows = net.populations[a].size, cols = net.populations[b].size;
    p.weights = matrix<double>(required(n, "weights", base, "a weight (pA) or a pre x post matrix"), base + ".weights",
                               rows, cols, [&](const YAML::Node& e, const std::string& q) { return num(e, q); });
    if (n["plastic"])
      p.plastic = matrix<std::uint8_t>(n["plastic"], base + ".plastic", rows, cols,
                                       [&](const YAML::Node& e, const std::string& q) {
                                         return static_cast<std::uint8_t>(boolean(e, q));
                                       });
    return p;
  }

  StdpRule stdp(const YAML::Node& n) {
    map(n, "stdp");
    mark(n, "stdp");
    keys(n, "stdp", {"tau_plus", "tau_minus", "A_plus", "A_minus", "w_min", "w_max", "pairing"});
    StdpRule s;
    const auto get = [&](const char* k, double& dst) {
      dst = num(required(n, k, "stdp", "a number"), std::string("stdp.") + k);
    };
    get("tau_plus", s.tau_plus);
    get("tau_minus", s.tau_minus);
    get("A_plus", s.A_plus);
    get("A_minus", s.A_minus);
    get("w_min", s.w_min);
    get("w_max", s.w_max);
    if (const YAML::Node pm = n["pairing"]) {
      const std::string v = str(pm, "stdp.pairing");
      if (v == "all-to-all") s.pairing = Pairing::AllToAll;
      else if (v == "nearest") s.pairing = Pairing::Nearest;
      else fail(pm, "stdp.pairing", v, "all-to-all or nearest");
    }
    return s;
  }

  Stimulus stimulus(const YAML::Node& n, const std::string& base) {
    map(n, base);
    mark(n, base);
    keys(n, base, {"population", "spike_times"});
    Stimulus s;
    s.population = str(required(n, "population", base, "a population name"), base + ".population");
    const YAML::Node t = required(n, "spike_times", base, "one list of times (ms) per neuron");
    const std::string tp = base + ".spike_times";
    seq(t, tp);
    mark(t, tp);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string rp = index(tp, i);
      seq(t[i], rp);
      mark(t[i], rp);
      std::vector<double> row;
      for (std::size_t j = 0; j < t[i].size(); ++j) row.push_back(num(t[i][j], index(rp, j)));
      s.spike_times.push_back(std::move(row));
    }
    return s;
  }

  std::string file_;
  std::map<std::string, int> lines_;
};

Network parse_root(const std::string& file, const std::function<YAML::Node()>& read) {
  YAML::Node root;
  try {
    root = read();
  } catch (const YAML::BadFile&) {
    throw ConfigError(file + ": cannot open");
  } catch (const YAML::ParserException& e) {
    throw ConfigError(file + ":" + std::to_string(e.mark.line + 1) + ": YAML syntax error: " + e.msg);
  }
  return Loader(file).load(root);
}

void emit_numbers(YAML::Emitter& out, const std::vector<double>& v, std::size_t cols) {
  if (v.size() == 1) {
    out << fmt(v[0]);
    return;
  }
  if (cols == 0) {
    out << YAML::Flow << YAML::BeginSeq;
    for (double x : v) out << fmt(x);
    out << YAML::EndSeq;
    return;
  }
  out << YAML::BeginSeq;
  for (std::size_t i = 0; i < v.size(); i += cols) {
    out << YAML::Flow << YAML::BeginSeq;
    for (std::size_t j = 0; j < cols; ++j) out << fmt(v[i + j]);
    out << YAML::EndSeq;
  }
  out << YAML::EndSeq;
}

}  // namespace

Network load_network(const std::string& path) {
  return parse_root(path, [&] { return YAML::LoadFile(path); });
}

Network parse_network(const std::string& yaml, const std::string& name) {
  return parse_root(name, [&] { return YAML::Load(yaml); });
}

std::string dump_network(const Network& net) {
  validate(net);
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "dt" << YAML::Value << fmt(net.dt);
  if (net.w_lsb > 0) out << YAML::Key << "w_lsb" << YAML::Value << fmt(net.w_lsb);
  out << YAML::Key << "duration" << YAML::Value << fmt(net.duration);
  out << YAML::Key << "populations" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : net.populations) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << p.name << YAML::Key << "size" << YAML::Value
        << p.size;
    if (p.spike_source) {
      out << YAML::Key << "spike_source" << YAML::Value << true;
    } else {
      out << YAML::Key << "params" << YAML::Value << YAML::BeginMap;
      NeuronParams params = p.params;
      for (const char* k : PARAM_NAMES) {
        out << YAML::Key << k << YAML::Value;
        emit_numbers(out, *param_ref(params, k), 0);
      }
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  if (!net.projections.empty()) {
    out << YAML::Key << "projections" << YAML::Value << YAML::BeginSeq;
    for (const auto& pr : net.projections) {
      const std::size_t cols = static_cast<std::size_t>(net.populations[net.find(pr.post)].size);
      out << YAML::BeginMap << YAML::Key << "pre" << YAML::Value << pr.pre << YAML::Key << "post" << YAML::Value
          << pr.post << YAML::Key << "weights" << YAML::Value;
      emit_numbers(out, pr.weights, cols);
      out << YAML::Key << "plastic" << YAML::Value;
      if (pr.plastic.size() == 1) {
        out << (pr.plastic[0] != 0);
      } else {
        out << YAML::BeginSeq;
        for (std::size_t i = 0; i < pr.plastic.size(); i += cols) {
          out << YAML::Flow << YAML::BeginSeq;
          for (std::size_t j = 0; j < cols; ++j) out << (pr.plastic[i + j] != 0);
          out << YAML::EndSeq;
        }
        out << YAML::EndSeq;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (net.stdp) {
    const StdpRule& s = *net.stdp;
    out << YAML::Key << "stdp" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "tau_plus" << YAML::Value << fmt(s.tau_plus) << YAML::Key << "tau_minus" << YAML::Value
        << fmt(s.tau_minus) << YAML::Key << "A_plus" << YAML::Value << fmt(s.A_plus) << YAML::Key << "A_minus"
        << YAML::Value << fmt(s.A_minus) << YAML::Key << "w_min" << YAML::Value << fmt(s.w_min) << YAML::Key
        << "w_max" << YAML::Value << fmt(s.w_max) << YAML::Key << "pairing" << YAML::Value
        << (s.pairing == Pairing::Nearest ? "nearest" : "all-to-all");
    out << YAML::EndMap;
  }
  if (!net.stimuli.empty()) {
    out << YAML::Key << "stimulus" << YAML::Value << YAML::BeginSeq;
    for (const auto& st : net.stimuli) {
      out << YAML::BeginMap << YAML::Key << "population" << YAML::Value << st.population << YAML::Key
          << "spike_times" << YAML::Value << YAML::BeginSeq;
      for (const auto& row : st.spike_times) {
        out << YAML::Flow << YAML::BeginSeq;
        for (double t : row) out << fmt(t);
        out << YAML::EndSeq;
      }
      out << YAML::EndSeq << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

void save_network(const Network& net, const std::string& path) {
  const std::string text = dump_network(net);
  std::ofstream f(path);
  if (!f || !(f << text)) throw ConfigError(path + ": cannot write");
}

}  // namespace spikecore
