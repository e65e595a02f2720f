// SPDX-License-Identifier: Apache-2.0
#include "job.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include "spk_golden.hpp"
#include "spikecore/units.hpp"

namespace spikecore::digits {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

constexpr std::uint32_t kPhaseTrain = 1, kPhaseTest = 2;   // SampleRng streams

void record(std::vector<SpikeRecord>& out, int phase, int sample, int image, const std::vector<SpikeEvent>& s) {
  for (const auto& e : s) out.push_back({phase, sample, image, e.step, e.neuron});
}

}  // namespace

double JobResult::accuracy() const {
  const int n = confusion.total();
  return n ? double(confusion.correct()) / n : 0.0;
}

JobResult run_job(Device& dev, const CompiledNetwork& net, const Dataset& data, const JobConfig& cfg) {
  const PopulationSlice in = net.slice("input"), lab = net.slice("label");
  if (in.size != kPixels || lab.size != kClasses)
    throw std::invalid_argument("digits network needs populations input (64) and label (10)");
  JobResult r;
  r.input_first = in.first;
  r.label_first = lab.first;
  r.w_lsb = net.w_lsb;

  auto t0 = Clock::now();
  dev.program(net);
  // Label neurons spike only when forced while learning: their threshold, a field of their parameter sets
  // (model.md §2.2), is out of reach until the test phase. No other neuron may share those sets.
  std::vector<int> lab_sets;
  for (int k = lab.first; k < lab.first + lab.size; ++k)
    if (std::find(lab_sets.begin(), lab_sets.end(), net.pset(k)) == lab_sets.end()) lab_sets.push_back(net.pset(k));
  for (int k = 0; k < net.n; ++k)
    if ((k < lab.first || k >= lab.first + lab.size) &&
        std::find(lab_sets.begin(), lab_sets.end(), net.pset(k)) != lab_sets.end())
      throw std::invalid_argument("digits network: neuron " + std::to_string(k) +
                                  " shares a parameter set with the label neurons");
  const auto set_label_theta = [&](bool frozen) {
    for (int s : lab_sets)
      dev.backend().write_neuron(hls::F_THETA, s, {frozen ? 0x7FFFFFFFu : net.fields.at(hls::F_THETA).at(std::size_t(s))});
  };
  set_label_theta(true);
  dev.set_plasticity(true);
  r.seconds_program = since(t0);

  t0 = Clock::now();
  const int n_train = cfg.n_train < 0 ? full_schedule_length(data) : cfg.n_train;
  const std::vector<int> order = balanced_schedule(data, n_train);
  for (int i = 0; i < n_train; ++i) {
    const Digit& d = data.images[order[i]];
    SampleRng rng(cfg.seed, kPhaseTrain, i);
    dev.reset_state();
    record(r.spikes, 0, i, order[i], dev.run(cfg.train.steps, training_events(d, cfg.train, in.first, lab.first, rng)));
    if (cfg.on_train_progress) cfg.on_train_progress(i + 1, n_train);
  }
  r.seconds_train = since(t0);

  t0 = Clock::now();
  dev.set_plasticity(false);
  set_label_theta(false);
  const int n_test = cfg.n_test < 0 ? int(data.test.size()) : std::min<int>(cfg.n_test, int(data.test.size()));
  for (int i = 0; i < n_test; ++i) {
    const int image = data.test[i];
    const Digit& d = data.images[image];
    SampleRng rng(cfg.seed, kPhaseTest, i);
    std::vector<InputEvent> ev;
    encode_pixels(d, cfg.test_code, cfg.test_p_max, 0, cfg.test_steps, in.first, rng, ev);
    dev.reset_state();
    const auto spikes = dev.run(cfg.test_steps, ev);
    record(r.spikes, 1, i, image, spikes);
    TestOutcome o;
    o.image = image;
    o.label = d.label;
    o.activity = label_activity(spikes, lab.first);
    o.predicted = predict(o.activity, &o.how);
    r.confusion.add(o.label, o.predicted);
    r.tests.push_back(o);
    if (cfg.on_test_progress) cfg.on_test_progress(i + 1, n_test);
  }
  r.seconds_test = since(t0);

  // Input -> label rows are contiguous in the weight memory (addr = pre*n + post).
  for (int j = 0; j < kPixels; ++j) {
    const auto words = dev.backend().read_weights(std::uint32_t(in.first + j) * net.n + lab.first, kClasses);
    for (auto w : words) r.weights.push_back(weight_raw(w));
  }
  return r;
}

}  // namespace spikecore::digits
