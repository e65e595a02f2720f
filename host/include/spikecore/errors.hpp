// SPDX-License-Identifier: Apache-2.0
// Exceptions of the host library. TransportError (no device, broken stream) lives in transport.hpp.
#pragma once

#include <stdexcept>
#include <string>

namespace spikecore {

/// Invalid network, parameter or YAML input. The message names the place (file:line when known), the field,
/// the offending value and the allowed range, e.g.
/// `net.yaml:7: populations[0].params.tau_m = -5: expected a number > 0 (ms)`.
class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Protocol failure talking to a device: a NAK that retrying cannot fix, retries exhausted, malformed response.
/// The message names the command and the device error code, e.g. `WRITE_NEURON: device NAK ARG (code 5)`.
class LinkError : public std::runtime_error {
 public:
  LinkError(const std::string& what, int code = 0) : std::runtime_error(what), code_(code) {}
  /// NAK code of docs/protocol.md §2, or 0 when the failure was not a NAK (timeout, bad response).
  [[nodiscard]] int code() const { return code_; }
 private:
  int code_;
};

}  // namespace spikecore
