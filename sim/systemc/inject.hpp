// SPDX-License-Identifier: Apache-2.0
// Test-only divergence: in the spikecore-cosim-inject build (SPIKECORE_COSIM_INJECT_BUILD), the environment
// variable SPIKECORE_COSIM_INJECT="STEP,NEURON" makes the golden reference flip the LSB of NEURON's V after
// STEP, so tests can check that the scoreboard reports exactly that timestep and neuron. The production binary
// never reads the variable.
#pragma once

#include <cstdint>
#include <optional>

namespace spikecore::cosim {

struct Injection {
  std::uint32_t step = 0;
  int neuron = 0;
};

/// The injection requested for this run, if the build allows one. Throws ConfigError for a malformed value.
std::optional<Injection> test_injection();

}  // namespace spikecore::cosim
