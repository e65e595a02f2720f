// SPDX-License-Identifier: Apache-2.0
// Private: the input checks shared by every Backend::run implementation.
#pragma once

#include <string>
#include <vector>

#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"

namespace spikecore::detail {

/// Throws ConfigError unless inputs are in ascending step order, step < steps and neuron < n.
inline void check_inputs(std::uint32_t steps, const std::vector<InputEvent>& in, int n) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string at = "run: inputs[" + std::to_string(i) + "]";
    if (in[i].step >= steps)
      throw ConfigError(at + ".step = " + std::to_string(in[i].step) + ": expected < steps = " + std::to_string(steps));
    if (i > 0 && in[i].step < in[i - 1].step)
      throw ConfigError(at + ".step = " + std::to_string(in[i].step) + ": expected ascending steps (>= " +
                        std::to_string(in[i - 1].step) + ")");
    if (in[i].neuron >= n)
      throw ConfigError(at + ".neuron = " + std::to_string(in[i].neuron) + ": expected 0.." + std::to_string(n - 1));
  }
}

}  // namespace spikecore::detail
