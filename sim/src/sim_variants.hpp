// SPDX-License-Identifier: Apache-2.0
// Table of compiled spk_top variants (generated variants.cpp), ascending N.
#pragma once

#include <vector>

#include "sim_model.hpp"

namespace spikecore::sim {

struct Variant {
  int n;
  int lanes;
  int param_sets;   // P (model.md §2.2); N for a core with one set per neuron
  ModelFactory make;
};

const std::vector<Variant>& variants();

}  // namespace spikecore::sim
