// SPDX-License-Identifier: Apache-2.0
// Scoreboard: takes one RTL and one golden Snapshot per timestep and compares spikes, V, I_ex, I_in, r, x, y of
// every neuron (neuron-major, in that order) and every weight word the RTL side read back. The first difference
// ends the simulation (sc_stop) and is kept as a Mismatch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <systemc>

#include "snapshot.hpp"

namespace spikecore::cosim {

struct Mismatch {
  std::uint32_t step = 0;
  int neuron = 0;            ///< for a weight: the presynaptic neuron
  std::string field;         ///< "spike", "V", ..., or "w[pre][post]"
  std::int64_t rtl = 0, golden = 0;
  int more = 0;              ///< further differences at the same step
  [[nodiscard]] std::string describe() const;
};

/// Pure comparison (also used by tests); n = neuron count of both snapshots.
std::optional<Mismatch> compare(const Snapshot& rtl, const Snapshot& golden, int n);

class Scoreboard : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Scoreboard);
  Scoreboard(sc_core::sc_module_name name, int n);
  sc_core::sc_fifo_in<Snapshot> rtl_in, golden_in;

  const std::optional<Mismatch>& mismatch() const { return mismatch_; }
  std::uint32_t steps_agreed() const { return agreed_; }
  std::uint64_t values_compared() const { return values_; }
  /// Notified after each compared step.
  const sc_core::sc_event& checked() const { return checked_; }

 private:
  void run();
  int n_;
  std::optional<Mismatch> mismatch_;
  std::uint32_t agreed_ = 0;
  std::uint64_t values_ = 0;
  sc_core::sc_event checked_;
};

}  // namespace spikecore::cosim
