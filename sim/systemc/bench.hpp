// SPDX-License-Identifier: Apache-2.0
// --bench reference figures for the same compiled network and stimulus: the golden model alone and the
// Verilated core in the plain C++ harness (SimTransport, spikecore_sim), each one run of all steps.
#pragma once

#include <cstdint>
#include <vector>

#include "spikecore/compiler.hpp"

namespace spikecore::cosim {

struct BenchFigure {
  double seconds = 0;
  std::uint64_t cycles = 0;   ///< simulated core cycles (0 for the golden model)
};

BenchFigure bench_golden(const CompiledNetwork& c, std::uint32_t steps, const std::vector<InputEvent>& inputs);
/// Uses the spikecore_sim variant with N == c.n; throws TransportError if there is none.
BenchFigure bench_plain_sim(const CompiledNetwork& c, std::uint32_t steps, const std::vector<InputEvent>& inputs);

}  // namespace spikecore::cosim
