// SPDX-License-Identifier: Apache-2.0
// Whole-chip co-simulation: the Verilated spk_top, driven through the real protocol (LinkBackend over
// SimTransport), against the golden model (GoldenBackend), every timestep: spikes, V, I_ex, I_in, r, x, y,
// and the weights that STDP changes. Random heterogeneous networks with STDP on (docs/model.md §4).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "spikecore/device.hpp"
#include "spk_golden.hpp"
#include "spk_propagators.hpp"

namespace spikecore {
namespace {

using hls::Field;

struct Case {
  int n_min;          // neurons requested from the sim backend (picks the smallest variant >= n_min)
  unsigned seed;
  bool nearest;       // STDP pairing
  int steps;
  int weight_every;   // compare all weights every k steps
  bool tight_bounds;  // w_min/w_max close together so clipping happens often
};

std::string describe(const Case& c) {
  return "N" + std::to_string(c.n_min) + "Seed" + std::to_string(c.seed) + (c.nearest ? "Nearest" : "AllToAll") +
         (c.tight_bounds ? "Tight" : "");
}
std::string case_name(const testing::TestParamInfo<Case>& info) { return describe(info.param); }
// Keeps CTest's test names readable (gtest would print the raw bytes of the struct).
void PrintTo(const Case& c, std::ostream* os) { *os << describe(c); }

// Programs the same random network into both backends, through the public Backend API only.
void program_random(std::mt19937& rng, int n, const Case& c, Backend& a, Backend& b) {
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const double dt = 1.0, c_m = 250.0, w_lsb = 0.06;
  std::vector<std::vector<std::uint32_t>> f(17, std::vector<std::uint32_t>(n, 0));
  for (int k = 0; k < n; ++k) {
    const double tau_m = 5.0 + 25.0 * u01(rng), tse = 1.0 + 9.0 * u01(rng), tsi = 1.0 + 9.0 * u01(rng);
    const auto p = hls::propagators(dt, tau_m, c_m, tse, tsi);
    const double i_off = 300.0 * u01(rng);
    f[hls::F_P22][k] = static_cast<std::uint32_t>(std::llround(p.p22 * (1 << 24)));
    f[hls::F_P11EX][k] = static_cast<std::uint32_t>(std::llround(p.p11ex * (1 << 24)));
    f[hls::F_P11IN][k] = static_cast<std::uint32_t>(std::llround(p.p11in * (1 << 24)));
    f[hls::F_C21EX][k] = static_cast<std::uint32_t>(std::llround(p.p21ex * w_lsb * 256.0 * (1 << 24)));
    f[hls::F_C21IN][k] = static_cast<std::uint32_t>(std::llround(p.p21in * w_lsb * 256.0 * (1 << 24)));
    f[hls::F_DRIVE][k] = static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(p.p20 * i_off * 1048576.0)));
    f[hls::F_THETA][k] = static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround((5.0 + 15.0 * u01(rng)) * 65536.0)));
    f[hls::F_VRESET][k] = static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(-5.0 * u01(rng) * 65536.0)));
    f[hls::F_NREF][k] = static_cast<std::uint32_t>(rng() % 4);
    // A few neurons at the saturation corners: huge drive (V saturates at 2^31-1) and a huge C21.
    if (k % 13 == 5) f[hls::F_DRIVE][k] = 0x7FFFFFFFu;
    if (k % 17 == 3) f[hls::F_C21EX][k] = (1u << 30) - 1;
    // Start from a random state as well, so V/I/trace corners are reached quickly.
    f[hls::F_V][k] = static_cast<std::uint32_t>(static_cast<std::int32_t>((u01(rng) - 0.5) * 20.0 * 65536.0));
    f[hls::F_X][k] = rng() % 65536;
    f[hls::F_Y][k] = rng() % 65536;
  }
  for (int field : {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16}) {
    a.write_neuron(field, 0, f[field]);
    b.write_neuron(field, 0, f[field]);
  }
  std::vector<std::uint16_t> w(static_cast<std::size_t>(n) * n);
  for (auto& word : w) {
    const int r = static_cast<int>(rng() % 100);
    std::int32_t val = 0;
    if (r < 40) val = static_cast<std::int32_t>(rng() % 4001);            // excitatory
    else if (r < 55) val = -static_cast<std::int32_t>(rng() % 8001);      // inhibitory
    else if (r < 57) val = (rng() & 1) ? 16383 : -16383;                  // extremes
    const bool plastic = (rng() % 3) != 0;
    word = static_cast<std::uint16_t>((plastic ? 0x8000u : 0u) | (static_cast<std::uint32_t>(val) & 0x7FFFu));
  }
  a.write_weights(0, w);
  b.write_weights(0, w);
  const std::uint32_t regs[7] = {
      1u | (c.nearest ? 2u : 0u),
      static_cast<std::uint32_t>(std::llround(std::exp(-1.0 / 20.0) * (1 << 24))),
      static_cast<std::uint32_t>(std::llround(std::exp(-1.0 / 30.0) * (1 << 24))),
      16u * 300u, 16u * 320u + 7u,
      static_cast<std::uint32_t>(c.tight_bounds ? -500 : -16383),
      static_cast<std::uint32_t>(c.tight_bounds ? 700 : 16383)};
  for (int r = 0; r < 7; ++r) {
    a.write_reg(r, regs[r]);
    b.write_reg(r, regs[r]);
  }
}

class SimVsGolden : public testing::TestWithParam<Case> {};

TEST_P(SimVsGolden, BitExactEveryTimestep) {
  const Case c = GetParam();
  auto sim = open_backend("sim", c.n_min);
  const int n = sim->caps().n;
  auto gold = open_backend("golden", n);
  ASSERT_EQ(gold->caps().n, n);
  std::mt19937 rng(c.seed);
  program_random(rng, n, c, *sim, *gold);

  std::uint64_t total_spikes = 0;
  for (int t = 0; t < c.steps; ++t) {
    std::vector<InputEvent> in;
    for (int k = 0; k < n; ++k)
      if (rng() % 100 < 4) in.push_back({0, static_cast<std::uint16_t>(k)});
    const auto s_sim = sim->run(1, in);
    const auto s_gold = gold->run(1, in);
    ASSERT_EQ(s_sim.size(), s_gold.size()) << "spike count differs at step " << t;
    for (std::size_t i = 0; i < s_sim.size(); ++i)
      ASSERT_EQ(s_sim[i].neuron, s_gold[i].neuron) << "step " << t;
    total_spikes += s_sim.size();
    for (int field : {0, 1, 2, 3, 4, 5}) {
      const auto vs = sim->read_neuron(field, 0, n);
      const auto vg = gold->read_neuron(field, 0, n);
      for (int k = 0; k < n; ++k)
        ASSERT_EQ(vs[k], vg[k]) << "step " << t << " neuron " << k << " field " << field;
    }
    if ((t + 1) % c.weight_every == 0 || t + 1 == c.steps) {
      const auto ws = sim->read_weights(0, static_cast<std::uint32_t>(n) * n);
      const auto wg = gold->read_weights(0, static_cast<std::uint32_t>(n) * n);
      for (std::size_t i = 0; i < ws.size(); ++i)
        ASSERT_EQ(ws[i], wg[i]) << "step " << t << " weight pre " << i / n << " post " << i % n;
    }
    // Halfway, RESET_STATE must act identically too.
    if (t == c.steps / 2) {
      sim->reset_state();
      gold->reset_state();
    }
  }
  // The comparison is only meaningful if the network was active.
  EXPECT_GT(total_spikes, static_cast<std::uint64_t>(c.steps));
  const Counters cs = sim->counters(), cg = gold->counters();
  EXPECT_EQ(cs.timesteps, cg.timesteps);
  EXPECT_EQ(cs.spikes, cg.spikes);
  EXPECT_EQ(cs.sops, cg.sops);
  EXPECT_EQ(cs.spikes, total_spikes);
  EXPECT_EQ(cs.rx_crc_errors, 0u);
}

INSTANTIATE_TEST_SUITE_P(RandomNetworks, SimVsGolden,
                         testing::Values(Case{16, 1, false, 1500, 1, false}, Case{16, 2, true, 1500, 1, true},
                                         Case{64, 3, false, 600, 10, false}, Case{64, 4, true, 600, 10, true},
                                         Case{128, 5, false, 300, 50, true}, Case{256, 6, true, 200, 100, false}),
                         case_name);

// Multi-step runs with buffered inputs (several RUN commands, FIFO draining) equal step-by-step golden runs.
TEST(SimVsGoldenRuns, LongRunWithInputsMatches) {
  auto sim = open_backend("sim", 64);
  const int n = sim->caps().n;
  auto gold = open_backend("golden", n);
  std::mt19937 rng(99);
  Case c{64, 99, false, 0, 1, false};
  program_random(rng, n, c, *sim, *gold);
  std::vector<InputEvent> in;
  for (std::uint32_t t = 0; t < 3000; ++t)
    for (int k = 0; k < n; ++k)
      if (rng() % 1000 < 15) in.push_back({t, static_cast<std::uint16_t>(k)});
  const auto s_sim = sim->run(3000, in);
  const auto s_gold = gold->run(3000, in);
  ASSERT_EQ(s_sim.size(), s_gold.size());
  for (std::size_t i = 0; i < s_sim.size(); ++i) ASSERT_TRUE(s_sim[i] == s_gold[i]) << "event " << i;
  EXPECT_GT(s_sim.size(), 3000u);
  EXPECT_EQ(sim->read_weights(0, static_cast<std::uint32_t>(n) * n), gold->read_weights(0, static_cast<std::uint32_t>(n) * n));
}

}  // namespace
}  // namespace spikecore
