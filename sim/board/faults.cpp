// SPDX-License-Identifier: Apache-2.0
#include "faults.hpp"

#include <cmath>
#include <sstream>

namespace spikecore::board {

std::string FaultCounts::str() const {
  std::ostringstream s;
  s << "bytes=" << bytes << " flipped_bits=" << bits_flipped << " dropped=" << dropped << " inserted=" << inserted
    << " low_bursts=" << low_bursts;
  return s.str();
}

std::uint16_t Faults::flip_mask() {
  if (cfg_.ber <= 0.0) return 0;
  std::uint16_t m = 0;
  for (int i = 0; i < 10; ++i)
    if (u_(rng_) < cfg_.ber) m |= std::uint16_t(1u << i);
  return m;
}

}  // namespace spikecore::board
