// SPDX-License-Identifier: Apache-2.0
// YAML network files (docs/network-format.md): valid file, round trip, and the exact message of each error.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "spikecore/errors.hpp"
#include "spikecore/yaml_io.hpp"

using namespace spikecore;

namespace {

const std::string DATA = SPIKECORE_TEST_DATA;

std::string error_of(const std::string& yaml) {
  try {
    parse_network(yaml, "t.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

const std::string HEAD =
    "dt: 1.0\n"                 // line 1
    "duration: 20\n"            // line 2
    "populations:\n"            // line 3
    "  - name: in\n"            // line 4
    "    size: 2\n"             // line 5
    "    spike_source: true\n"  // line 6
    "  - name: out\n"           // line 7
    "    size: 3\n";            // line 8

}  // namespace

TEST(YamlIo, LoadsExampleFile) {
  const Network net = load_network(DATA + "/small.yaml");
  EXPECT_DOUBLE_EQ(net.dt, 1.0);
  EXPECT_DOUBLE_EQ(net.duration, 50.0);
  ASSERT_EQ(net.populations.size(), 2u);
  EXPECT_TRUE(net.populations[0].spike_source);
  EXPECT_EQ(net.populations[1].size, 3);
  EXPECT_EQ(net.populations[1].params.v_thresh, (PerNeuron{-55, -55, -54}));
  EXPECT_EQ(net.populations[1].params.cm, (PerNeuron{250}));
  ASSERT_EQ(net.projections.size(), 2u);
  EXPECT_EQ(net.projections[0].weights, (std::vector<double>{2500, 2500, 0, 0, 2500, 2500}));
  EXPECT_EQ(net.projections[0].plastic, (std::vector<std::uint8_t>{1}));
  EXPECT_EQ(net.projections[1].plastic, (std::vector<std::uint8_t>{0}));
  ASSERT_TRUE(net.stdp.has_value());
  EXPECT_DOUBLE_EQ(net.stdp->A_minus, 12.0);
  EXPECT_EQ(net.stdp->pairing, Pairing::AllToAll);
  ASSERT_EQ(net.stimuli.size(), 1u);
  EXPECT_EQ(net.stimuli[0].spike_times[1], (std::vector<double>{5, 15}));
}

TEST(YamlIo, DefaultsArePynnValuesInPicofarad) {
  const Network net = parse_network(HEAD, "t.yaml");
  const NeuronParams& p = net.populations[1].params;
  EXPECT_EQ(p.tau_m, PerNeuron{20});
  EXPECT_EQ(p.cm, PerNeuron{1000});   // PyNN 1 nF
  EXPECT_EQ(p.tau_refrac, PerNeuron{0.1});
  EXPECT_FALSE(net.stdp.has_value());
}

TEST(YamlIo, RoundTripsThroughTextAndFile) {
  Network net = load_network(DATA + "/small.yaml");
  net.w_lsb = 0.1;
  net.populations[1].params.tau_m = {10.1, 1.0 / 3, 7};
  net.projections[1].plastic = {0, 1, 0, 0, 0, 0, 1, 0, 0};
  net.stdp->pairing = Pairing::Nearest;
  EXPECT_EQ(parse_network(dump_network(net)), net);
  const std::string path = ::testing::TempDir() + "/spikecore_roundtrip.yaml";
  save_network(net, path);
  EXPECT_EQ(load_network(path), net);
  std::remove(path.c_str());
}

TEST(YamlIo, UnknownKeyIsAnError) {
  EXPECT_EQ(error_of(HEAD + "durration: 5\n"),
            "t.yaml:9: durration = 5: unknown key; expected one of: dt, w_lsb, duration, populations, projections, "
            "stdp, stimulus");
  EXPECT_EQ(error_of(HEAD + "    params: {tau_m: 5, taum: 3}\n"),
            "t.yaml:9: populations[1].params.taum = 3: unknown key; expected one of: tau_m, cm, v_rest, v_reset, "
            "v_thresh, tau_refrac, tau_syn_E, tau_syn_I, i_offset");
}

TEST(YamlIo, RangeErrorsNameLineFieldValueAndRange) {
  EXPECT_EQ(error_of(HEAD + "    params:\n      tau_m: -5\n"),
            "t.yaml:10: populations[1].params.tau_m = -5: expected a number > 0 (ms)");
  EXPECT_EQ(error_of(HEAD + "    params:\n      cm: [250, 0, 250]\n"),
            "t.yaml:10: populations[1].params.cm[1] = 0: expected a number > 0 (pF)");
  EXPECT_EQ(error_of(HEAD + "    params:\n      v_thresh: [-50, -50]\n"),
            "t.yaml:10: populations[1].params.v_thresh = a list of 2 values: expected a single value or a list of 3 "
            "values (one per neuron)");
  EXPECT_EQ(error_of(HEAD + "    params:\n      v_reset: -40\n"),
            "t.yaml:10: populations[1].params.v_reset = -40: expected a value < v_thresh = -50 (mV)");
  EXPECT_EQ(error_of("dt: 0\nduration: 5\npopulations: []\n"), "t.yaml:1: dt = 0: expected a number > 0 (ms)");
  EXPECT_EQ(error_of("dt: 1\nduration: 5\npopulations:\n  - name: a\n    size: 0\n"),
            "t.yaml:5: populations[0].size = 0: expected an integer in 1..65536");
}

TEST(YamlIo, TypeErrorsNameLineFieldAndExpectedType) {
  EXPECT_EQ(error_of(HEAD + "    params:\n      tau_m: fast\n"),
            "t.yaml:10: populations[1].params.tau_m = fast: expected a number");
  EXPECT_EQ(error_of("dt: 1\npopulations: []\n"), "t.yaml:1: duration = missing: expected a run length in ms");
  EXPECT_EQ(error_of(HEAD + "stdp: {tau_plus: 20, tau_minus: 20, A_plus: 1, A_minus: 1, w_min: 0, w_max: 5,\n"
                            "       pairing: nearest-neighbour}\n"),
            "t.yaml:10: stdp.pairing = nearest-neighbour: expected all-to-all or nearest");
  EXPECT_EQ(error_of(HEAD + "    spike_source: maybe\n"), "t.yaml:9: populations[1].spike_source = maybe: expected true or false");
}

TEST(YamlIo, ProjectionShapeAndNamesAreChecked) {
  EXPECT_EQ(error_of(HEAD + "projections:\n  - pre: in\n    post: out\n    weights: [[1, 2, 3]]\n"),
            "t.yaml:12: projections[0].weights = a list of 1 items: expected a single value or 2 rows (pre size) "
            "of 3 values (post size)");
  EXPECT_EQ(error_of(HEAD + "projections:\n  - pre: in\n    post: out\n    weights: [[1, 2, 3], [1, 2]]\n"),
            "t.yaml:12: projections[0].weights[1] = a list of 2 items: expected a row of 3 values (post size)");
  EXPECT_EQ(error_of(HEAD + "projections:\n  - pre: inn\n    post: out\n    weights: 1\n"),
            "t.yaml:10: projections[0].pre = inn: expected the name of a population");
  EXPECT_EQ(error_of(HEAD + "projections:\n  - pre: in\n    post: out\n    weights: [[1, 2, 3], [1, .nan, 3]]\n"),
            "t.yaml:12: projections[0].weights[4] = nan: expected a finite number (pA)");
}

TEST(YamlIo, StimulusTimesAreChecked) {
  EXPECT_EQ(error_of(HEAD + "stimulus:\n  - population: in\n    spike_times: [[1, 25], []]\n"),
            "t.yaml:11: stimulus[0].spike_times[0][1] = 25: expected a time in [0, duration) = [0, 20) ms on the "
            "dt grid");
  EXPECT_EQ(error_of(HEAD + "stimulus:\n  - population: in\n    spike_times: [[1]]\n"),
            "t.yaml:11: stimulus[0].spike_times = a list of 1 lists: expected one list of times per neuron (2)");
}

TEST(YamlIo, FileAndSyntaxErrors) {
  try {
    load_network(DATA + "/does_not_exist.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), DATA + "/does_not_exist.yaml: cannot open");
  }
  EXPECT_EQ(error_of("dt: 1\npopulations: [\n"), "t.yaml:3: YAML syntax error: end of sequence flow not found");
}
