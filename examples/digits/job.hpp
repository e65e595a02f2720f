// SPDX-License-Identifier: Apache-2.0
// The digits job on one Device: learn input->label templates with on-chip STDP, freeze, test.
// Network: digits.yaml (populations "input" = 64 spike sources, "label" = 10 LIF neurons, plastic input->label).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "dataset.hpp"
#include "encoding.hpp"
#include "readout.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"

namespace spikecore::digits {

struct JobConfig {
  TeacherTiming train;               ///< training presentation (steps, spike probability at grey 16)
  std::uint32_t test_steps = 32;     ///< test presentation length, steps
  double test_p_max = 0.5;           ///< test spike probability per step at grey 16
  Code test_code = Code::Bernoulli;
  int n_train = -1;                  ///< presentations; -1 = full_schedule_length()
  int n_test = -1;                   ///< first test images; -1 = all
  std::uint64_t seed = 1;            ///< encoding seed (SampleRng)
  std::function<void(int done, int total)> on_train_progress;   ///< after each presentation (may be empty)
  std::function<void(int done, int total)> on_test_progress;
};

/// A spike with its context. phase 0 = training, 1 = test; `neuron` is the device neuron index.
struct SpikeRecord {
  int phase = 0, sample = 0, image = 0;
  std::uint32_t step = 0;
  std::uint16_t neuron = 0;
  bool operator==(const SpikeRecord& o) const {
    return phase == o.phase && sample == o.sample && image == o.image && step == o.step && neuron == o.neuron;
  }
};

struct TestOutcome {
  int image = 0, label = 0, predicted = -1;
  Decision how = Decision::NoSpike;
  LabelActivity activity;
};

struct JobResult {
  int input_first = 0, label_first = 0;
  double w_lsb = 1;                                 ///< pA per raw weight
  std::vector<int> weights;                         ///< raw, [pixel * 10 + class] (input -> label), after training
  std::vector<SpikeRecord> spikes;                  ///< every spike of every presentation (forced ones too)
  std::vector<TestOutcome> tests;
  Confusion confusion;
  double seconds_program = 0, seconds_train = 0, seconds_test = 0;   ///< wall time
  [[nodiscard]] double accuracy() const;
};

/// Programs `net` on `dev` and runs the job. The label neurons are silenced during training by writing their
/// theta field to 2^31-1 (they spike only when forced) and restored from `net` for the test; STDP is on for
/// training, off for testing. Errors of the device (LinkError, TransportError) propagate.
JobResult run_job(Device& dev, const CompiledNetwork& net, const Dataset& data, const JobConfig& cfg);

}  // namespace spikecore::digits
