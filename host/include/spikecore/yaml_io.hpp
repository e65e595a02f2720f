// SPDX-License-Identifier: Apache-2.0
// Network <-> YAML (docs/network-format.md) with yaml-cpp.
#pragma once

#include <string>

#include "spikecore/network.hpp"

namespace spikecore {

/// Loads and validates a network file. Every error is a ConfigError
/// `FILE:LINE: FIELD = VALUE: expected RANGE` (LINE 1-based, from the yaml-cpp Mark of the offending node);
/// unknown keys are errors too. Throws ConfigError `FILE: cannot open` for a missing file.
Network load_network(const std::string& path);
/// Same for text in memory; `name` stands in for the file name in messages.
Network parse_network(const std::string& yaml, const std::string& name = "<string>");
/// YAML text that load_network reads back to an equal Network (doubles in shortest round-trip form).
std::string dump_network(const Network& net);
/// Writes dump_network(net) to `path`; throws ConfigError `FILE: cannot write`.
void save_network(const Network& net, const std::string& path);

}  // namespace spikecore
