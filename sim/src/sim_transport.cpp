// SPDX-License-Identifier: Apache-2.0
// SimTransport: spikecore::Transport over a Verilated spk_top variant (see sim_transport.hpp).
#include "spikecore/sim_transport.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <sstream>
#include <string>

#include "sim_variants.hpp"

namespace spikecore {
namespace {

// Simulated clock: read() timeouts become cycle budgets at 100 MHz (100k cycles per ms), with a
// floor so that one read() can always cover a long command (e.g. RESET_STATE on a big core).
constexpr std::uint64_t kCyclesPerMs = 100000;
constexpr std::uint64_t kMinReadCycles = 2000000;
// write() gives up when the device refuses a byte for this long (it only does so while executing
// or answering the previous command, which is bounded).
constexpr std::uint64_t kWriteStallCycles = 200000000;
// After the first response byte, keep clocking while bytes keep coming at least this often, so one
// read() returns a whole frame instead of one byte per call.
constexpr std::uint64_t kByteGapCycles = 16;

class SimTransport final : public Transport {
 public:
  SimTransport(const sim::Variant& v) : n_(v.n), lanes_(v.lanes), model_(v.make()) {
    if (const char* path = std::getenv("SPIKECORE_SIM_TRACE_FILE")) model_->trace(path);
    model_->reset(4);
    cycles_ = 0;   // counted from the end of reset, like the CYCLES register (+/- the reset cycles)
  }

  void write(const std::uint8_t* data, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t waited = 0;
      while (!step(true, data[i])) {
        if (++waited > kWriteStallCycles) {
          throw TransportError(describe() + ": device did not accept a byte for " +
                               std::to_string(kWriteStallCycles) + " cycles");
        }
      }
    }
  }

  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) override {
    if (max == 0) return 0;
    const std::uint64_t ms = timeout.count() > 0 ? std::uint64_t(timeout.count()) : 0;
    const std::uint64_t budget = std::max(kMinReadCycles, ms * kCyclesPerMs);
    for (std::uint64_t c = 0; out_.empty() && c < budget; ++c) step(false, 0);
    if (out_.empty()) return 0;
    std::uint64_t gap = 0;
    while (out_.size() < max && gap < kByteGapCycles) {
      const std::size_t before = out_.size();
      step(false, 0);
      gap = (out_.size() == before) ? gap + 1 : 0;
    }
    const std::size_t k = std::min(max, out_.size());
    std::copy(out_.begin(), out_.begin() + std::ptrdiff_t(k), buf);
    out_.erase(out_.begin(), out_.begin() + std::ptrdiff_t(k));
    return k;
  }

  void idle(std::chrono::microseconds d) override {
    const std::uint64_t cycles = std::uint64_t(d.count() > 0 ? d.count() : 0) * (kCyclesPerMs / 1000);
    for (std::uint64_t c = 0; c < cycles; ++c) step(false, 0);
  }

  std::string describe() const override {
    return "sim N=" + std::to_string(n_) + " lanes=" + std::to_string(lanes_);
  }

  std::uint64_t cycles() const { return cycles_; }

 private:
  bool step(bool rx_valid, std::uint8_t rx_data) {
    int tx = -1;
    const bool accepted = model_->cycle(rx_valid, rx_data, tx);
    ++cycles_;
    if (tx >= 0) out_.push_back(std::uint8_t(tx));
    return accepted;
  }

  int n_, lanes_;
  std::unique_ptr<sim::Model> model_;
  std::deque<std::uint8_t> out_;
  std::uint64_t cycles_ = 0;
};

std::string variant_list() {
  std::ostringstream s;
  bool first = true;
  for (const auto& v : sim::variants()) {
    s << (first ? "" : ", ") << "N=" << v.n << " lanes=" << v.lanes;
    if (v.param_sets != v.n) s << " param_sets=" << v.param_sets;
    first = false;
  }
  return s.str();
}

}  // namespace

std::vector<std::pair<int, int>> sim_variants() {
  std::vector<std::pair<int, int>> r;
  for (const auto& v : sim::variants())
    if (v.param_sets == v.n) r.emplace_back(v.n, v.lanes);
  return r;
}

std::unique_ptr<Transport> make_sim_transport(int n_min, int lanes, int param_sets) {
  const sim::Variant* best = nullptr;
  for (const auto& v : sim::variants()) {
    if (v.n < n_min || (lanes != 0 && v.lanes != lanes)) continue;
    if (v.param_sets != (param_sets == 0 ? v.n : param_sets)) continue;
    if (!best || v.n < best->n) best = &v;
  }
  if (!best) {
    throw TransportError("no simulated core with N >= " + std::to_string(n_min) +
                         (lanes ? " and lanes = " + std::to_string(lanes) : std::string()) +
                         (param_sets ? " and param_sets = " + std::to_string(param_sets) : std::string()) +
                         "; compiled variants: " + variant_list());
  }
  return std::make_unique<SimTransport>(*best);
}

std::uint64_t sim_cycles(const Transport& t) {
  const auto* s = dynamic_cast<const SimTransport*>(&t);
  if (!s) throw TransportError("sim_cycles: '" + t.describe() + "' is not a simulated transport");
  return s->cycles();
}

}  // namespace spikecore
