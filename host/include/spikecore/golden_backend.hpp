// SPDX-License-Identifier: Apache-2.0
// Backend that calls the golden model (hls/spk_golden.hpp) directly: no link, no buffer limits.
#pragma once

#include "spikecore/device.hpp"

namespace spikecore {
namespace hls { struct Core; }

/// The C++ golden model behind the Backend interface. Bad field/register ids and out-of-range addresses raise
/// LinkError with the NAK the device would send (ARG), so code written against it behaves the same on a device.
/// caps(): lanes, max_body, in_depth and out_depth are 0, meaning "no limit".
class GoldenBackend : public Backend {
 public:
  /// A core of `n` neurons (1..hls::MAX_N) storing `weight_bits` bits per weight word (9..16, model.md §2.3)
  /// with `param_sets` parameter sets (1..n, model.md §2.2; 0 = n) in its reset state; throws ConfigError
  /// otherwise.
  explicit GoldenBackend(int n, int weight_bits = 16, int param_sets = 0);
  ~GoldenBackend() override;
  GoldenBackend(const GoldenBackend&) = delete;
  GoldenBackend& operator=(const GoldenBackend&) = delete;

  Caps caps() override;
  void write_neuron(int field, int first, const std::vector<std::uint32_t>& values) override;
  std::vector<std::uint32_t> read_neuron(int field, int first, int count) override;
  void write_reg(int reg, std::uint32_t value) override;
  std::vector<std::uint32_t> read_regs(int reg, int count) override;
  void write_weights(std::uint32_t addr, const std::vector<std::uint16_t>& words) override;
  std::vector<std::uint16_t> read_weights(std::uint32_t addr, std::uint32_t count) override;
  /// Steps the model `steps` times; inputs are validated as in LinkBackend (ConfigError when not ascending,
  /// step >= steps or neuron >= n).
  std::vector<SpikeEvent> run(std::uint32_t steps, const std::vector<InputEvent>& inputs) override;
  void reset_state() override;
  Counters counters() override;

 private:
  hls::Core* core_;
  /// Highest address + 1 of `field` in the neuron address space: P for the set fields 8..16, else n.
  int limit(int field) const;
  int n_, weight_bits_, param_sets_;
};

}  // namespace spikecore
