// SPDX-License-Identifier: Apache-2.0
#include "readout.hpp"

#include <limits>

namespace spikecore::digits {

LabelActivity label_activity(const std::vector<SpikeEvent>& spikes, int label_first) {
  LabelActivity a;
  a.first.fill(std::numeric_limits<std::uint32_t>::max());
  for (const auto& s : spikes) {
    const int k = int(s.neuron) - label_first;
    if (k < 0 || k >= kClasses) continue;
    ++a.count[k];
    if (s.step < a.first[k]) a.first[k] = s.step;
  }
  return a;
}

int predict(const LabelActivity& a, Decision* how) {
  int best = -1, n_max = 0;
  for (int k = 0; k < kClasses; ++k)
    if (a.count[k] > 0 && (best < 0 || a.count[k] > a.count[best])) best = k;
  if (best < 0) {
    if (how) *how = Decision::NoSpike;
    return -1;
  }
  for (int k = 0; k < kClasses; ++k) n_max += a.count[k] == a.count[best];
  if (n_max == 1) {
    if (how) *how = Decision::Unique;
    return best;
  }
  int n_first = 0;
  for (int k = 0; k < kClasses; ++k)
    if (a.count[k] == a.count[best] && a.first[k] < a.first[best]) best = k;   // keeps the lowest on equal steps
  for (int k = 0; k < kClasses; ++k) n_first += a.count[k] == a.count[best] && a.first[k] == a.first[best];
  if (how) *how = n_first == 1 ? Decision::TieByFirstSpike : Decision::TieByIndex;
  return best;
}

int Confusion::total() const {
  int n = 0;
  for (const auto& row : m)
    for (int v : row) n += v;
  return n;
}

int Confusion::correct() const {
  int n = 0;
  for (int k = 0; k < kClasses; ++k) n += m[k][k];
  return n;
}

}  // namespace spikecore::digits
