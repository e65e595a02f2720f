// SPDX-License-Identifier: Apache-2.0
#include "bench.hpp"

#include <chrono>
#include <memory>

#include "spikecore/golden_backend.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/sim_transport.hpp"

namespace spikecore::cosim {

BenchFigure bench_golden(const CompiledNetwork& c, std::uint32_t steps, const std::vector<InputEvent>& inputs) {
  Device d(std::make_unique<GoldenBackend>(c.n));
  d.program(c);
  const auto t0 = std::chrono::steady_clock::now();
  d.run(steps, inputs);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 0};
}

BenchFigure bench_plain_sim(const CompiledNetwork& c, std::uint32_t steps, const std::vector<InputEvent>& inputs) {
  auto t = make_sim_transport(c.n);
  Transport* raw = t.get();
  Device d(std::make_unique<LinkBackend>(std::move(t)));
  if (d.n() != c.n) throw TransportError("no plain simulated core with N = " + std::to_string(c.n));
  d.program(c);
  const std::uint64_t c0 = sim_cycles(*raw);
  const auto t0 = std::chrono::steady_clock::now();
  d.run(steps, inputs);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), sim_cycles(*raw) - c0};
}

}  // namespace spikecore::cosim
