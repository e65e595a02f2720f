// SPDX-License-Identifier: Apache-2.0
// spikecore-sim: a simulated spikecore board on a pseudo-terminal and/or a loopback TCP port (docs/uart.md).
//
// Bit level (default): rtl/top/spk_board_top.sv Verilated at pin level, clock kClkHz, line kBaud 8N1; every
// host byte is shifted into the RTL's UART receiver bit by bit, and the TX pin is sampled back into bytes.
// --fast: spk_top's byte stream (spikecore_sim variants) without the UART PHY, one byte per clock cycle.
// When the clock runs: flat out while bytes are pending or on the line in either direction, while the run LED
// is lit (bit level: the core is busy), and for --idle-ms of wall time after the last byte; otherwise the
// simulation sleeps in poll() and simulated time stands still until the host sends again.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "board_model.hpp"
#include "endpoints.hpp"
#include "faults.hpp"
#include "line.hpp"
#include "sim_model.hpp"
#include "sim_variants.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

using Clock = std::chrono::steady_clock;
using namespace spikecore::board;

struct Options {
  int n = 16, lanes = 0;
  bool fast = false, no_pty = false;
  std::string link;
  int tcp = -1;
  FaultConfig faults;
  std::uint64_t seed = 1;
  double stats_every = 0.0;
  int idle_ms = 1000;
};

const char* kFastHelp =
    "Bypass the UART: host bytes go straight into spk_top's byte stream (one per clock cycle) and device bytes "
    "straight back, without bit-level line timing, the UART PHY or its counters (registers 27/28 read 0). "
    "Faults are then applied per byte. Use it for long runs; the default bit-level mode is what a board does.";

/// Both modes behind one loop: feed host bytes, run `cycles`, collect device bytes.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual void host_bytes(const std::vector<std::uint8_t>& b) = 0;
  virtual void run(std::uint64_t cycles, std::vector<std::uint8_t>& to_host) = 0;
  virtual bool busy() const = 0;     // bytes pending or on the line, or the core running
  virtual std::uint64_t cycles() const = 0;
  virtual std::string describe() const = 0;
  virtual std::string stats() const = 0;
};

std::uint64_t burst_bytes(double ms) { return static_cast<std::uint64_t>(ms * 1e-3 * kBaud / 10.0) + 1; }

class BitEngine final : public Engine {
 public:
  BitEngine(const BoardVariant& v, const Options& o)
      : v_(v), h2d_(o.faults, o.seed), d2h_(o.faults, o.seed ^ 0x9E3779B97F4A7C15ull),
        enc_(h2d_, kClkHz / kBaud, static_cast<std::uint64_t>(o.faults.low_ms * 1e-3 * kClkHz)),
        dec_(kClkHz / kBaud), d2h_bytes_(d2h_, burst_bytes(o.faults.low_ms)), model_(v.make()) {
    model_->reset(8);
  }
  void host_bytes(const std::vector<std::uint8_t>& b) override { for (auto x : b) enc_.push(x); }
  void run(std::uint64_t cycles, std::vector<std::uint8_t>& to_host) override {
    raw_.clear();
    model_->run(cycles, enc_, dec_, raw_);
    for (auto x : raw_) d2h_bytes_.push(x, to_host);
  }
  bool busy() const override { return !enc_.idle() || !dec_.idle() || model_->led_run(); }
  std::uint64_t cycles() const override { return model_->cycles(); }
  std::string describe() const override {
    std::ostringstream s;
    s << "bit-level N=" << v_.n << " lanes=" << v_.lanes << " clk=" << kClkHz << " Hz baud=" << kBaud;
    return s.str();
  }
  std::string stats() const override {
    return "h2d " + h2d_.counts.str() + " | d2h " + d2h_.counts.str() +
           " d2h_framing_errors=" + std::to_string(dec_.framing_errors);
  }

 private:
  BoardVariant v_;
  Faults h2d_, d2h_;
  LineEncoder enc_;
  LineDecoder dec_;
  ByteFaults d2h_bytes_;
  std::unique_ptr<BoardModel> model_;
  std::vector<std::uint8_t> raw_;
};

class FastEngine final : public Engine {
 public:
  FastEngine(const spikecore::sim::Variant& v, const Options& o)
      : v_(v), h2d_(o.faults, o.seed), d2h_(o.faults, o.seed ^ 0x9E3779B97F4A7C15ull),
        h2d_bytes_(h2d_, burst_bytes(o.faults.low_ms)), d2h_bytes_(d2h_, burst_bytes(o.faults.low_ms)),
        model_(v.make()) {
    model_->reset(8);
  }
  void host_bytes(const std::vector<std::uint8_t>& b) override {
    for (auto x : b) h2d_bytes_.push(x, pending_);
  }
  void run(std::uint64_t cycles, std::vector<std::uint8_t>& to_host) override {
    for (std::uint64_t i = 0; i < cycles; ++i) {
      const bool v = head_ < pending_.size();
      int tx = -1;
      if (model_->cycle(v, v ? pending_[head_] : 0, tx)) ++head_;
      if (tx >= 0) d2h_bytes_.push(static_cast<std::uint8_t>(tx), to_host);
    }
    cycles_ += cycles;
    if (head_ == pending_.size()) { pending_.clear(); head_ = 0; }
  }
  bool busy() const override { return head_ < pending_.size(); }
  std::uint64_t cycles() const override { return cycles_; }
  std::string describe() const override {
    return "fast (no UART timing) N=" + std::to_string(v_.n) + " lanes=" + std::to_string(v_.lanes);
  }
  std::string stats() const override { return "h2d " + h2d_.counts.str() + " | d2h " + d2h_.counts.str(); }

 private:
  spikecore::sim::Variant v_;
  Faults h2d_, d2h_;
  ByteFaults h2d_bytes_, d2h_bytes_;
  std::unique_ptr<spikecore::sim::Model> model_;
  std::vector<std::uint8_t> pending_;
  std::size_t head_ = 0;
  std::uint64_t cycles_ = 0;
};

template <class V>
const V* pick(const std::vector<V>& table, int n, int lanes, std::string& listing) {
  for (const auto& v : table) listing += " " + std::to_string(v.n) + ":" + std::to_string(v.lanes);
  for (const auto& v : table)
    if (v.n >= n && (lanes == 0 || v.lanes == lanes)) return &v;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"spikecore-sim: a simulated spikecore board (cycle-accurate RTL incl. the UART at bit level) on a "
               "pseudo-terminal and/or a loopback TCP port, with a fault injector on the line. docs/uart.md"};
  app.add_option("--n", o.n, "Neurons needed: the smallest compiled core with at least this many")
      ->check(CLI::Range(1, 65535))->capture_default_str();
  app.add_option("--lanes", o.lanes, "Lanes of the core (0 = any)")->check(CLI::Range(0, 8))->capture_default_str();
  app.add_flag("--fast", o.fast, kFastHelp);
  app.add_flag("--no-pty", o.no_pty, "Do not open a pseudo-terminal (use with --tcp)");
  app.add_option("--link", o.link, "Also make this path a symlink to the pseudo-terminal (removed on exit)");
  app.add_option("--tcp", o.tcp, "Listen on 127.0.0.1:PORT (0 = ephemeral; the port is printed)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--ber", o.faults.ber, "Bit error rate on the line, both directions")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  app.add_option("--drop", o.faults.drop, "Probability of losing each byte")->check(CLI::Range(0.0, 1.0));
  app.add_option("--garbage", o.faults.garbage, "Probability of inserting a random byte before each byte")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--line-low-prob", o.faults.low_prob, "Probability per byte of holding the line low (a break)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--line-low-ms", o.faults.low_ms, "Length of each line-low burst, simulated ms")
      ->check(CLI::Range(0.001, 1000.0))->capture_default_str();
  app.add_option("--seed", o.seed, "Fault injector seed")->capture_default_str();
  app.add_option("--stats-every", o.stats_every, "Print clock and fault counts every SEC seconds (0 = only on exit)")
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--idle-ms", o.idle_ms, "Keep the clock running this long (wall ms) after the last byte")
      ->check(CLI::Range(0, 3600000))->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (o.no_pty && o.tcp < 0) {
    std::cerr << "spikecore-sim: --no-pty needs --tcp PORT (otherwise nothing can connect)\n";
    return 2;
  }

  std::unique_ptr<Engine> engine;
  std::string listing;
  if (o.fast) {
    std::vector<spikecore::sim::Variant> full;   // one parameter set per neuron (P = N)
    for (const auto& v : spikecore::sim::variants())
      if (v.param_sets == v.n) full.push_back(v);
    if (auto* v = pick(full, o.n, o.lanes, listing)) engine = std::make_unique<FastEngine>(*v, o);
  } else {
    if (auto* v = pick(board_variants(), o.n, o.lanes, listing)) engine = std::make_unique<BitEngine>(*v, o);
  }
  if (!engine) {
    std::cerr << "spikecore-sim: no " << (o.fast ? "fast" : "bit-level") << " core with --n >= " << o.n
              << (o.lanes ? " and --lanes " + std::to_string(o.lanes) : std::string()) << "; compiled N:lanes are"
              << listing << "\n";
    return 2;
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  try {
    Endpoints ep(!o.no_pty, o.link, o.tcp);
    std::cout << "spikecore-sim: " << engine->describe() << "\n";
    if (!ep.pty_path().empty()) std::cout << "spikecore-sim: " << ep.pty_path() << "\n";
    if (ep.tcp_port() >= 0) std::cout << "spikecore-sim: tcp://127.0.0.1:" << ep.tcp_port() << "\n";
    std::cout << std::flush;

    // Slice of clock cycles between I/O checks: about 1 ms of simulated time at bit level.
    const std::uint64_t slice = o.fast ? 4096 : static_cast<std::uint64_t>(kClkHz / 1000);
    auto last_io = Clock::now() - std::chrono::hours(1);
    auto next_stats = Clock::now() + std::chrono::duration<double>(o.stats_every);
    const auto t0 = Clock::now();
    std::uint64_t in_total = 0, out_total = 0;
    std::vector<std::uint8_t> in, out;
    auto print_stats = [&](const char* tag) {
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      std::cout << "spikecore-sim: " << tag << " wall_s=" << s << " cycles=" << engine->cycles()
                << " host_bytes=" << in_total << " device_bytes=" << out_total << " | " << engine->stats()
                << " | discarded=" << ep.discarded() << "\n" << std::flush;
    };
    while (!g_stop) {
      const auto now = Clock::now();
      const bool active = engine->busy() || now - last_io < std::chrono::milliseconds(o.idle_ms);
      in.clear();
      ep.poll(active ? 0 : 100, in);
      if (!in.empty()) {
        last_io = Clock::now();
        in_total += in.size();
        engine->host_bytes(in);
      }
      if (active || !in.empty()) {
        out.clear();
        engine->run(slice, out);
        if (!out.empty()) {
          last_io = Clock::now();
          out_total += out.size();
          ep.write(out);
        }
      }
      if (o.stats_every > 0 && Clock::now() >= next_stats) {
        print_stats("stats");
        next_stats += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.stats_every));
      }
    }
    print_stats("exit");
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
