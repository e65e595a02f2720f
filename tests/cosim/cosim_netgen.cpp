// SPDX-License-Identifier: Apache-2.0
// Test helper: writes the network files the cosim tests co-simulate.
//   cosim_netgen random N SEED OUT.yaml     N neurons (N/4 spike sources, the rest LIF with per-neuron random
//                                           parameters), random signed all-to-all weights, random plastic bits,
//                                           STDP (pairing from the seed), Poisson stimulus; 40 steps
//   cosim_netgen digits K OUT.yaml          examples/digits/digits.yaml with the stimulus of the first K training
//                                           presentations of the digits job (teacher timing, 12 steps each)
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#ifdef SPIKECORE_COSIM_HAVE_DIGITS
#include "dataset.hpp"
#include "encoding.hpp"
#endif
#include "spikecore/network.hpp"
#include "spikecore/yaml_io.hpp"

using namespace spikecore;

namespace {

Network random_net(int n, unsigned seed) {
  std::mt19937 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  Network net;
  net.dt = 1.0;
  net.duration = 40;
  const int n_in = n / 4, n_exc = n - n_in;
  Population in{"input", n_in, true, {}};
  Population exc{"exc", n_exc, false, {}};
  NeuronParams& p = exc.params;
  p.tau_m.clear(); p.cm.clear(); p.v_thresh.clear(); p.tau_refrac.clear(); p.tau_syn_E.clear(); p.tau_syn_I.clear();
  p.i_offset.clear();
  for (int k = 0; k < n_exc; ++k) {
    p.tau_m.push_back(uni(5, 30));
    p.cm.push_back(uni(150, 300));
    p.v_thresh.push_back(uni(-58, -52));
    p.tau_refrac.push_back(double(int(uni(0, 4))));
    p.tau_syn_E.push_back(uni(1, 6));
    p.tau_syn_I.push_back(uni(2, 8));
    p.i_offset.push_back(uni(0, 200));
  }
  p.v_rest = {-65.0};
  p.v_reset = {-70.0};
  net.populations = {in, exc};
  auto proj = [&](const std::string& a, int na, const std::string& b, int nb, double lo, double hi) {
    Projection pr{a, b, {}, {}};
    for (int i = 0; i < na * nb; ++i) {
      pr.weights.push_back(uni(0, 1) < 0.3 ? 0.0 : uni(lo, hi));
      pr.plastic.push_back(uni(0, 1) < 0.6 ? 1 : 0);
    }
    net.projections.push_back(pr);
  };
  proj("input", n_in, "exc", n_exc, -300, 2500);
  proj("exc", n_exc, "exc", n_exc, -800, 800);
  StdpRule s;
  s.tau_plus = uni(10, 30);
  s.tau_minus = uni(10, 30);
  s.A_plus = uni(20, 80);
  s.A_minus = uni(20, 80);
  s.w_min = -1000;
  s.w_max = 3000;
  s.pairing = seed % 2 ? Pairing::Nearest : Pairing::AllToAll;
  net.stdp = s;
  Stimulus st{"input", {}};
  for (int k = 0; k < n_in; ++k) {
    std::vector<double> t;
    for (int step = 0; step < 40; ++step)
      if (uni(0, 1) < 0.15) t.push_back(step);
    st.spike_times.push_back(t);
  }
  net.stimuli = {st};
  return net;
}

#ifdef SPIKECORE_COSIM_HAVE_DIGITS
Network digits_net(int samples) {
  const std::string dir = SPIKECORE_DIGITS_DIR;
  Network net = load_network(dir + "/digits.yaml");
  const digits::Dataset ds = digits::load_dataset(dir + "/data");
  const digits::TeacherTiming timing;
  Stimulus in{"input", std::vector<std::vector<double>>(64)};
  Stimulus lab{"label", std::vector<std::vector<double>>(10)};
  for (int i = 0; i < samples; ++i) {
    digits::SampleRng rng(1, 0, std::uint64_t(i));
    const auto& d = ds.images.at(std::size_t(ds.train.at(std::size_t(i))));
    for (const auto& e : digits::training_events(d, timing, 0, 64, rng)) {
      const double t = double(std::uint32_t(i) * timing.steps + e.step);
      if (e.neuron < 64) in.spike_times[e.neuron].push_back(t);
      else lab.spike_times[e.neuron - 64].push_back(t);
    }
  }
  net.stimuli = {in, lab};
  net.duration = double(samples) * timing.steps;
  return net;
}
#endif

int usage() {
  std::fprintf(stderr, "usage: cosim_netgen random N SEED OUT.yaml | cosim_netgen digits SAMPLES OUT.yaml\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "random" && argc == 5) {
      const int n = std::atoi(argv[2]);
      if (n < 4 || n > 1024) {
        std::fprintf(stderr, "cosim_netgen: N = %s: expected 4..1024\n", argv[2]);
        return 2;
      }
      save_network(random_net(n, unsigned(std::strtoul(argv[3], nullptr, 10))), argv[4]);
#ifdef SPIKECORE_COSIM_HAVE_DIGITS
    } else if (mode == "digits" && argc == 4) {
      const int k = std::atoi(argv[2]);
      if (k < 1 || k > 1203) {
        std::fprintf(stderr, "cosim_netgen: SAMPLES = %s: expected 1..1203\n", argv[2]);
        return 2;
      }
      save_network(digits_net(k), argv[3]);
#endif
    } else {
      return usage();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cosim_netgen: %s\n", e.what());
    return 2;
  }
  return 0;
}
