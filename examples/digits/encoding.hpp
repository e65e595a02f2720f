// SPDX-License-Identifier: Apache-2.0
// Spike encoding of one digit and the forced-spike pattern of the teacher (see README.md "Scheme").
#pragma once

#include <cstdint>
#include <vector>

#include "dataset.hpp"
#include "spikecore/device.hpp"

namespace spikecore::digits {

/// Counter-based PRNG (SplitMix64, Steele et al. 2014): the stream of presentation `index` in phase `phase`
/// depends only on (seed, phase, index), so a reduced run sees exactly the spikes of the full run's first samples.
class SampleRng {
 public:
  SampleRng(std::uint64_t seed, std::uint32_t phase, std::uint64_t index);
  std::uint64_t next();
 private:
  std::uint64_t s_;
};

/// How a grey level becomes spikes; both have the rate r = p_max * grey / 16 spikes per step.
/// Bernoulli: each step, each pixel spikes with probability r (one SampleRng draw per step and pixel), so a
///   pixel's count is binomial. Regular: each pixel spikes at a fixed rate r from a random phase (one draw
///   per pixel), so its count over T steps is floor(T*r) or ceil(T*r) with mean T*r: the same rate without
///   the counting noise. Both compare 24-bit integers, so the code is exact on every machine.
enum class Code { Bernoulli, Regular };

/// Spikes of digit `d` in `steps` steps starting at `first_step`, appended to `out` as events for neurons
/// input_first + j, ascending (step, neuron).
void encode_pixels(const Digit& d, Code code, double p_max, std::uint32_t first_step, std::uint32_t steps,
                   int input_first, SampleRng& rng, std::vector<InputEvent>& out);

struct TeacherTiming {
  std::uint32_t steps = 12;   ///< presentation length; inputs at steps 1..steps-2
  double p_max = 0.3;         ///< input spike probability per step at grey level 16
  Code code = Code::Regular;   ///< the template is an average over presentations: counting noise only blurs it
};

/// One training presentation: the 9 wrong label neurons forced at step 0 (post before every pre: depression
/// proportional to each pixel's spike count), the pixels at steps 1..steps-2, the correct label neuron forced
/// at the last step (pre before post: potentiation proportional to the count). Ascending (step, neuron).
std::vector<InputEvent> training_events(const Digit& d, const TeacherTiming& t, int input_first, int label_first,
                                        SampleRng& rng);

/// Class-balanced presentation order: round-robin over the classes 0..9, taking the next training image of
/// that class (cycling through the class when it runs out). Presentation i shows class i % 10, so the learned
/// templates are not scaled by the class frequencies. Returns `count` indices into Dataset::images.
std::vector<int> balanced_schedule(const Dataset& d, int count);

/// Presentations needed to show every training image at least once: 10 * (size of the largest class).
int full_schedule_length(const Dataset& d);

}  // namespace spikecore::digits
