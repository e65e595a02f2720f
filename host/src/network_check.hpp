// SPDX-License-Identifier: Apache-2.0
// Private: the rules a Network must satisfy, shared by validate() and the YAML loader (which adds file:line).
#pragma once

#include <functional>
#include <string>

#include "spikecore/network.hpp"

namespace spikecore::detail {

/// One violated rule: field path (`populations[0].params.tau_m[2]`), offending value as text, allowed range.
struct FieldProblem {
  std::string path, value, expected;
};

/// Formats a double the way it was probably written (shortest round-trip form).
std::string fmt(double v);

/// `PATH = VALUE: expected EXPECTED`, the body of every ConfigError message.
std::string describe(const FieldProblem& p);

/// Calls `fail` for the first violated rule (fail must throw).
void check_network(const Network& net, const std::function<void(const FieldProblem&)>& fail);

}  // namespace spikecore::detail
