// SPDX-License-Identifier: Apache-2.0
// The digits job (examples/digits) on a reduced set, on the golden model and on the simulated RTL:
// the two must agree bit for bit (every spike, every learned weight), and the learning must work.
#include <gtest/gtest.h>

#include <memory>

#include "dataset.hpp"
#include "job.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/yaml_io.hpp"

namespace spikecore::digits {
namespace {

// 300 class-balanced presentations (30 per digit) and the first 60 test images: about 10 s on the simulated
// RTL. The full run (1270 presentations, 594 tests) reaches 84.5 % with the default seed; this reduced run
// learns from a quarter of the data, and reaches 71.7-76.7 % on these 60 images for seeds 1-3 (75.0 % for
// seed 1). The floor of 60 % (36/60) sits below that spread and six times above chance (10 %): it fails when
// the teacher, the STDP signs or the readout break, not on a lucky or unlucky draw.
constexpr int kTrain = 300, kTest = 60;
constexpr double kFloor = 0.60;

JobResult run_on(const std::string& target) {
  static const Dataset data = load_dataset(SPIKECORE_DIGITS_DIR "/data");
  const Network net = load_network(SPIKECORE_DIGITS_DIR "/digits.yaml");
  Device dev(open_backend(target, net.size()));
  const CompiledNetwork compiled = compile(net, dev.n(), dev.weight_bits(), dev.param_sets());
  JobConfig cfg;
  cfg.n_train = kTrain;
  cfg.n_test = kTest;
  cfg.seed = 1;
  return run_job(dev, compiled, data, cfg);
}

const JobResult& golden() {
  static const JobResult r = run_on("golden");
  return r;
}

TEST(DigitsJob, GoldenLearnsAboveFloor) {
  const JobResult& r = golden();
  ASSERT_EQ(r.tests.size(), std::size_t(kTest));
  EXPECT_GE(r.accuracy(), kFloor) << r.confusion.correct() << " / " << kTest;
  // Templates were learned: the weights moved off their initial 0 in both directions (inhibitory and excitatory).
  const auto [lo, hi] = std::minmax_element(r.weights.begin(), r.weights.end());
  EXPECT_LT(*lo, 0);
  EXPECT_GT(*hi, 0);
}

TEST(DigitsJob, SharedParameterSetsMatchOneSetPerNeuron) {
  // 74 neurons, 2 parameter tuples (the silent inputs, the labels): a golden device with 2 parameter sets learns
  // exactly what one with a set per neuron learns; the job freezes and restores the labels' threshold by set.
  const JobResult& g = golden();
  const JobResult p = run_on("golden:p2");
  ASSERT_EQ(p.spikes.size(), g.spikes.size());
  for (std::size_t i = 0; i < g.spikes.size(); ++i)
    ASSERT_TRUE(p.spikes[i] == g.spikes[i]) << "spike " << i;
  EXPECT_EQ(p.weights, g.weights);
  EXPECT_EQ(p.confusion.m, g.confusion.m);
}

#ifdef SPIKECORE_HAVE_SIM
TEST(DigitsJob, SimulatedRtlMatchesGoldenBitForBit) {
  const JobResult& g = golden();
  const JobResult s = run_on("sim");
  ASSERT_EQ(s.input_first, g.input_first);
  ASSERT_EQ(s.label_first, g.label_first);
  ASSERT_EQ(s.spikes.size(), g.spikes.size());
  for (std::size_t i = 0; i < g.spikes.size(); ++i)
    ASSERT_TRUE(s.spikes[i] == g.spikes[i])
        << "spike " << i << ": sim (" << s.spikes[i].phase << "," << s.spikes[i].sample << ", step "
        << s.spikes[i].step << ", neuron " << s.spikes[i].neuron << ") vs golden (step " << g.spikes[i].step
        << ", neuron " << g.spikes[i].neuron << ")";
  EXPECT_EQ(s.weights, g.weights);
  EXPECT_EQ(s.confusion.m, g.confusion.m);
}

TEST(DigitsJob, Ice40ConfigurationMatchesGoldenBitForBit) {
  // The iCE40UP5K bitstream's core (N = 256, one lane, 32 parameter sets; constraints/boards/icebreaker.board),
  // simulated: 74 neurons on 256 with shared sets learn exactly what the golden model learns.
  const JobResult& g = golden();
  const JobResult s = run_on("sim:p32");
  ASSERT_EQ(s.spikes.size(), g.spikes.size());
  for (std::size_t i = 0; i < g.spikes.size(); ++i) ASSERT_TRUE(s.spikes[i] == g.spikes[i]) << "spike " << i;
  EXPECT_EQ(s.weights, g.weights);
  EXPECT_EQ(s.confusion.m, g.confusion.m);
}
#endif

}  // namespace
}  // namespace spikecore::digits
