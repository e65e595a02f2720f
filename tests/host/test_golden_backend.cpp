// SPDX-License-Identifier: Apache-2.0
// GoldenBackend run semantics (device.hpp) and Device programming, against closed-form LIF results.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/golden_transport.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/yaml_io.hpp"
#include "spk_golden.hpp"

using namespace spikecore;
namespace hls = spikecore::hls;

namespace {
const std::string DATA = SPIKECORE_TEST_DATA;

/// Two populations of 20 LIF neurons with different parameters (2 parameter tuples), random recurrent weights
/// with STDP, a constant drive and forced input spikes: an active network of 40 neurons.
Network two_populations() {
  Network net;
  net.dt = 0.1;
  net.duration = 60;
  Population a{"a", 20, false, {}}, b{"b", 20, false, {}};
  a.params.i_offset = {420};
  b.params.tau_m = {15};
  b.params.tau_syn_E = {3};
  b.params.tau_refrac = {1};
  b.params.v_thresh = {-52};
  b.params.i_offset = {330};
  net.populations = {a, b};
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> w(-900, 1200);
  for (const char* pre : {"a", "b"})
    for (const char* post : {"a", "b"}) {
      Projection p{pre, post, {}, {}};
      for (int i = 0; i < 400; ++i) {
        p.weights.push_back(w(rng));
        p.plastic.push_back(i % 3 == 0);
      }
      net.projections.push_back(p);
    }
  net.stdp = StdpRule{20, 20, 8, 9, -1500, 1500, Pairing::AllToAll};
  Stimulus st{"a", {}};
  for (int i = 0; i < 20; ++i) st.spike_times.push_back({1.0 + i, 30.0 + i});
  net.stimuli = {st};
  return net;
}
}  // namespace

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
  for (const auto& [field, values] : c.fields)
    EXPECT_EQ(dev.backend().read_neuron(field, 0, int(values.size())), values) << field;
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

TEST(GoldenBackend, ParameterFieldsAreAddressedBySet) {
  GoldenBackend b(10, 16, 4);
  EXPECT_EQ(b.caps().param_sets, 4);
  EXPECT_EQ(b.read_neuron(hls::F_PSET, 0, 10), (std::vector<std::uint32_t>{0, 1, 2, 3, 0, 1, 2, 3, 0, 1}));
  b.write_neuron(hls::F_THETA, 0, {11, 12, 13, 14});   // sets 0..3
  EXPECT_EQ(b.read_neuron(hls::F_THETA, 2, 2), (std::vector<std::uint32_t>{13, 14}));
  try {
    b.write_neuron(hls::F_THETA, 3, {1, 2});   // set 4 does not exist
    ADD_FAILURE() << "no error";
  } catch (const LinkError& e) {
    EXPECT_STREQ(e.what(), "WRITE_NEURON: device NAK ARG (code 5): field 14: first + count > P");
    EXPECT_EQ(e.code(), 5);
  }
  EXPECT_THROW(b.read_neuron(hls::F_P22, 4, 1), LinkError);
  b.write_neuron(hls::F_PSET, 6, {0, 9, 3, 70000});   // clamps to P-1 = 3; 70000 & 0xFFFF = 4464
  EXPECT_EQ(b.read_neuron(hls::F_PSET, 6, 4), (std::vector<std::uint32_t>{0, 3, 3, 3}));
  EXPECT_THROW(b.write_neuron(hls::F_PSET, 9, {0, 0}), LinkError);   // neuron field: first + count <= n
  EXPECT_THROW(GoldenBackend(10, 16, 11), ConfigError);
  EXPECT_EQ(GoldenBackend(10).caps().param_sets, 10);
}

TEST(Device, ProgramRefusesMoreParameterSetsThanTheDeviceHas) {
  const Network net = load_network(DATA + "/small.yaml");   // 5 neurons: 2 sources, 2 alike, 1 other
  Device dev(std::make_unique<GoldenBackend>(8, 16, 3));
  EXPECT_EQ(dev.param_sets(), 3);
  const auto wide = compile(net, 8);   // one set per neuron: 8 sets
  ASSERT_EQ(wide.param_sets_used, 8);
  try {
    dev.program(wide);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "program: compiled network uses 8 parameter sets: expected at most the device's "
                           "param_sets = 3 (compile with param_sets = 3)");
  }
  const auto c = compile(net, dev.n(), dev.weight_bits(), dev.param_sets());
  EXPECT_EQ(c.param_sets_used, 3);   // silent (sources, unused neurons), exc 0 and 1, exc 2
  EXPECT_EQ(c.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 0, 1, 1, 2, 0, 0, 0}));
  dev.program(c);
  EXPECT_EQ(dev.backend().read_neuron(hls::F_PSET, 0, 8), c.fields.at(hls::F_PSET));
  EXPECT_EQ(dev.backend().read_neuron(hls::F_THETA, 0, 3), c.fields.at(hls::F_THETA));
  EXPECT_EQ(c.fields.at(hls::F_THETA), (std::vector<std::uint32_t>{0x7FFFFFFFu, 15u << 16, 16u << 16}));
  // Same spikes as on a device with one set per neuron.
  Device ref(std::make_unique<GoldenBackend>(8));
  ref.program(wide);
  EXPECT_EQ(dev.run(c.steps, c.inputs), ref.run(wide.steps, wide.inputs));
}

TEST(Device, SharedParameterSetsGiveTheSameSpikesAndVAsOneSetPerNeuron) {
  // Two populations of 20: P = n = 40 (one set per neuron, the image of a device without shared sets) against
  // P = 2 (one set per population), directly and through the protocol: the same spikes and V after every step.
  const Network net = two_populations();
  const auto own = compile(net, 40);
  const auto shared = compile(net, 40, 16, 2);
  ASSERT_EQ(own.param_sets_used, 40);
  ASSERT_EQ(shared.param_sets_used, 2);
  GoldenLinkConfig cfg;
  cfg.n = 40;
  cfg.param_sets = 2;
  Device a(std::make_unique<GoldenBackend>(40)), b(std::make_unique<GoldenBackend>(40, 16, 2)),
      l(std::make_unique<LinkBackend>(std::make_unique<GoldenTransport>(cfg)));
  ASSERT_EQ(l.param_sets(), 2);
  a.program(own);
  b.program(shared);
  l.program(compile(net, l.n(), l.weight_bits(), l.param_sets()));
  std::size_t next = 0, spikes = 0;
  for (std::uint32_t t = 0; t < own.steps; ++t) {
    std::vector<InputEvent> in;
    for (; next < own.inputs.size() && own.inputs[next].step == t; ++next) in.push_back({0, own.inputs[next].neuron});
    const auto sa = a.run(1, in), sb = b.run(1, in), sl = l.run(1, in);
    ASSERT_EQ(sa, sb) << "step " << t;
    ASSERT_EQ(sa, sl) << "step " << t;
    ASSERT_EQ(a.read_v_mV(), b.read_v_mV()) << "step " << t;
    ASSERT_EQ(a.read_v_mV(), l.read_v_mV()) << "step " << t;
    spikes += sa.size();
  }
  EXPECT_GT(spikes, own.inputs.size() + 200);   // the network fires on its own
  EXPECT_EQ(a.read_weight_matrix(), b.read_weight_matrix());
  EXPECT_EQ(a.read_weight_matrix(), l.read_weight_matrix());
}
