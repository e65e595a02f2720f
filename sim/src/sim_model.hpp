// SPDX-License-Identifier: Apache-2.0
// Type-erased handle on one Verilated spk_top variant (each variant is its own --prefix class).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace spikecore::sim {

/// Port-level access to one spk_top instance; one call to cycle() is one rising clock edge.
class Model {
 public:
  virtual ~Model() = default;
  /// Drives rx (valid, data) and tx_ready=1 for one clock cycle.
  /// Returns whether the rx byte was accepted; `tx_byte` gets the byte sent in this cycle (or -1).
  virtual bool cycle(bool rx_valid, std::uint8_t rx_data, int& tx_byte) = 0;
  /// Holds rst_ni low for `cycles` cycles.
  virtual void reset(int cycles) = 0;
  /// Starts an FST trace (only when built with SPIKECORE_SIM_TRACE; otherwise a no-op).
  virtual void trace(const std::string& path) = 0;
};

/// Factory of the variant with these parameters; defined in the generated variant_<n>_<l>.cpp.
using ModelFactory = std::unique_ptr<Model> (*)();

}  // namespace spikecore::sim
