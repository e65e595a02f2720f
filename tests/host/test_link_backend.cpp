// SPDX-License-Identifier: Apache-2.0
// LinkBackend against GoldenTransport (the protocol over the golden model) with injected faults.
#include <gtest/gtest.h>

#include <functional>

#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/golden_transport.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/units.hpp"
#include "spikecore/yaml_io.hpp"
#include "spk_golden.hpp"

using namespace spikecore;
namespace hls = spikecore::hls;

namespace {

const std::string DATA = SPIKECORE_TEST_DATA;

struct Link {
  GoldenTransport* dev;
  std::unique_ptr<LinkBackend> backend;
};

Link make_link(int n, int max_body = 1024, int in_depth = 256, int retries = 5) {
  GoldenLinkConfig cfg;
  cfg.n = n;
  cfg.max_body = max_body;
  cfg.in_depth = in_depth;
  auto t = std::make_unique<GoldenTransport>(cfg);
  GoldenTransport* raw = t.get();
  LinkOptions opt;
  opt.retries = retries;
  return {raw, std::make_unique<LinkBackend>(std::move(t), opt)};
}

}  // namespace

TEST(LinkBackend, ReadsCaps) {
  auto l = make_link(32, 200, 40);
  const Caps c = l.backend->caps();
  EXPECT_EQ(c.n, 32);
  EXPECT_EQ(c.max_body, 200);
  EXPECT_EQ(c.in_depth, 40);
  EXPECT_EQ(c.protocol, 1);
  EXPECT_EQ(c.weight_bits, 16);
}

TEST(LinkBackend, NarrowDeviceReportsWeightBitsAndRefusesWideNetworks) {
  GoldenLinkConfig cfg;
  cfg.n = 8;
  cfg.weight_bits = 9;
  Device dev(std::make_unique<LinkBackend>(std::make_unique<GoldenTransport>(cfg), LinkOptions{}));
  EXPECT_EQ(dev.backend().caps().weight_bits, 9);
  EXPECT_EQ(dev.weight_bits(), 9);
  // Words come back as the device stores them (model.md §2.3): low 8 bits of w, sign-extended.
  dev.backend().write_weights(0, {0x8000 | 127, 0x7FFF & -128, 200, 0x8000 | 16383});
  EXPECT_EQ(dev.backend().read_weights(0, 4),
            (std::vector<std::uint16_t>{0x8000 | 127, 0x7FFF & -128, 0x7FFF & -56, 0x8000 | 0x7FFF}));
  Network net;
  net.duration = 5;
  net.populations = {{"p", 2, false, {}}};
  net.projections = {{"p", "p", {100}, {0}}};
  try {
    dev.program(compile(net, 8, 16));
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "program: compiled weight_bits = 16: expected at most the device's weight_bits = 9 "
                           "(|raw weight| <= 127; compile with weight_bits = 9)");
  }
  const CompiledNetwork c = compile(net, 8, dev.weight_bits());
  dev.program(c);
  EXPECT_EQ(dev.read_weight_matrix()[1], c.weights[1]);
  EXPECT_EQ(weight_raw(c.weights[1]), 127);
}

TEST(LinkBackend, ReadsParamSetsFromCaps) {
  auto l = make_link(32);
  EXPECT_EQ(l.backend->caps().param_sets, 32);   // default: one set per neuron
  GoldenLinkConfig cfg;
  cfg.n = 32;
  cfg.param_sets = 5;
  Device dev(std::make_unique<LinkBackend>(std::make_unique<GoldenTransport>(cfg), LinkOptions{}));
  EXPECT_EQ(dev.backend().caps().param_sets, 5);
  EXPECT_EQ(dev.param_sets(), 5);
}

TEST(LinkBackend, GoldenLinkNeuronFieldRangesAsTheRtl) {
  // rtl/spk_link.sv: ARG unless the field is 0..6 or 8..16, count >= 1 and first + count <= N (fields 0..6)
  // or <= P (fields 8..16).
  GoldenLinkConfig cfg;
  cfg.n = 10;
  cfg.param_sets = 4;
  auto t = std::make_unique<GoldenTransport>(cfg);
  LinkBackend b(std::move(t));
  const auto nak = [&](const std::function<void()>& f) {
    try {
      f();
    } catch (const LinkError& e) {
      return e.code();
    }
    return 0;
  };
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_P22, 0, {1, 2, 3, 4}); }), 0);
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_P22, 3, {1}); }), 0);
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_P22, 1, {1, 2, 3, 4}); }), proto::NAK_ARG);   // first + count = 5 > P
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_NREF, 4, {1}); }), proto::NAK_ARG);
  EXPECT_EQ(nak([&] { b.read_neuron(hls::F_THETA, 0, 5); }), proto::NAK_ARG);
  EXPECT_EQ(nak([&] { b.read_neuron(hls::F_P22, 4, 1); }), proto::NAK_ARG);
  EXPECT_EQ(b.read_neuron(hls::F_P22, 0, 4), (std::vector<std::uint32_t>{1, 2, 3, 1}));   // set 3 written twice
  // pset (field 6) is a neuron field: up to N, values clamped to P - 1.
  EXPECT_EQ(b.read_neuron(hls::F_PSET, 0, 10), (std::vector<std::uint32_t>{0, 1, 2, 3, 0, 1, 2, 3, 0, 1}));
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_PSET, 0, std::vector<std::uint32_t>(10, 7)); }), 0);
  EXPECT_EQ(b.read_neuron(hls::F_PSET, 0, 10), std::vector<std::uint32_t>(10, 3));
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_PSET, 5, std::vector<std::uint32_t>(6, 0)); }), proto::NAK_ARG);
  EXPECT_EQ(nak([&] { b.read_neuron(hls::F_PSET, 9, 2); }), proto::NAK_ARG);
  // State fields still reach every neuron; unknown fields are refused.
  EXPECT_EQ(nak([&] { b.write_neuron(hls::F_V, 4, std::vector<std::uint32_t>(6, 1)); }), 0);
  for (int f : {7, 17, 255}) {
    EXPECT_EQ(nak([&] { b.write_neuron(f, 0, {1}); }), proto::NAK_ARG) << f;
    EXPECT_EQ(nak([&] { b.read_neuron(f, 0, 1); }), proto::NAK_ARG) << f;
  }
  // count 0 (a raw frame: the backend never sends one).
  EXPECT_EQ(nak([&] { b.transact(proto::READ_NEURON, proto::read_neuron_body(hls::F_P22, 0, 0)); }), proto::NAK_ARG);
}

TEST(LinkBackend, ChunksLongTransfersByMaxBody) {
  auto l = make_link(64, 64);   // 14 neuron values or 29 weight words per write frame
  std::vector<std::uint32_t> theta(64);
  for (int i = 0; i < 64; ++i) theta[std::size_t(i)] = 0x01000000u * std::uint32_t(i) + 7;
  l.backend->write_neuron(hls::F_THETA, 0, theta);
  EXPECT_EQ(l.backend->read_neuron(hls::F_THETA, 0, 64), theta);
  std::vector<std::uint16_t> w(64 * 64);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<std::uint16_t>(i * 37);
  const auto before = l.dev->executed();
  l.backend->write_weights(0, w);
  EXPECT_EQ(l.dev->executed() - before, (4096 + 28) / 29);
  EXPECT_EQ(l.backend->read_weights(0, 4096), w);
}

TEST(LinkBackend, LostResponseIsResentWithSameSeqAndExecutedOnce) {
  auto l = make_link(8);
  l.dev->drop_responses(1);
  const auto before = l.dev->executed();
  l.backend->write_reg(hls::R_A_PLUS, 77);
  EXPECT_EQ(l.dev->executed() - before, 1u);
  const auto& seqs = l.dev->received_seqs();
  ASSERT_GE(seqs.size(), 2u);
  EXPECT_EQ(seqs[seqs.size() - 1], seqs[seqs.size() - 2]);
  EXPECT_EQ(l.backend->resends(), 1u);
  EXPECT_EQ(l.backend->read_regs(hls::R_A_PLUS, 1)[0], 77u);
}

TEST(LinkBackend, NakCrcIsRetried) {
  auto l = make_link(8);
  l.dev->corrupt_requests(2);
  l.backend->write_reg(hls::R_W_MAX, 5);
  EXPECT_EQ(l.backend->resends(), 2u);
  EXPECT_EQ(l.backend->read_regs(hls::R_W_MAX, 1)[0], 5u);
  EXPECT_EQ(l.backend->counters().naks, 2u);
}

TEST(LinkBackend, OtherNakRaisesLinkErrorWithCommandAndCode) {
  auto l = make_link(8);
  try {
    l.backend->read_neuron(7, 0, 1);   // no field 7
    FAIL();
  } catch (const LinkError& e) {
    EXPECT_STREQ(e.what(), "READ_NEURON: device NAK ARG (code 5)");
    EXPECT_EQ(e.code(), 5);
  }
  EXPECT_EQ(l.backend->resends(), 0u);
}

TEST(LinkBackend, ExhaustedRetriesRaiseLinkError) {
  auto l = make_link(8, 1024, 256, 2);
  l.dev->drop_responses(3);
  try {
    l.backend->reset_state();
    FAIL();
  } catch (const LinkError& e) {
    EXPECT_STREQ(e.what(), "RESET_STATE: no answer from golden-link N=8 after 3 tries (1000 ms each)");
  }
}

TEST(LinkBackend, RunMatchesGoldenBackendAcrossSplitsAndLostResponses) {
  // max_body 64 -> READ_SPIKES returns <= 15 events per poll; in_depth 4 forces the run to be split;
  // 70000 steps crosses the 65535-step RUN limit. Inputs after 65535 check the step-offset conversion.
  const Network net = load_network(DATA + "/small.yaml");
  const auto c = compile(net, 16);
  std::vector<InputEvent> in = c.inputs;
  for (std::uint32_t t = 100; t < 70000; t += 997) in.push_back({t, static_cast<std::uint16_t>(t % 2)});
  in.push_back({65535, 0});
  in.push_back({65536, 1});
  std::sort(in.begin(), in.end(), [](auto& a, auto& b) { return a.step != b.step ? a.step < b.step : a.neuron < b.neuron; });

  Device ref(std::make_unique<GoldenBackend>(16));
  ref.program(c);
  const auto expect = ref.run(70000, in);

  auto l = make_link(16, 64, 4);
  GoldenTransport* dev = l.dev;
  Device link(std::move(l.backend));
  link.program(c);
  dev->drop_responses(1);   // lose one response in the middle of the run's first poll sequence
  auto& lb = static_cast<LinkBackend&>(link.backend());
  const auto got = link.run(70000, in);
  EXPECT_EQ(got, expect);
  EXPECT_EQ(link.read_weight_matrix(), ref.read_weight_matrix());
  EXPECT_EQ(lb.resends(), 1u);
  const Counters k = lb.counters();
  EXPECT_EQ(k.timesteps, 70000u);
  EXPECT_EQ(k.spikes, expect.size());
  EXPECT_EQ(k.in_dropped, 0u);
}

TEST(LinkBackend, TooManyInputsAtOneStepIsAConfigError) {
  auto l = make_link(8, 1024, 2);
  EXPECT_THROW(l.backend->run(5, {{1, 0}, {1, 1}, {1, 2}}), ConfigError);
}
