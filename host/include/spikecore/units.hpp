// SPDX-License-Identifier: Apache-2.0
// Raw device values -> physical units (docs/model.md §2.1, §2.3). ms, mV, pA.
#pragma once

#include <cstdint>

namespace spikecore {

/// Signed weight of a weight word (bits 14:0, s15) in raw LSBs, -16384..16383.
inline int weight_raw(std::uint16_t word) { return (word & 0x4000) ? int(word & 0x7FFF) - 0x8000 : int(word & 0x7FFF); }
/// Plastic bit (bit 15) of a weight word.
inline bool weight_plastic(std::uint16_t word) { return (word & 0x8000) != 0; }
/// Weight word from a raw weight (-16383..16383) and the plastic bit.
inline std::uint16_t weight_word(int raw, bool plastic) {
  return static_cast<std::uint16_t>((raw & 0x7FFF) | (plastic ? 0x8000 : 0));
}
/// Weight in pA.
inline double weight_pA(std::uint16_t word, double w_lsb) { return weight_raw(word) * w_lsb; }
/// Membrane potential in mV from the raw V field (s32 Q15.16, relative to E_L = v_rest mV).
inline double v_mV(std::uint32_t raw, double v_rest) {
  return static_cast<std::int32_t>(raw) / 65536.0 + v_rest;
}
/// Synaptic current in pA from the raw I_ex / I_in field (s32 Q23.8 in weight LSBs).
inline double i_pA(std::uint32_t raw, double w_lsb) { return static_cast<std::int32_t>(raw) * w_lsb / 256.0; }
/// STDP trace value (1.0 = one recent spike) from the raw x / y field (u16 Q2.14).
inline double trace(std::uint32_t raw) { return (raw & 0xFFFF) / 16384.0; }

}  // namespace spikecore
