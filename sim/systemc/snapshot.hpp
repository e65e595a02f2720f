// SPDX-License-Identifier: Apache-2.0
// State of one core after one timestep, as the scoreboard compares it (raw words, docs/model.md §2.1).
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "spikecore/device.hpp"

namespace spikecore::cosim {

/// Dynamic state fields compared every step, in report order: V, I_ex, I_in, r, x, y (hls::Field 0..5).
constexpr int kStateFields = 6;
inline const char* state_field_name(int f) {
  static const char* names[kStateFields] = {"V", "I_ex", "I_in", "r", "x", "y"};
  return names[f];
}

struct Snapshot {
  std::uint32_t step = 0;                 ///< timestep (0-based, from the start of the co-simulation)
  std::vector<std::uint8_t> spiked;       ///< n entries, 0/1
  std::array<std::vector<std::uint32_t>, kStateFields> fields;   ///< n raw words each (sign-extended)
  /// RTL side: the weight words read back, (address pre*n + post, word). Golden side: empty.
  std::vector<std::pair<std::uint32_t, std::uint16_t>> weights;
  /// Golden side: the whole n*n weight memory. RTL side: empty.
  std::vector<std::uint16_t> all_weights;
};

inline bool operator==(const Snapshot& a, const Snapshot& b) {
  return a.step == b.step && a.spiked == b.spiked && a.fields == b.fields && a.weights == b.weights &&
         a.all_weights == b.all_weights;
}
// sc_fifo<T> needs operator<< for its print(); a summary is enough.
inline std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  return os << "Snapshot{step " << s.step << "}";
}

/// Requests from the driver to the golden reference: run one step with these forced spikes (step offset 0).
struct StepRequest {
  std::uint32_t step = 0;
  std::vector<InputEvent> inputs;
};
inline bool operator==(const StepRequest& a, const StepRequest& b) { return a.step == b.step && a.inputs == b.inputs; }
inline std::ostream& operator<<(std::ostream& os, const StepRequest& r) { return os << "StepRequest{" << r.step << "}"; }

}  // namespace spikecore::cosim
