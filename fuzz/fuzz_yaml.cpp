// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the network YAML loader (parse_network, docs/network-format.md) on arbitrary text.
// Contract checked: bad input raises ConfigError and nothing else (no other exception, crash, UB or hang);
// a network that loads survives dump_network -> parse_network unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "spikecore/errors.hpp"
#include "spikecore/yaml_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  spikecore::Network net;
  try {
    net = spikecore::parse_network(text, "fuzz.yaml");
  } catch (const spikecore::ConfigError&) {
    return 0;   // the documented outcome for bad input
  }
  // Anything else thrown escapes to libFuzzer, which reports it as a crash.
  const spikecore::Network back = spikecore::parse_network(spikecore::dump_network(net), "dump.yaml");
  if (!(back == net)) std::abort();
  return 0;
}
