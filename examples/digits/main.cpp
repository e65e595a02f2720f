// SPDX-License-Identifier: Apache-2.0
// spikecore-digits: learn the 8x8 digits with on-chip STDP on one core, then test (README.md in this folder).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>

#include "dataset.hpp"
#include "job.hpp"
#include "report.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/yaml_io.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// One `\r`-updated status line on stderr: phase, samples done, elapsed, estimated time left.
class Progress {
 public:
  explicit Progress(bool enabled) : on_(enabled) {}
  void operator()(const char* phase, int done, int total) {
    if (!on_) return;
    if (done == 1 || phase_ != phase) {
      t0_ = Clock::now();
      phase_ = phase;
    }
    const auto now = Clock::now();
    if (done != total && done != 1 && now - last_ < std::chrono::milliseconds(200)) return;   // keep stderr light
    last_ = now;
    const double el = std::chrono::duration<double>(now - t0_).count();
    const double eta = done ? el * (total - done) / done : 0;
    std::fprintf(stderr, "\r%s %d/%d  %.1f s elapsed, ETA %.1f s   ", phase, done, total, el, eta);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }
 private:
  bool on_;
  std::string phase_;
  Clock::time_point t0_, last_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Learn the 8x8 digits (UCI/scikit-learn) with on-chip STDP on a spikecore core, then test."};
  std::string backend = "golden", net_file = SPIKECORE_DIGITS_DIR "/digits.yaml",
              data_dir = SPIKECORE_DIGITS_DIR "/data", out_dir;
  spikecore::digits::JobConfig cfg;
  bool quiet = false;
  app.add_option("--target,--backend", backend,
                 "Device: sim[:pSETS] (Verilated RTL in-process; sim:p32 = the iCEBreaker's core), "
                 "golden[:wBITS][:pSETS] (C++ model), /dev/ttyX[@baud] (a board or spikecore-sim's pty), "
                 "tcp://host:port (docs/link.md)")
      ->capture_default_str();
  app.add_option("--train", cfg.n_train, "Training presentations (class-balanced round-robin); default: "
                                         "10 x largest class = every training image at least once");
  app.add_option("--test", cfg.n_test, "Test images (first M of the 594); default: all");
  app.add_option("--out", out_dir, "Directory for spikes, weights, predictions and confusion CSV files");
  app.add_option("--seed", cfg.seed, "Spike-encoding seed")->capture_default_str();
  app.add_option("--net", net_file, "Network file")->capture_default_str();
  app.add_option("--data", data_dir, "Directory with digits.csv and split.csv")->capture_default_str();
  app.add_option("--train-steps", cfg.train.steps, "Steps per training presentation")->capture_default_str();
  app.add_option("--train-p", cfg.train.p_max, "Training spike probability per step at grey 16")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--test-steps", cfg.test_steps, "Steps per test presentation")->capture_default_str();
  app.add_option("--test-p", cfg.test_p_max, "Test spike probability per step at grey 16")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  const std::map<std::string, spikecore::digits::Code> codes{{"bernoulli", spikecore::digits::Code::Bernoulli},
                                                              {"regular", spikecore::digits::Code::Regular}};
  app.add_option("--train-code", cfg.train.code, "Training spike code: bernoulli or regular")
      ->transform(CLI::CheckedTransformer(codes, CLI::ignore_case));
  app.add_option("--test-code", cfg.test_code, "Test spike code: bernoulli or regular")
      ->transform(CLI::CheckedTransformer(codes, CLI::ignore_case));
  app.add_flag("--quiet", quiet, "No progress line");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto data = spikecore::digits::load_dataset(data_dir);
    const spikecore::Network net = spikecore::load_network(net_file);
    auto dev_backend = spikecore::open_backend(backend, net.size());
    const spikecore::Caps caps = dev_backend->caps();
    const int n = caps.n;
    const spikecore::CompiledNetwork compiled = spikecore::compile(net, n, caps.weight_bits, caps.param_sets);
    for (const auto& w : compiled.report.warnings) std::cerr << "quantization: " << w << "\n";
    spikecore::Device dev(std::move(dev_backend));

    std::printf("digits: %zu images, %zu train / %zu test; backend %s (N = %d), w_lsb = %.6g pA\n",
                data.images.size(), data.train.size(), data.test.size(), backend.c_str(), n, compiled.w_lsb);
    Progress progress(!quiet);
    cfg.on_train_progress = [&](int d, int t) { progress("train", d, t); };
    cfg.on_test_progress = [&](int d, int t) { progress("test ", d, t); };
    const auto r = spikecore::digits::run_job(dev, compiled, data, cfg);

    const auto code_name = [](spikecore::digits::Code c) {
      return c == spikecore::digits::Code::Regular ? "regular" : "bernoulli";
    };
    std::printf("training: %zu presentations of %u steps (%s, p_max %.3g); test: %zu images of %u steps (%s, "
                "p_max %.3g); seed %llu\n",
                static_cast<std::size_t>(cfg.n_train < 0 ? spikecore::digits::full_schedule_length(data) : cfg.n_train),
                cfg.train.steps, code_name(cfg.train.code), cfg.train.p_max, r.tests.size(), cfg.test_steps,
                code_name(cfg.test_code), cfg.test_p_max, static_cast<unsigned long long>(cfg.seed));
    std::printf("wall time: program %.2f s, train %.2f s, test %.2f s\n", r.seconds_program, r.seconds_train,
                r.seconds_test);
    std::cout << spikecore::digits::format_summary(r);
    if (!out_dir.empty()) {
      spikecore::digits::write_outputs(out_dir, r);
      std::printf("wrote %s/{spikes,weights,weights_8x8,predictions,confusion}.csv\n", out_dir.c_str());
    }
  } catch (const std::exception& e) {
    std::cerr << "spikecore-digits: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
