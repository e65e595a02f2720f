// SPDX-License-Identifier: Apache-2.0
// Top-1 decision from the label neurons' spikes of one test presentation, and the confusion matrix.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "dataset.hpp"
#include "spikecore/device.hpp"

namespace spikecore::digits {

struct LabelActivity {
  std::array<int, kClasses> count{};                 ///< spikes per label neuron
  std::array<std::uint32_t, kClasses> first{};       ///< step of the first spike; UINT32_MAX if none
};

/// Counts the spikes of neurons label_first..label_first+9 in `spikes`.
LabelActivity label_activity(const std::vector<SpikeEvent>& spikes, int label_first);

enum class Decision { Unique, TieByFirstSpike, TieByIndex, NoSpike };

/// Tie rule: the label neuron with the most spikes; among equals the one that spiked first; among those the
/// lowest label. No label spike at all gives -1 (no prediction, counted as an error).
int predict(const LabelActivity& a, Decision* how = nullptr);

struct Confusion {
  /// m[true][predicted], predicted column 10 = no prediction.
  std::array<std::array<int, kClasses + 1>, kClasses> m{};
  void add(int truth, int predicted) { ++m[truth][predicted < 0 ? kClasses : predicted]; }
  [[nodiscard]] int total() const;
  [[nodiscard]] int correct() const;
};

}  // namespace spikecore::digits
