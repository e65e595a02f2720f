// SPDX-License-Identifier: Apache-2.0
// GoldenBackend run semantics (device.hpp) and Device programming, against closed-form LIF results.
#include <gtest/gtest.h>

#include <cmath>

#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/yaml_io.hpp"
#include "spk_golden.hpp"

using namespace spikecore;
namespace hls = spikecore::hls;

namespace {
const std::string DATA = SPIKECORE_TEST_DATA;
}

TEST(GoldenBackend, ForcedInputsSpikeAtTheirStep) {
  GoldenBackend b(4);
  b.write_neuron(hls::F_THETA, 0, std::vector<std::uint32_t>(4, 0x7FFFFFFF));   // silent: only forced spikes
  const std::vector<InputEvent> in = {{0, 3}, {3, 1}, {3, 2}, {7, 0}};
  EXPECT_EQ(b.run(10, in), in);
  EXPECT_EQ(b.counters().timesteps, 10u);
  EXPECT_EQ(b.counters().spikes, 4u);
}

TEST(GoldenBackend, RejectsBadInputs) {
  GoldenBackend b(4);
  try {
    b.run(10, {{2, 0}, {1, 0}});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "run: inputs[1].step = 1: expected ascending steps (>= 2)");
  }
  EXPECT_THROW(b.run(10, {{10, 0}}), ConfigError);
  EXPECT_THROW(b.run(10, {{1, 4}}), ConfigError);
  EXPECT_THROW(b.read_neuron(7, 0, 1), LinkError);   // field 7 does not exist
}

TEST(GoldenBackend, ConstantCurrentFiresAtClosedFormTimes) {
  // V(t) = R I (1 - e^{-t/tau_m}) with R I = 500 pA * 10 ms / 250 pF = 20 mV, threshold 15 mV above rest:
  // V after k integrating steps = 20 (1 - e^{-k/10}) >= 15  <=>  k >= 10 ln 4 = 13.86, so k = 14: spike at step 13.
  // After the spike 2 refractory steps (14, 15), then again 14 steps: spikes at 13, 29, 45.
  Network net;
  net.duration = 50;
  Population p{"p", 1, false, {}};
  p.params.tau_m = {10};
  p.params.cm = {250};
  p.params.v_rest = {-70};
  p.params.v_reset = {-70};
  p.params.v_thresh = {-55};
  p.params.tau_refrac = {2};
  p.params.i_offset = {500};
  net.populations = {p};
  Device dev(std::make_unique<GoldenBackend>(4));
  const auto c = compile(net, dev.n());
  dev.program(c);
  const auto s = dev.run(c.steps);
  EXPECT_EQ(s, (std::vector<SpikeEvent>{{13, 0}, {29, 0}, {45, 0}}));
  // After step 49: 4 integrating steps since the reset at 45 (46, 47 refractory; 48, 49 integrate): 2 steps.
  const double v = dev.read_v_mV()[0];
  EXPECT_NEAR(v, -70 + 20 * (1 - std::exp(-0.2)), 1e-3);
}

TEST(GoldenBackend, SplitRunGivesIdenticalSpikesAndWeights) {
  const Network net = load_network(DATA + "/small.yaml");
  Device one(std::make_unique<GoldenBackend>(8)), two(std::make_unique<GoldenBackend>(8));
  const auto c = compile(net, 8);
  one.program(c);
  two.program(c);
  const auto whole = one.run(c.steps, c.inputs);
  ASSERT_GT(whole.size(), c.inputs.size());   // the network itself fires, not only the forced sources
  std::vector<InputEvent> a, b;
  for (const auto& e : c.inputs) (e.step < 17 ? a : b).push_back(e.step < 17 ? e : InputEvent{e.step - 17, e.neuron});
  auto first = two.run(17, a);
  const auto second = two.run(c.steps - 17, b);
  for (const auto& e : second) first.push_back({e.step + 17, e.neuron});
  EXPECT_EQ(first, whole);
  EXPECT_EQ(one.read_weight_matrix(), two.read_weight_matrix());
}

TEST(Device, ProgramLoadsEveryFieldAndPlasticityToggles) {
  const Network net = load_network(DATA + "/small.yaml");
  Device dev(std::make_unique<GoldenBackend>(8));
  const auto c = compile(net, 8);
  dev.program(c);
  for (const auto& [field, values] : c.fields) EXPECT_EQ(dev.backend().read_neuron(field, 0, 8), values) << field;
  EXPECT_EQ(dev.backend().read_weights(0, 64), c.weights);
  EXPECT_EQ(dev.backend().read_regs(0, 1)[0], 1u);   // STDP on, all-to-all
  dev.set_plasticity(false);
  EXPECT_EQ(dev.backend().read_regs(0, 1)[0], 0u);
  const auto w = dev.read_weights_pA();
  ASSERT_EQ(w.size(), 25u);
  EXPECT_NEAR(w[0 * 5 + 2], 2500, c.w_lsb / 2);   // input 0 -> exc 0
  EXPECT_NEAR(w[2 * 5 + 3], -300, c.w_lsb / 2);   // exc 0 -> exc 1
  // With plasticity off, a run leaves every weight as programmed.
  dev.run(c.steps, c.inputs);
  EXPECT_EQ(dev.backend().read_weights(0, 64), c.weights);
  EXPECT_THROW(dev.program(compile(net, 16)), ConfigError);
}
