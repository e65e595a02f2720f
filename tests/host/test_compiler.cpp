// SPDX-License-Identifier: Apache-2.0
// Compiler: raw values against the formulas of docs/model.md §1-2 evaluated here independently.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/units.hpp"
#include "spk_golden.hpp"

using namespace spikecore;
namespace hls = spikecore::hls;

namespace {

constexpr double TWO24 = 16777216.0;

Network one_neuron() {
  Network net;
  net.dt = 1.0;
  net.w_lsb = 0.5;
  net.duration = 10;
  Population src{"src", 1, true, {}};
  Population p{"p", 2, false, {}};
  p.params.tau_m = {10};
  p.params.cm = {250};
  p.params.v_rest = {-70};
  p.params.v_reset = {-70};
  p.params.v_thresh = {-55, -54.5};
  p.params.tau_refrac = {2};
  p.params.tau_syn_E = {2};
  p.params.tau_syn_I = {5};
  p.params.i_offset = {100};
  net.populations = {src, p};
  net.projections = {{"src", "p", {1200, -300}, {1, 0}}};
  return net;
}

/// P21 in the textbook form (model.md §1), independent of the cancellation-free form the library uses.
double p21_textbook(double dt, double tau_m, double cm, double tau_s) {
  return 1.0 / cm * tau_m * tau_s / (tau_m - tau_s) * (std::exp(-dt / tau_m) - std::exp(-dt / tau_s));
}

/// Shortest round-trip text of a double, as error messages print values.
std::string detail_fmt(double v) {
  char buf[32];
  for (int prec = 6; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string error_of(const Network& net, int n) {
  try {
    compile(net, n);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(Compiler, NeuronFieldsMatchModelFormulas) {
  const auto c = compile(one_neuron(), 8);
  ASSERT_EQ(c.n, 8);
  ASSERT_EQ(c.n_used, 3);
  const auto f = [&](int field, int k) { return c.fields.at(field).at(static_cast<std::size_t>(k)); };
  EXPECT_EQ(f(hls::F_P22, 1), std::llround(std::exp(-0.1) * TWO24));
  EXPECT_EQ(f(hls::F_P11EX, 1), std::llround(std::exp(-0.5) * TWO24));
  EXPECT_EQ(f(hls::F_P11IN, 1), std::llround(std::exp(-0.2) * TWO24));
  // C21 = P21 * w_lsb * 2^8, Q6.24. Forms agree to ~1e-16 relative; allow the 1-LSB rounding flip.
  EXPECT_NEAR(double(f(hls::F_C21EX, 2)), std::round(p21_textbook(1, 10, 250, 2) * 0.5 * 256 * TWO24), 1.0);
  EXPECT_NEAR(double(f(hls::F_C21IN, 2)), std::round(p21_textbook(1, 10, 250, 5) * 0.5 * 256 * TWO24), 1.0);
  // drive = P20 * i_offset = tau_m/C_m (1 - e^-dt/tau_m) * 100 pA, Q11.20.
  EXPECT_NEAR(double(f(hls::F_DRIVE, 1)), std::round(10.0 / 250 * (1 - std::exp(-0.1)) * 100 * 1048576), 1.0);
  EXPECT_EQ(f(hls::F_THETA, 1), 15u * 65536u);
  EXPECT_EQ(f(hls::F_THETA, 2), 15u * 65536u + 32768u);   // per-neuron value
  EXPECT_EQ(f(hls::F_VRESET, 1), 0u);
  EXPECT_EQ(f(hls::F_NREF, 1), 2u);
  EXPECT_DOUBLE_EQ(c.v_rest[1], -70.0);
}

TEST(Compiler, SourcesAndUnusedNeuronsAreSilent) {
  const auto c = compile(one_neuron(), 8);
  for (int k : {0, 3, 7}) {
    EXPECT_EQ(c.fields.at(hls::F_THETA)[std::size_t(k)], 0x7FFFFFFFu) << k;
    for (int field : {hls::F_P22, hls::F_P11EX, hls::F_P11IN, hls::F_C21EX, hls::F_C21IN, hls::F_DRIVE, hls::F_VRESET,
                      hls::F_NREF})
      EXPECT_EQ(c.fields.at(field)[std::size_t(k)], 0u) << "field " << field << " neuron " << k;
  }
  EXPECT_EQ(c.slice("p").first, 1);
  EXPECT_EQ(c.slice("p").size, 2);
}

TEST(Compiler, WeightWordsCarrySignAndPlasticBit) {
  const auto c = compile(one_neuron(), 8);
  const auto w01 = c.weights[0 * 8 + 1], w02 = c.weights[0 * 8 + 2];
  EXPECT_EQ(weight_raw(w01), 2400);   // 1200 pA / 0.5 pA
  EXPECT_TRUE(weight_plastic(w01));
  EXPECT_EQ(weight_raw(w02), -600);
  EXPECT_FALSE(weight_plastic(w02));
  EXPECT_EQ(w02, 0x8000 - 600);   // s15 two's complement in bits 14:0
  int nonzero = 0;
  for (auto w : c.weights) nonzero += w != 0;
  EXPECT_EQ(nonzero, 2);
}

TEST(Compiler, AutomaticWeightLsbUsesFullRange) {
  Network net = one_neuron();
  net.w_lsb = 0;
  const auto c = compile(net, 4);
  EXPECT_DOUBLE_EQ(c.w_lsb, 1200.0 / 16383);
  EXPECT_EQ(weight_raw(c.weights[1]), 16383);
  EXPECT_EQ(weight_raw(c.weights[2]), std::llround(-300 / (1200.0 / 16383)));
}

TEST(Compiler, NarrowWeightWordsUseTheirFullRange) {
  // model.md §2.3: a 9-bit weight word holds -127..127 (W_FULL = 2^7 - 1); auto w_lsb spreads the largest weight
  // over it, and a 9-bit device reads back exactly what a 16-bit one would for these words.
  EXPECT_EQ(weight_raw_max(16), 16383);
  EXPECT_EQ(weight_raw_max(9), 127);
  Network net = one_neuron();
  net.w_lsb = 0;
  const auto c = compile(net, 4, 9);
  EXPECT_EQ(c.weight_bits, 9);
  EXPECT_DOUBLE_EQ(c.w_lsb, 1200.0 / 127);
  EXPECT_EQ(weight_raw(c.weights[1]), 127);
  EXPECT_EQ(weight_raw(c.weights[2]), std::llround(-300 / (1200.0 / 127)));   // -32
  // Same network, same w_lsb, 16-bit compile: identical raw words (narrow values are a subset).
  Network fixed = one_neuron();
  fixed.w_lsb = c.w_lsb;
  EXPECT_EQ(compile(fixed, 4, 16).weights, c.weights);
  // Out of the 9-bit range: the error names the field, value, range and word width.
  fixed.w_lsb = 1;
  try {
    compile(fixed, 4, 9);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "compile: projections[0] (src->p): weights[0] = 1200: expected |w| <= 127*w_lsb = 127 pA "
                           "(9-bit weight words)");
  }
  fixed.w_lsb = 10;
  fixed.stdp = StdpRule{20, 20, 1, 1, -1300, 1000, Pairing::AllToAll};
  try {
    compile(fixed, 4, 9);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "compile: stdp: w_min = -1300: expected |w| <= 127*w_lsb = 1270 pA (9-bit weight words)");
  }
  for (int bad : {8, 17}) {
    try {
      compile(fixed, 4, bad);
      ADD_FAILURE() << bad;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), "compile: weight_bits = " + std::to_string(bad) + ": expected 9..16");
    }
  }
}

TEST(Compiler, StdpRegistersMatchModelFormulas) {
  Network net = one_neuron();
  net.stdp = StdpRule{20, 30, 10, 12, -100, 2000, Pairing::Nearest};
  const auto c = compile(net, 4);
  std::map<int, std::uint32_t> r(c.registers.begin(), c.registers.end());
  EXPECT_EQ(r[hls::R_STDP_CTRL], 3u);
  EXPECT_EQ(r[hls::R_P_PLUS], std::llround(std::exp(-1.0 / 20) * TWO24));
  EXPECT_EQ(r[hls::R_P_MINUS], std::llround(std::exp(-1.0 / 30) * TWO24));
  EXPECT_EQ(r[hls::R_A_PLUS], 10u / 0.5 * 16);
  EXPECT_EQ(r[hls::R_A_MINUS], 12u / 0.5 * 16);
  EXPECT_EQ(r[hls::R_W_MIN], static_cast<std::uint32_t>(-200));   // s16 sign-extended
  EXPECT_EQ(r[hls::R_W_MAX], 4000u);
}

TEST(Compiler, NoStdpMeansAllRegistersZero) {
  const auto c = compile(one_neuron(), 4);
  ASSERT_EQ(c.registers.size(), 7u);
  for (const auto& [reg, v] : c.registers) EXPECT_EQ(v, 0u) << reg;
}

TEST(Compiler, ReportHasExactValuesAndErrors) {
  const auto c = compile(one_neuron(), 4);
  bool found = false;
  for (const auto& e : c.report.entries)
    if (e.name == "P22" && e.population == "p") {
      found = true;
      EXPECT_DOUBLE_EQ(e.value, std::exp(-0.1));
      EXPECT_DOUBLE_EQ(e.quantized, std::llround(std::exp(-0.1) * TWO24) / TWO24);
      EXPECT_LE(e.abs_error(), 0.5 / TWO24);
    }
  EXPECT_TRUE(found);
  const std::string t = c.report.table();
  EXPECT_NE(t.find("param"), std::string::npos);
  EXPECT_NE(t.find("C21ex"), std::string::npos);
  EXPECT_TRUE(c.report.warnings.empty()) << t;
}

TEST(Compiler, WarnsForDecayRoundingToOne) {
  Network net = one_neuron();
  net.populations[1].params.tau_m = {1e9};
  const auto c = compile(net, 4);
  EXPECT_EQ(c.fields.at(hls::F_P22)[1], (1u << 24) - 1);
  ASSERT_FALSE(c.report.warnings.empty());
  EXPECT_NE(c.report.warnings[0].find("P22 = 0.999999999 rounds to 1.0"), std::string::npos) << c.report.warnings[0];
}

TEST(Compiler, WarnsForWeightsRoundingToZeroAndTinyStdpSteps) {
  Network net = one_neuron();
  net.projections[0].weights = {1200, 0.2};   // 0.2 pA < w_lsb/2 = 0.25
  net.stdp = StdpRule{20, 20, 0.25, 0.01, 0, 1200, Pairing::AllToAll};
  const auto c = compile(net, 4);
  const auto has = [&](const std::string& s) {
    for (const auto& w : c.report.warnings)
      if (w.find(s) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("projections[0] (src->p): 1 nonzero weight(s) round to 0 with w_lsb = 0.5 pA")) << c.report.table();
  EXPECT_TRUE(has("stdp: A_plus = 0.25 pA is below 1 weight LSB (0.5 pA)")) << c.report.table();
  EXPECT_TRUE(has("stdp: A_minus = 0.01 pA rounds to 0: no depression")) << c.report.table();
}

TEST(Compiler, RejectsValuesOutsideRawRanges) {
  Network net = one_neuron();
  net.projections[0].weights = {9000, 0};   // 18000 LSB > 16383
  EXPECT_EQ(error_of(net, 4),
            "compile: projections[0] (src->p): weights[0] = 9000: expected |w| <= 16383*w_lsb = 8191.5 pA (16-bit weight "
            "words)");
  net = one_neuron();
  net.populations[1].params.cm = {0.01};   // P21 ~ 100 mV/pA: C21 = P21*0.5*256 >> 64
  EXPECT_NE(error_of(net, 4).find("compile: population 'p' neuron 0: C21ex = "), std::string::npos) << error_of(net, 4);
  net = one_neuron();
  net.populations[1].params.v_thresh = {40000};   // 40070 mV above rest does not fit Q15.16
  EXPECT_EQ(error_of(net, 4), "compile: population 'p' neuron 0: theta (v_thresh-v_rest) = 40070: expected a value in "
                              "[-32768, 32768) mV (s32 Q15.16)");
  net = one_neuron();
  net.populations[1].params.i_offset = {600000};   // P20*i = 0.0038*600000 = 2284 mV/step > 2048
  EXPECT_EQ(error_of(net, 4), "compile: population 'p' neuron 0: drive (P20*i_offset) = " +
                                  detail_fmt(10.0 / 250 * -std::expm1(-0.1) * 600000) +
                                  ": expected a value in [-2048, 2048) mV/step (s32 Q11.20)");
  net = one_neuron();
  EXPECT_EQ(error_of(net, 2), "compile: network size = 3 neurons: expected at most 2 (the device's neuron count)");
  net.stdp = StdpRule{20, 20, 3000, 0, 0, 1200, Pairing::AllToAll};
  EXPECT_EQ(error_of(net, 4), "compile: stdp: A_plus = 3000: expected <= 4095.9375*w_lsb = 2047.96875 pA (u16 Q12.4)");
}

TEST(Compiler, ValidationNamesFieldValueAndRange) {
  Network net = one_neuron();
  net.populations[1].params.tau_m = {10, -5};
  EXPECT_EQ(error_of(net, 4), "populations[1].params.tau_m[1] = -5: expected a number > 0 (ms)");
  net = one_neuron();
  net.populations[1].params.v_reset = {-50};
  EXPECT_EQ(error_of(net, 4), "populations[1].params.v_reset = -50: expected a value < v_thresh = -55 (mV)");
  net = one_neuron();
  net.projections[0].post = "src";
  EXPECT_EQ(error_of(net, 4),
            "projections[0].post = src: expected a population that is not a spike source (spike sources have no inputs)");
}

TEST(Compiler, StimulusBecomesSortedInputEvents) {
  Network net = one_neuron();
  net.stimuli = {{"p", {{3, 1}, {2}}}};
  EXPECT_EQ(error_of(net, 4), "stimulus[0].spike_times[0][1] = 1: expected times ascending, > 3 ms");
  net.stimuli = {{"p", {{1, 3}, {2, 9.4}}}};
  const auto c = compile(net, 4);
  EXPECT_EQ(c.steps, 10u);
  const std::vector<InputEvent> expect = {{1, 1}, {2, 2}, {3, 1}, {9, 2}};
  EXPECT_EQ(c.inputs, expect);
}

// ---- parameter sets (model.md §2.2) ---------------------------------------------------------------------------

namespace {

constexpr int kSetFields[] = {hls::F_P22,   hls::F_P11EX, hls::F_P11IN,  hls::F_C21EX, hls::F_C21IN,
                              hls::F_DRIVE, hls::F_THETA, hls::F_VRESET, hls::F_NREF};

/// a (3 LIF, one tuple), src (2 sources), b (2 LIF, per-neuron thresholds: two tuples), c (2 LIF, as a).
Network four_populations() {
  Network net = one_neuron();
  Population a{"a", 3, false, {}};
  a.params = net.populations[1].params;
  a.params.v_thresh = {-55};
  Population src{"src", 2, true, {}};
  Population b{"b", 2, false, {}};
  b.params = a.params;
  b.params.tau_m = {20};
  b.params.v_thresh = {-50, -52};
  Population c{"c", 2, false, {}};
  c.params = a.params;
  net.populations = {a, src, b, c};
  net.projections = {{"src", "a", {1200}, {0}}, {"a", "b", {-300}, {0}}};
  return net;
}

std::string compile_error(const Network& net, int n, int sets) {
  try {
    compile(net, n, 16, sets);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(CompilerParamSets, OneSetPerNeuronWhenTheNetworkFits) {
  // P = n (the default): set k = neuron k, exactly the per-neuron image plus pset = identity.
  const auto c = compile(one_neuron(), 8);
  EXPECT_EQ(c.param_sets, 8);
  EXPECT_EQ(c.param_sets_used, 8);
  EXPECT_EQ(c.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  for (int f : kSetFields) EXPECT_EQ(c.fields.at(f).size(), 8u) << f;
  EXPECT_EQ(c.fields.at(hls::F_THETA)[1], 15u * 65536u);
  EXPECT_EQ(c.fields.at(hls::F_THETA)[2], 15u * 65536u + 32768u);
  EXPECT_EQ(c.param(hls::F_THETA, 2), 15u * 65536u + 32768u);
  EXPECT_EQ(c.pset(2), 2);
  // n_used = 3 < P = 4 < n = 8: neurons 0..3 own sets 0..3; the unused neurons 4..7 share the silent set 3.
  const auto d = compile(one_neuron(), 8, 16, 4);
  EXPECT_EQ(d.param_sets, 4);
  EXPECT_EQ(d.param_sets_used, 4);
  EXPECT_EQ(d.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 1, 2, 3, 3, 3, 3, 3}));
  for (int f : kSetFields) {
    ASSERT_EQ(d.fields.at(f).size(), 4u) << f;
    for (int s = 0; s < 4; ++s) EXPECT_EQ(d.fields.at(f)[std::size_t(s)], c.fields.at(f)[std::size_t(s)]) << f;
  }
  EXPECT_EQ(d.fields.at(hls::F_THETA)[3], 0x7FFFFFFFu);   // silent
  EXPECT_EQ(d.report.param_sets_used, 4);
  EXPECT_EQ(d.report.param_sets, 4);
  EXPECT_NE(d.report.table().find("parameter sets: 4 of 4 (one per neuron)\n"), std::string::npos) << d.report.table();
  // n_used = P = n: identity too.
  const auto e = compile(one_neuron(), 3, 16, 3);
  EXPECT_EQ(e.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(e.param_sets_used, 3);
}

TEST(CompilerParamSets, SharedSetsInOrderOfFirstAppearance) {
  // 9 neurons on a 12-neuron device with 5 sets: a a a src src b0 b1 c c, then 3 unused. Tuples in order of first
  // appearance: a (set 0), silent (1: sources and unused neurons), b0 (2), b1 (3); c has a's parameters.
  const Network net = four_populations();
  const auto own = compile(net, 12);
  const auto c = compile(net, 12, 16, 5);
  EXPECT_EQ(c.param_sets, 5);
  EXPECT_EQ(c.param_sets_used, 4);
  EXPECT_EQ(c.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 0, 0, 1, 1, 2, 3, 0, 0, 1, 1, 1}));
  for (int f : kSetFields) EXPECT_EQ(c.fields.at(f).size(), 4u) << f;
  EXPECT_EQ(c.fields.at(hls::F_THETA),
            (std::vector<std::uint32_t>{15u * 65536u, 0x7FFFFFFFu, 20u * 65536u, 18u * 65536u}));
  // Every neuron gets, through its set, exactly the words it has with one set per neuron.
  for (int k = 0; k < 12; ++k)
    for (int f : kSetFields) EXPECT_EQ(c.param(f, k), own.fields.at(f)[std::size_t(k)]) << "field " << f << " neuron " << k;
  // Everything else is the same image.
  EXPECT_EQ(c.weights, own.weights);
  EXPECT_EQ(c.registers, own.registers);
  EXPECT_EQ(c.w_lsb, own.w_lsb);
  EXPECT_EQ(c.report.param_sets_used, 4);
  EXPECT_NE(c.report.table().find("parameter sets: 4 of 5 (one per distinct neuron parameter tuple)\n"),
            std::string::npos)
      << c.report.table();
  // Exactly as many sets as tuples is enough.
  EXPECT_EQ(compile(net, 12, 16, 4).param_sets_used, 4);
}

TEST(CompilerParamSets, UnusedNeuronsNeedASilentSet) {
  // one_neuron has a source (silent tuple): 3 used neurons, P = 3 < n = 8 shares: silent, p0, p1.
  const auto c = compile(one_neuron(), 8, 16, 3);
  EXPECT_EQ(c.fields.at(hls::F_PSET), (std::vector<std::uint32_t>{0, 1, 2, 0, 0, 0, 0, 0}));
  EXPECT_EQ(c.param_sets_used, 3);
  // Two distinct LIF neurons and no source: with P = 2 < n the unused neurons would need a third, silent set.
  Network net = one_neuron();
  net.populations.erase(net.populations.begin());
  net.projections.clear();
  EXPECT_EQ(compile_error(net, 4, 2),
            "compile: network needs 3 parameter sets (distinct neuron parameter tuples): expected at most the "
            "device's param_sets = 2");
  EXPECT_EQ(compile(net, 2, 16, 2).param_sets_used, 2);   // no unused neuron: one set each
}

TEST(CompilerParamSets, TooManyTuplesNamesBothCounts) {
  EXPECT_EQ(compile_error(four_populations(), 12, 3),
            "compile: network needs 4 parameter sets (distinct neuron parameter tuples): expected at most the "
            "device's param_sets = 3");
  // 36 neurons with 36 thresholds, plus the silent tuple of the unused neurons: 37.
  Network net = one_neuron();
  net.populations = {net.populations[1]};
  net.populations[0].size = 36;
  net.populations[0].params.v_thresh.clear();
  for (int i = 0; i < 36; ++i) net.populations[0].params.v_thresh.push_back(-60 + 0.25 * i);
  net.projections.clear();
  EXPECT_EQ(compile_error(net, 64, 16),
            "compile: network needs 37 parameter sets (distinct neuron parameter tuples): expected at most the "
            "device's param_sets = 16");
  EXPECT_EQ(compile(net, 64, 16, 37).param_sets_used, 37);   // 36 < 37: one set per neuron
  // P = n_used = 36 < n: no set left for the silent unused neurons, so the 37 tuples must share 36 sets.
  EXPECT_EQ(compile_error(net, 64, 36),
            "compile: network needs 37 parameter sets (distinct neuron parameter tuples): expected at most the "
            "device's param_sets = 36");
}

TEST(CompilerParamSets, ParamSetsOutsideOneToN) {
  EXPECT_EQ(compile_error(one_neuron(), 8, 9), "compile: param_sets = 9: expected 1..8 (at most the 8 neurons, model.md §2.2)");
  EXPECT_EQ(compile_error(one_neuron(), 8, -1),
            "compile: param_sets = -1: expected 1..8 (at most the 8 neurons, model.md §2.2)");
  EXPECT_EQ(compile(one_neuron(), 8, 16, 0).param_sets, 8);   // 0 = device_n
}
