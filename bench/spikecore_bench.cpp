// SPDX-License-Identifier: Apache-2.0
// spikecore-bench: speed figures (a program, not a test).
// For each N it programs a random network (dense random weights, 1/3 plastic, STDP on), forces a stated
// fraction of neurons to spike per step, and prints
//   - simulated timesteps per wall second for the golden model and for the Verilated RTL (through the link),
//   - RTL clock cycles per timestep (device CYCLES counter, run phase only) versus the memory-bandwidth bound:
//     the weight words that step 3 and STDP 5b/5c must touch, divided by Lanes, plus one cycle per neuron.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "spikecore/device.hpp"
#include "spikecore/transport.hpp"

namespace {

using spikecore::Backend;
using spikecore::InputEvent;

void program(Backend& b, int n, std::mt19937& rng) {
  // Neurons that never fire on their own (theta out of reach): activity is exactly the forced rate. Every
  // parameter set (model.md §2.2) holds the same values, so whatever set a neuron uses, it behaves the same.
  const std::size_t sets = static_cast<std::size_t>(b.caps().param_sets);
  const std::vector<std::uint32_t> p22(sets, 15'000'000u), p11(sets, 10'000'000u), c21(sets, 500'000u),
      theta(sets, 0x7FFFFFFFu);
  b.write_neuron(8, 0, p22);
  b.write_neuron(9, 0, p11);
  b.write_neuron(10, 0, p11);
  b.write_neuron(11, 0, c21);
  b.write_neuron(12, 0, c21);
  b.write_neuron(14, 0, theta);
  std::vector<std::uint16_t> w(static_cast<std::size_t>(n) * n);
  for (auto& x : w) x = static_cast<std::uint16_t>(((rng() % 3 == 0) ? 0x8000u : 0u) | (rng() % 2000));
  b.write_weights(0, w);
  const std::uint32_t regs[7] = {1u, 15'900'000u, 15'900'000u, 16u * 10u, 16u * 11u, 0u, 16383u};
  for (int r = 0; r < 7; ++r) b.write_reg(r, regs[r]);
}

struct Figures {
  double steps_per_s = 0, cycles_per_step = 0, spikes_per_step = 0;
};

Figures measure(Backend& b, int n, int steps, double activity, unsigned seed) {
  std::mt19937 rng(seed);
  program(b, n, rng);
  std::vector<InputEvent> in;
  std::bernoulli_distribution fire(activity);
  for (int t = 0; t < steps; ++t)
    for (int k = 0; k < n; ++k)
      if (fire(rng)) in.push_back({static_cast<std::uint32_t>(t), static_cast<std::uint16_t>(k)});
  const auto c0 = b.counters();
  const auto t0 = std::chrono::steady_clock::now();
  const auto spikes = b.run(static_cast<std::uint32_t>(steps), in);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto c1 = b.counters();
  Figures f;
  f.steps_per_s = steps / secs;
  f.cycles_per_step = c1.cycles > c0.cycles ? double(c1.cycles - c0.cycles) / steps : 0.0;
  f.spikes_per_step = double(spikes.size()) / steps;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spikecore-bench: golden-model and simulated-RTL speed, RTL cycles per timestep"};
  std::vector<int> sizes{64, 256, 1024};
  double activity = 0.02;
  int steps = 200;
  int param_sets = 0;
  app.add_option("--n", sizes, "core sizes N")->capture_default_str();
  app.add_option("--activity", activity, "fraction of neurons forced to spike per step")->capture_default_str();
  app.add_option("--steps", steps, "timesteps per measurement")->capture_default_str();
  app.add_option("--param-sets", param_sets,
                 "parameter sets of the cores (model.md §2.2; the simulated core is the variant with this many, "
                 "e.g. 32: the iCE40UP5K configuration); 0 = one per neuron")
      ->check(CLI::Range(0, 1024));
  CLI11_PARSE(app, argc, argv);

  std::printf("activity %.3f spikes/neuron/step, STDP on (1/3 of synapses plastic), %d steps\n", activity, steps);
  std::printf("%6s %6s %14s %14s %14s %14s %8s\n", "N", "lanes", "golden st/s", "RTL st/s", "RTL cyc/st",
              "bound cyc/st", "ratio");
  for (int n : sizes) {
    Figures g, r;
    int lanes = 0;
    try {
      const std::string sets = param_sets ? ":p" + std::to_string(param_sets) : std::string();
      auto gold = spikecore::open_backend("golden" + sets, n);
      g = measure(*gold, n, steps, activity, 1);
    } catch (const std::exception& e) {
      std::printf("%6d golden: %s\n", n, e.what());
      continue;
    }
    std::string rtl_note;
    try {
      auto sim = spikecore::open_backend(param_sets ? "sim:p" + std::to_string(param_sets) : "sim", n);
      const auto caps = sim->caps();
      if (caps.n != n) throw spikecore::TransportError("no simulated core with exactly N=" + std::to_string(n));
      lanes = caps.lanes;
      r = measure(*sim, n, steps, activity, 1);
    } catch (const std::exception& e) {
      rtl_note = e.what();
    }
    // Bound on a single-port weight memory of Lanes banks: per spike, step 3 reads a row (N/Lanes cycles),
    // 5c reads and writes a row (2N/Lanes), 5b reads and writes a column (2N: one useful word per access);
    // the neuron loop needs N cycles.
    const double s = g.spikes_per_step;
    const double bound = lanes ? s * (3.0 * n / lanes + 2.0 * n) + n : 0.0;
    if (rtl_note.empty())
      std::printf("%6d %6d %14.0f %14.0f %14.0f %14.0f %8.2f\n", n, lanes, g.steps_per_s, r.steps_per_s,
                  r.cycles_per_step, bound, r.cycles_per_step / bound);
    else
      std::printf("%6d %6s %14.0f %14s   (RTL: %s)\n", n, "-", g.steps_per_s, "-", rtl_note.c_str());
  }
  return 0;
}
