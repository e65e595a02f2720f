// SPDX-License-Identifier: Apache-2.0
// `spikecore` command line: run a network file on a backend, or show a device's CAPS and counters.
// Every error is one line on stderr and a non-zero exit code.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/target.hpp"
#include "spikecore/transport.hpp"
#include "spikecore/units.hpp"
#include "spikecore/yaml_io.hpp"

namespace {

using namespace spikecore;

const char* TARGET_HELP =
    "golden[:wBITS][:pSETS] | golden-link[:wBITS][:pSETS] | sim[:pSETS] | /dev/ttyUSB1[@baud] (default 3000000) | "
    "tcp://host:port (docs/link.md)";

/// Link settings shared by every subcommand (serial, TCP, golden-link, sim).
struct LinkArgs {
  int timeout_ms = 1000, retries = 10;
  LinkOptions options() const {
    if (timeout_ms < 1 || timeout_ms > 600000)
      throw ConfigError("--timeout = " + std::to_string(timeout_ms) + ": expected 1..600000 (ms)");
    if (retries < 0 || retries > 100) throw ConfigError("--retries = " + std::to_string(retries) + ": expected 0..100");
    LinkOptions o;
    o.timeout = std::chrono::milliseconds{timeout_ms};
    o.retries = retries;
    return o;
  }
};

void add_link_options(CLI::App* app, std::string& target, LinkArgs& link) {
  app->add_option("--target,-t,--backend,-b", target, TARGET_HELP)->capture_default_str();
  app->add_option("--timeout", link.timeout_ms, "Per-attempt response timeout, ms")->capture_default_str();
  app->add_option("--retries", link.retries, "Re-sends of a command after a timeout or damaged frame")
      ->capture_default_str();
}

struct RunArgs {
  std::string file, backend = "golden", spikes_csv, weights_csv;
  LinkArgs link;
  long long steps = -1;
  bool report = false;
};

/// Population name and index within it of device neuron k.
std::pair<std::string, int> locate(const CompiledNetwork& c, int k) {
  for (const auto& [name, s] : c.populations)
    if (k >= s.first && k < s.first + s.size) return {name, k - s.first};
  return {"?", k};
}

std::ofstream open_out(const std::string& path) {
  std::ofstream f(path);
  if (!f) throw ConfigError(path + ": cannot write");
  return f;
}

int cmd_run(const RunArgs& a) {
  const Network net = load_network(a.file);
  Device dev(open_backend(a.backend, net.size(), a.link.options()));
  const CompiledNetwork c = compile(net, dev.n(), dev.weight_bits(), dev.param_sets());
  if (a.report) std::cout << c.report.table();
  else
    for (const auto& w : c.report.warnings) std::cerr << "warning: " << w << "\n";
  dev.program(c);
  std::uint32_t steps = c.steps;
  if (a.steps >= 0) {
    if (a.steps > 0xFFFFFFFFLL) throw ConfigError("--steps = " + std::to_string(a.steps) + ": expected 0..4294967295");
    steps = static_cast<std::uint32_t>(a.steps);
  }
  std::vector<InputEvent> inputs;
  for (const auto& e : c.inputs)
    if (e.step < steps) inputs.push_back(e);
  const auto spikes = dev.run(steps, inputs);

  std::vector<long long> count(c.populations.size(), 0);
  for (const auto& s : spikes)
    for (std::size_t p = 0; p < c.populations.size(); ++p) {
      const auto& sl = c.populations[p].second;
      if (s.neuron >= sl.first && s.neuron < sl.first + sl.size) ++count[p];
    }
  const double seconds = steps * c.dt / 1000.0;
  std::printf("%-20s %8s %10s %12s\n", "population", "neurons", "spikes", "rate_Hz");
  for (std::size_t p = 0; p < c.populations.size(); ++p) {
    const auto& [name, sl] = c.populations[p];
    std::printf("%-20s %8d %10lld %12.3f\n", name.c_str(), sl.size, count[p],
                seconds > 0 ? count[p] / (sl.size * seconds) : 0.0);
  }
  std::printf("%u steps of %g ms on %s (n = %d)\n", steps, c.dt, a.backend.c_str(), dev.n());

  if (!a.spikes_csv.empty()) {
    auto f = open_out(a.spikes_csv);
    f << "time_ms,step,population,index,neuron\n";
    for (const auto& s : spikes) {
      const auto [pop, idx] = locate(c, s.neuron);
      f << s.step * c.dt << "," << s.step << "," << pop << "," << idx << "," << s.neuron << "\n";
    }
  }
  if (!a.weights_csv.empty()) {
    auto f = open_out(a.weights_csv);
    f << "pre_population,pre_index,post_population,post_index,weight_pA,plastic\n";
    const auto m = dev.read_weight_matrix();
    const int n = dev.n_used();
    for (int pre = 0; pre < n; ++pre)
      for (int post = 0; post < n; ++post) {
        const auto w = m[std::size_t(pre) * n + post];
        if (w == 0) continue;
        const auto [pp, pi] = locate(c, pre);
        const auto [qp, qi] = locate(c, post);
        f << pp << "," << pi << "," << qp << "," << qi << "," << weight_pA(w, c.w_lsb) << ","
          << (weight_plastic(w) ? 1 : 0) << "\n";
      }
  }
  return 0;
}

int cmd_info(const std::string& backend, int n, const LinkArgs& link) {
  auto b = open_backend(backend, n, link.options());
  const Caps c = b->caps();
  std::printf("backend       %s\nprotocol      %d\nmodel_format  %d\nn             %d\nlanes         %d\n"
              "weight_bits   %d\nparam_sets    %d\nmax_body      %d\nin_depth      %d\nout_depth     %d\n"
              "build_id      0x%08x\n",
              backend.c_str(), c.protocol, c.model_format, c.n, c.lanes, c.weight_bits, c.param_sets, c.max_body,
              c.in_depth, c.out_depth, c.build_id);
  const Counters k = b->counters();
  std::printf("cycles        %llu\ntimesteps     %llu\nspikes        %llu\nsops          %llu\nstall_cycles  %llu\n"
              "in_dropped    %llu\nrx_crc_err    %llu\nrx_frame_err  %llu\nnaks          %llu\n",
              (unsigned long long)k.cycles, (unsigned long long)k.timesteps, (unsigned long long)k.spikes,
              (unsigned long long)k.sops, (unsigned long long)k.stall_cycles, (unsigned long long)k.in_dropped,
              (unsigned long long)k.rx_crc_errors, (unsigned long long)k.rx_frame_errors, (unsigned long long)k.naks);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spikecore: run spiking networks on the spikecore emulator (units: ms, mV, pF, pA)"};
  app.require_subcommand(1);
  RunArgs ra;
  auto* run = app.add_subcommand("run", "Load NET.yaml, program the backend, run and print spike counts");
  run->add_option("network", ra.file, "Network file (docs/network-format.md)")->required();
  add_link_options(run, ra.backend, ra.link);
  run->add_option("--steps", ra.steps, "Timesteps to run (default: duration/dt from the file)")->check(CLI::Range(0LL, 4294967295LL));
  run->add_option("--spikes", ra.spikes_csv, "Write spikes to this CSV file");
  run->add_option("--weights", ra.weights_csv, "Write final nonzero weights (pA) to this CSV file");
  run->add_flag("--report", ra.report, "Print the quantization report");
  std::string info_backend = "golden";
  int info_n = 16;
  LinkArgs info_link;
  auto* info = app.add_subcommand("info", "Show a target's capabilities and counters");
  add_link_options(info, info_backend, info_link);
  info->add_option("--n", info_n, "Neurons needed (picks the core)")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*run) return cmd_run(ra);
    return cmd_info(info_backend, info_n, info_link);
  } catch (const std::exception& e) {
    std::cerr << "spikecore: error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "spikecore: error: unknown exception\n";
    return 1;
  }
}
