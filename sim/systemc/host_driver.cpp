// SPDX-License-Identifier: Apache-2.0
#include "host_driver.hpp"

#include <chrono>
#include <memory>

#include "channel_transport.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/link_backend.hpp"

namespace spikecore::cosim {
namespace {
// Approximate wire cost of one READ_WEIGHTS transaction besides its payload (two frames, header, CRC, flags).
constexpr std::size_t kFrameOverhead = 32;
constexpr int kResetCycles = 16;
}  // namespace

HostDriver::HostDriver(sc_core::sc_module_name name, ByteChannel& ch, const CompiledNetwork& c,
                       std::vector<InputEvent> inputs, std::uint32_t steps, GoldenRef& golden, Scoreboard& sb)
    : sc_core::sc_module(name), ch_(ch), c_(c), inputs_(std::move(inputs)), steps_(steps), golden_(golden), sb_(sb) {
  SC_THREAD(main);
}

void HostDriver::check_programmed(Device& rtl) {
  const int n = c_.n;
  auto fail = [&](const std::string& what, long long wrote, long long read) {
    res_.readback_mismatch = true;
    throw LinkError("programming read-back: " + what + ": wrote " + std::to_string(wrote) + ", read " +
                    std::to_string(read));
  };
  const auto w = rtl.backend().read_weights(0, std::uint32_t(n) * std::uint32_t(n));
  for (std::size_t a = 0; a < w.size(); ++a)
    if (w[a] != c_.weights.at(a))
      fail("w[" + std::to_string(a / std::size_t(n)) + "][" + std::to_string(a % std::size_t(n)) + "]", c_.weights[a], w[a]);
  res_.readback_weights = w.size();
  for (const auto& [field, words] : c_.fields) {
    // n neurons, or S parameter sets for fields 8..16 (model.md §2.2)
    const int count = int(words.size());
    const auto got = rtl.backend().read_neuron(field, 0, count);
    const auto want = golden_.device().backend().read_neuron(field, 0, count);   // same truncation/sign rules
    for (int k = 0; k < count; ++k)
      if (got[std::size_t(k)] != want[std::size_t(k)])
        fail("field " + std::to_string(field) + " of neuron " + std::to_string(k), want[std::size_t(k)], got[std::size_t(k)]);
    ++res_.readback_fields;
  }
  for (const auto& [reg, value] : c_.registers) {
    const auto got = rtl.backend().read_regs(reg, 1).at(0);
    const auto want = golden_.device().backend().read_regs(reg, 1).at(0);
    if (got != want) fail("register " + std::to_string(reg), want, got);
    ++res_.readback_regs;
  }
}

void HostDriver::read_weights(Device& rtl, const std::vector<int>& spiked, bool all, Snapshot& s) {
  const int n = c_.n, used = c_.n_used;
  if (used == 0) return;
  // A column costs `used` one-word transactions; the whole used matrix `used` row transactions.
  const std::size_t row_cost = std::size_t(used) * 2 + kFrameOverhead;
  const std::size_t col_cost = std::size_t(used) * (2 + kFrameOverhead);
  const std::size_t touched_cost = spiked.size() * (row_cost + col_cost);
  const std::size_t full_cost = std::size_t(used) * row_cost;
  auto row = [&](int pre) {
    const std::uint32_t base = std::uint32_t(pre) * std::uint32_t(n);
    const auto w = rtl.backend().read_weights(base, std::uint32_t(used));
    for (int k = 0; k < used; ++k) s.weights.emplace_back(base + std::uint32_t(k), w[std::size_t(k)]);
  };
  if (all || touched_cost >= full_cost) {
    for (int pre = 0; pre < used; ++pre) row(pre);
    return;
  }
  for (int k : spiked) {
    row(k);
    for (int pre = 0; pre < used; ++pre) {
      if (pre == k) continue;
      const std::uint32_t a = std::uint32_t(pre) * std::uint32_t(n) + std::uint32_t(k);
      s.weights.emplace_back(a, rtl.backend().read_weights(a, 1).at(0));
    }
  }
}

void HostDriver::main() {
  using clock = std::chrono::steady_clock;
  try {
    sc_core::wait(ch_.period() * double(kResetCycles + 4));
    const std::uint64_t c0 = ch_.cycles;
    Device rtl(std::make_unique<LinkBackend>(std::make_unique<ChannelTransport>(ch_)));
    if (rtl.n() != c_.n)
      throw ConfigError("core CAPS n = " + std::to_string(rtl.n()) + ": expected the compiled n = " + std::to_string(c_.n));
    rtl.program(c_);
    golden_.program(c_);
    check_programmed(rtl);
    res_.program_cycles = ch_.cycles - c0;

    const auto t0 = clock::now();
    const std::uint64_t c1 = ch_.cycles;
    std::size_t next = 0;
    for (std::uint32_t t = 0; t < steps_; ++t) {
      if (on_trace_start && t == trace_from) on_trace_start();
      StepRequest req;
      req.step = t;
      for (; next < inputs_.size() && inputs_[next].step == t; ++next) req.inputs.push_back({0, inputs_[next].neuron});
      golden_req.write(req);
      Snapshot s;
      s.step = t;
      s.spiked.assign(std::size_t(c_.n), 0);
      std::vector<int> spiked;
      for (const auto& e : rtl.run(1, req.inputs)) {
        s.spiked.at(e.neuron) = 1;
        ++res_.spikes;
        if (e.neuron < c_.n_used) spiked.push_back(e.neuron);
      }
      read_state(rtl.backend(), c_.n, s);
      read_weights(rtl, spiked, t + 1 == steps_, s);
      rtl_out.write(s);
    }
    while (sb_.steps_agreed() < steps_ && !sb_.mismatch()) sc_core::wait(sb_.checked());
    res_.cosim_seconds = std::chrono::duration<double>(clock::now() - t0).count();
    res_.cosim_cycles = ch_.cycles - c1;
    res_.finished = true;

    if (bench && !sb_.mismatch()) {   // the same run as one RUN command, no per-step read-back
      rtl.program(c_);
      const std::uint64_t c2 = ch_.cycles;
      const auto t1 = clock::now();
      std::vector<InputEvent> in(inputs_.begin(), inputs_.end());
      rtl.run(steps_, in);
      res_.run_seconds = std::chrono::duration<double>(clock::now() - t1).count();
      res_.run_cycles = ch_.cycles - c2;
    }
  } catch (const std::exception& e) {
    res_.error = e.what();
  }
  sc_core::sc_stop();
}

}  // namespace spikecore::cosim
