// SPDX-License-Identifier: Apache-2.0
// spikecore-link-bench: link efficiency figures (a program, not a test).
// Counts every byte the host library actually sends and receives (a counting Transport wrapped around the
// device: the in-process golden-link device by default, or the Verilated core with --via sim) and prints
//   - wire bytes per input spike event (LOAD_INPUTS + its ACK), per output spike event (READ_SPIKES polls +
//     responses), and for a full N x N weight program (WRITE_WEIGHTS + ACKs), each versus the raw payload
//     (4 bytes per event: u16 step, u16 neuron; 2 bytes per weight word);
//   - the time to program the N x N weights at 1 and 3 Mbaud: wire bytes x 10 bit (8N1) / baud, plus an
//     optional fixed turnaround per command (the protocol is stop-and-wait), versus the line-rate bound
//     payload bytes x 10 / baud.
// With --target DEV (a board or spikecore-sim: /dev/...@baud or tcp://...) it also times the weight program
// through that target, wall clock, against the same bound.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "spikecore/device.hpp"
#include "spikecore/golden_transport.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/protocol.hpp"
#include "spikecore/serial_transport.hpp"
#include "spikecore/sim_transport.hpp"
#include "spikecore/target.hpp"

namespace {

using namespace spikecore;

/// Per command type: frames and wire bytes in each direction (responses are booked to their command).
struct Tally {
  std::uint64_t frames = 0, tx = 0, rx = 0;
};

/// Transport wrapper that decodes both directions and books each frame's encoded size (= its bytes on the wire;
/// encoding is deterministic) under its command type.
class CountingTransport : public Transport {
 public:
  explicit CountingTransport(std::unique_ptr<Transport> inner) : inner_(std::move(inner)) {}
  void write(const std::uint8_t* d, std::size_t n) override {
    tx_.feed(d, n);
    for (proto::Frame f; tx_.next(f);) {
      auto& t = tally_[f.type];
      ++t.frames;
      t.tx += proto::encode(f).size();
      last_cmd_ = f.type;
    }
    inner_->write(d, n);
  }
  std::size_t read(std::uint8_t* b, std::size_t max, std::chrono::milliseconds timeout) override {
    const std::size_t k = inner_->read(b, max, timeout);
    rx_.feed(b, k);
    for (proto::Frame f; rx_.next(f);) {
      const std::uint8_t cmd = f.type == proto::NAK ? last_cmd_ : static_cast<std::uint8_t>(f.type - proto::RESPONSE);
      tally_[cmd].rx += proto::encode(f).size();
    }
    return k;
  }
  void idle(std::chrono::microseconds d) override { inner_->idle(d); }
  std::string describe() const override { return inner_->describe(); }
  void reset() { tally_.clear(); }
  Tally get(std::uint8_t cmd) const {
    auto it = tally_.find(cmd);
    return it == tally_.end() ? Tally{} : it->second;
  }
  Tally total() const {
    Tally s;
    for (const auto& [c, t] : tally_) s.frames += t.frames, s.tx += t.tx, s.rx += t.rx;
    return s;
  }

 private:
  std::unique_ptr<Transport> inner_;
  proto::Decoder tx_, rx_;
  std::map<std::uint8_t, Tally> tally_;
  std::uint8_t last_cmd_ = 0;
};

void line(const char* what, double wire, double raw) {
  std::printf("  %-34s %10.2f B on the wire  %8.2f B raw  x%.3f\n", what, wire, raw, wire / raw);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"spikecore-link-bench: bytes on the wire and link time for weight programs and spike traffic"};
  int n = 256, events = 4096;
  std::string via = "golden-link", target;
  std::vector<double> turnaround_us{0, 100, 1000};
  app.add_option("--n", n, "Neurons (weight matrix N x N)")->capture_default_str()->check(CLI::Range(2, 4096));
  app.add_option("--events", events, "Input events for the per-event figures")->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--via", via, "Device behind the byte counter: golden-link | sim")->capture_default_str()
      ->check(CLI::IsMember({"golden-link", "sim"}));
  app.add_option("--turnaround-us", turnaround_us, "Per-command turnaround(s) to add to the wire time, us")
      ->capture_default_str();
  app.add_option("--target", target, "Also time the weight program through this target (/dev/..@baud, tcp://..)");
  CLI11_PARSE(app, argc, argv);
  try {
    std::unique_ptr<Transport> dev;
    if (via == "sim") dev = make_sim_transport(n);
    else {
      GoldenLinkConfig cfg;
      cfg.n = n;
      dev = std::make_unique<GoldenTransport>(cfg);
    }
    auto counting = std::make_unique<CountingTransport>(std::move(dev));
    CountingTransport& ct = *counting;
    LinkBackend link(std::move(counting));
    const Caps caps = link.caps();
    n = caps.n;
    std::printf("device %s: n %d, max_body %d, in_depth %d, out_depth %d\n", ct.describe().c_str(), caps.n,
                caps.max_body, caps.in_depth, caps.out_depth);

    // Full weight program: random words, so byte stuffing costs what it costs on real data.
    std::mt19937 rng(1);
    std::vector<std::uint16_t> w(std::size_t(n) * n);
    for (auto& x : w) x = static_cast<std::uint16_t>(rng());
    ct.reset();
    link.write_weights(0, w);
    const Tally ww = ct.get(proto::WRITE_WEIGHTS);
    const double raw_w = 2.0 * w.size();
    std::printf("\nweight program %d x %d (%zu words, %.0f B raw) in %llu frames\n", n, n, w.size(), raw_w,
                (unsigned long long)ww.frames);
    line("WRITE_WEIGHTS host->device", double(ww.tx), raw_w);
    line("WRITE_WEIGHTS incl. ACKs", double(ww.tx + ww.rx), raw_w);
    ct.reset();
    if (link.read_weights(0, std::uint32_t(w.size())) != w) std::printf("  READBACK MISMATCH\n");
    const Tally rw = ct.get(proto::READ_WEIGHTS);
    line("READ_WEIGHTS incl. requests", double(rw.tx + rw.rx), raw_w);

    std::printf("\ntime to program the weights (8N1: 10 bit per byte; stop-and-wait: + turnaround per frame)\n");
    std::printf("  %10s %12s %12s", "baud", "bound_ms", "wire_ms");
    for (double t : turnaround_us) std::printf("  +%5.0fus/frame", t);
    std::printf("\n");
    for (double baud : {1e6, 3e6}) {
      const double bound = raw_w * 10 / baud * 1e3, wire = double(ww.tx + ww.rx) * 10 / baud * 1e3;
      std::printf("  %10.0f %12.1f %12.1f", baud, bound, wire);
      for (double t : turnaround_us) {
        const double ms = wire + double(ww.frames) * t * 1e-3;
        std::printf("  %7.1f (%+5.1f%%)", ms, (ms / bound - 1) * 100);
      }
      std::printf("\n");
    }

    // Input events: one per step on rotating neurons; forced spikes come back as output spikes (model.md).
    // Dense: the random weights above make the network fire a lot (full READ_SPIKES responses). Sparse: with
    // zero weights and an unreachable threshold (field 14, as in spikecore_bench) only the forced spikes come back, one per step (many short polls).
    std::vector<InputEvent> in;
    const std::uint32_t steps = std::uint32_t(events);
    for (int i = 0; i < events; ++i) in.push_back({std::uint32_t(i), std::uint16_t(i % n)});
    for (const char* mode : {"dense", "sparse"}) {
      if (std::string(mode) == "sparse") {
        link.write_weights(0, std::vector<std::uint16_t>(w.size(), 0));
        // theta out of reach, in every parameter set (model.md §2.2)
        link.write_neuron(14, 0, std::vector<std::uint32_t>(std::size_t(caps.param_sets), 0x7FFFFFFFu));
        link.reset_state();
      }
      ct.reset();
      const auto out = link.run(steps, in);
      const Tally li = ct.get(proto::LOAD_INPUTS), rs = ct.get(proto::READ_SPIKES), ru = ct.get(proto::RUN);
      std::printf("\nspike traffic (%s): %d input events over %u steps -> %zu output events\n", mode, events, steps,
                  out.size());
      line("per input event (LOAD_INPUTS+ACK)", double(li.tx + li.rx) / events, 4);
      if (!out.empty()) {
        line("per output event (READ_SPIKES)", double(rs.tx + rs.rx) / double(out.size()), 4);
        line("per output event incl. RUN", double(rs.tx + rs.rx + ru.tx + ru.rx) / double(out.size()), 4);
      }
      std::printf("  READ_SPIKES polls: %llu\n", (unsigned long long)rs.frames);
    }

    if (!target.empty()) {
      auto b = open_backend(target, 2, LinkOptions{});
      const int tn = b->caps().n;
      std::vector<std::uint16_t> tw(std::size_t(tn) * tn);
      for (auto& x : tw) x = static_cast<std::uint16_t>(rng());
      const auto t0 = std::chrono::steady_clock::now();
      b->write_weights(0, tw);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      const TargetSpec ts = parse_target(target);
      std::printf("\nmeasured on %s: %d x %d weights in %.1f ms", target.c_str(), tn, tn, ms);
      if (ts.kind == TargetSpec::Serial) {
        const double bound = 2.0 * tw.size() * 10 / ts.baud * 1e3;
        std::printf(" (bound %.1f ms at %u baud: %+.1f%%)", bound, ts.baud, (ms / bound - 1) * 100);
      }
      std::printf("\n");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-link-bench: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
