// SPDX-License-Identifier: Apache-2.0
// Compiled into each binary: the production build has no injection; the test build parses the variable.
#include "inject.hpp"

#include <cstdlib>
#include <string>

#include "spikecore/errors.hpp"

namespace spikecore::cosim {

std::optional<Injection> test_injection() {
#ifdef SPIKECORE_COSIM_INJECT_BUILD
  const char* v = std::getenv("SPIKECORE_COSIM_INJECT");
  if (!v || !*v) return std::nullopt;
  const std::string s = v;
  const auto comma = s.find(',');
  char* end = nullptr;
  Injection inj;
  if (comma != std::string::npos) {
    const unsigned long step = std::strtoul(s.c_str(), &end, 10);
    const bool step_ok = end == s.c_str() + comma && comma > 0;
    const long neuron = std::strtol(s.c_str() + comma + 1, &end, 10);
    if (step_ok && *end == '\0' && comma + 1 < s.size() && neuron >= 0 && step <= 0xFFFFFFFFul) {
      inj.step = std::uint32_t(step);
      inj.neuron = int(neuron);
      return inj;
    }
  }
  throw ConfigError("SPIKECORE_COSIM_INJECT = '" + s + "': expected STEP,NEURON (non-negative integers)");
#else
  return std::nullopt;
#endif
}

}  // namespace spikecore::cosim
