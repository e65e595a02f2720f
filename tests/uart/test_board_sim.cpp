// SPDX-License-Identifier: Apache-2.0
// End to end: spikecore-sim (bit-level UART, child process) on a pty, driven by the unchanged host library
// (SerialTransport + LinkBackend + Device). Results must equal the in-process golden backend's, with and
// without faults on the line; with faults, the injector and the device counters must show they happened.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "child.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/serial_transport.hpp"
#include "spikecore/tcp_transport.hpp"
#include "spikecore/yaml_io.hpp"

namespace spikecore {
namespace {

constexpr int kN = 16;

// 4 spike sources into 10 LIF neurons with recurrent excitation/inhibition and STDP on the inputs.
Network test_network() {
  return parse_network(R"(
dt: 1.0
duration: 120
populations:
  - name: input
    size: 4
    spike_source: true
  - name: exc
    size: 10
    params: {tau_m: 10, cm: 250, v_rest: -70, v_reset: -70, v_thresh: -55, tau_refrac: 2,
             tau_syn_E: 2, tau_syn_I: 3, i_offset: [0, 0, 50, 100, 150, 200, 250, 300, 350, 380]}
projections:
  - pre: input
    post: exc
    weights: [[2600, 2600, 0, 0, 900, 0, 0, 0, 0, 1200], [0, 2600, 2600, 0, 0, 900, 0, 0, 700, 0],
              [0, 0, 2600, 2600, 0, 0, 900, 0, 0, 0], [2600, 0, 0, 2600, 0, 0, 0, 900, 0, 0]]
    plastic: true
  - pre: exc
    post: exc
    weights: [[0, -400, 0, 0, 0, 0, 0, 0, 0, 300], [0, 0, 500, 0, 0, 0, 0, 0, 0, 0],
              [0, 0, 0, -300, 0, 0, 0, 600, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
              [0, 0, 0, 0, 0, -200, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
              [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
              [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]
stdp: {tau_plus: 20, tau_minus: 20, A_plus: 10, A_minus: 12, w_min: 0, w_max: 4000, pairing: all-to-all}
stimulus:
  - population: input
    spike_times: [[1, 10, 20, 33, 50, 71, 90], [5, 15, 40, 60, 61, 100], [2, 30, 45, 80], [7, 8, 9, 55, 110]]
)", "uart-test");
}

struct Outcome {
  std::vector<SpikeEvent> spikes;
  std::vector<std::uint16_t> weights_after;   // after the run (STDP)
  std::vector<std::uint16_t> full_readback;   // random full N x N matrix written, then read back
  std::vector<std::uint16_t> full_written;
  std::vector<std::uint32_t> uart_regs;       // 27, 28 (device only)
  Counters counters;
};

Outcome exercise(std::unique_ptr<Backend> backend, bool device) {
  Outcome o;
  Device dev(std::move(backend));
  EXPECT_EQ(dev.n(), kN);
  // A full weight-matrix program (every word, random values) and its readback.
  std::mt19937 rng(42);
  for (int round = 0; round < 4; ++round) {   // a few rounds, so a faulty line has bytes enough to hit
    o.full_written.resize(kN * kN);
    for (auto& w : o.full_written) w = static_cast<std::uint16_t>(rng());
    dev.backend().write_weights(0, o.full_written);
    o.full_readback = dev.backend().read_weights(0, kN * kN);
    if (o.full_readback != o.full_written) break;
  }
  // Then the network.
  const CompiledNetwork net = compile(test_network(), kN);
  dev.program(net);
  o.spikes = dev.run(net.steps, net.inputs);
  o.weights_after = dev.read_weight_matrix();
  if (device) {
    o.uart_regs = dev.backend().read_regs(27, 2);
    o.counters = dev.backend().counters();
  }
  return o;
}

std::string sim_path() { return SPIKECORE_SIM_EXE; }

std::unique_ptr<Backend> serial_backend(const std::string& pty) {
  LinkOptions lo;
  lo.timeout = std::chrono::milliseconds(400);
  lo.retries = 40;   // a 1 kB frame at BER 1e-4 fails about 2 times in 3 on one line direction or the other
  return std::make_unique<LinkBackend>(std::make_unique<SerialTransport>(pty), lo);
}

std::uint64_t counter(const std::string& text, const std::string& dir, const std::string& name) {
  std::smatch m;
  const std::regex re("exit .*" + dir + " [^|]*" + name + "=([0-9]+)");
  return std::regex_search(text, m, re) ? std::stoull(m[1]) : 0;
}

TEST(BoardSim, CleanLineMatchesGolden) {
  uarttest::SimChild sim({sim_path(), "--n", std::to_string(kN)});
  const std::string pty = sim.wait_line("spikecore-sim: /dev/");
  ASSERT_FALSE(pty.empty()) << "spikecore-sim did not print its pty";
  const Outcome dev = exercise(serial_backend("/dev/" + pty), true);
  const Outcome gold = exercise(std::make_unique<GoldenBackend>(kN), false);
  EXPECT_EQ(dev.full_readback, dev.full_written);
  EXPECT_FALSE(gold.spikes.empty());
  EXPECT_EQ(dev.spikes, gold.spikes);
  EXPECT_EQ(dev.weights_after, gold.weights_after);
  EXPECT_EQ(dev.uart_regs, (std::vector<std::uint32_t>{0, 0}));   // clean line: no framing errors, no overflow
  EXPECT_EQ(dev.counters.rx_crc_errors, 0u);
  const std::string text = sim.stop();
  EXPECT_EQ(counter(text, "h2d", "flipped_bits"), 0u) << text;
}

TEST(BoardSim, FaultyLineGivesIdenticalResults) {
  uarttest::SimChild sim({sim_path(), "--n", std::to_string(kN), "--ber", "1e-4", "--garbage", "1e-3",
                          "--drop", "1e-4", "--line-low-prob", "1e-4", "--line-low-ms", "0.05", "--seed", "7"});
  const std::string pty = sim.wait_line("spikecore-sim: /dev/");
  ASSERT_FALSE(pty.empty());
  const Outcome dev = exercise(serial_backend("/dev/" + pty), true);
  const Outcome gold = exercise(std::make_unique<GoldenBackend>(kN), false);
  EXPECT_EQ(dev.full_readback, dev.full_written);
  EXPECT_EQ(dev.spikes, gold.spikes);
  EXPECT_EQ(dev.weights_after, gold.weights_after);
  const std::string text = sim.stop();
  const std::uint64_t flips = counter(text, "h2d", "flipped_bits") + counter(text, "d2h", "flipped_bits");
  const std::uint64_t inserted = counter(text, "h2d", "inserted") + counter(text, "d2h", "inserted");
  EXPECT_GT(flips, 0u) << text;
  EXPECT_GT(inserted, 0u) << text;
  // Corrupted host frames were caught by the device (CRC or framing) and counted, never executed.
  EXPECT_GT(dev.counters.rx_crc_errors + dev.counters.rx_frame_errors + dev.uart_regs[0], 0u);
}

TEST(BoardSim, TcpFastMode) {
  uarttest::SimChild sim({sim_path(), "--fast", "--no-pty", "--tcp", "0", "--n", std::to_string(kN)});
  const std::string port = sim.wait_line("spikecore-sim: tcp://127.0.0.1:");
  ASSERT_FALSE(port.empty());
  auto backend = std::make_unique<LinkBackend>(
      std::make_unique<TcpTransport>("127.0.0.1", static_cast<std::uint16_t>(std::stoi(port))));
  const Outcome dev = exercise(std::move(backend), true);
  const Outcome gold = exercise(std::make_unique<GoldenBackend>(kN), false);
  EXPECT_EQ(dev.full_readback, dev.full_written);
  EXPECT_EQ(dev.spikes, gold.spikes);
  EXPECT_EQ(dev.weights_after, gold.weights_after);
}

TEST(BoardSim, UnknownVariantIsAClearError) {
  uarttest::SimChild sim({sim_path(), "--n", "5000"});
  const std::string text = sim.join();
  EXPECT_EQ(WEXITSTATUS(sim.status()), 2);
  EXPECT_NE(text.find("--n >= 5000"), std::string::npos) << text;
  EXPECT_NE(text.find("16:1"), std::string::npos) << text;
}

}  // namespace
}  // namespace spikecore
