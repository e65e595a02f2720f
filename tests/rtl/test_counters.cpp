// SPDX-License-Identifier: Apache-2.0
// rtl/spk_counters.sv on its own: every read returns the exact count of some cycle between the request and the
// answer, LO words carry into HI words, and the answer comes within the 16-cycle flush period. Verilated with
// SopsPerSpike = 2^24 so that 256 delivered spikes already carry SOPS_LO into SOPS_HI.
#include <gtest/gtest.h>
#include <verilated.h>

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "Vspk_counters.h"

namespace {

constexpr std::uint64_t kSopsPerSpike = std::uint64_t{1} << 24;
enum Word { CYC_LO, CYC_HI, STEPS, SPIKES, SOPS_LO, SOPS_HI, STALL, DROPPED, CRC, FRAME, NAKS, NUM_WORDS = 16 };

/// The DUT plus a reference count of every event it has been given (sampled at each rising edge).
class Rig {
 public:
  Rig() : ctx_(std::make_unique<VerilatedContext>()), m_(std::make_unique<Vspk_counters>(ctx_.get(), "dut")) {
    m_->clk_i = 0;
    m_->rst_ni = 0;
    m_->eval();
    edge();
    edge();
    m_->rst_ni = 1;
    cycles_ = 0;   // CYCLES counts the cycles after reset
    history_.assign(1, {});
  }
  ~Rig() { m_->final(); }

  /// One clock cycle with these events; the reference counts them.
  void cycle(bool step = false, bool spike = false, bool sop = false, bool stall = false, unsigned dropped = 0,
             bool crc = false, bool frame = false, bool nak = false) {
    m_->step_i = step;
    m_->spike_i = spike;
    m_->sop_i = sop;
    m_->stall_i = stall;
    m_->dropped_i = dropped;
    m_->crc_err_i = crc;
    m_->frame_err_i = frame;
    m_->nak_i = nak;
    edge();
    ++cycles_;
    ref_[0] += 1;   // the cycle itself
    ref_[1] += step;
    ref_[2] += spike;
    ref_[3] += sop ? kSopsPerSpike : 0;
    ref_[4] += stall;
    ref_[5] += dropped;
    ref_[6] += crc;
    ref_[7] += frame;
    ref_[8] += nak;
    history_.push_back(ref_);
    m_->rd_req_i = 0;
  }

  /// Register word `w` as the device reports it (low or high half of the 64-bit counters).
  static std::uint32_t word_of(const std::array<std::uint64_t, 9>& r, int w) {
    switch (w) {
      case CYC_LO: return std::uint32_t(r[0]);
      case CYC_HI: return std::uint32_t(r[0] >> 32);
      case STEPS: return std::uint32_t(r[1]);
      case SPIKES: return std::uint32_t(r[2]);
      case SOPS_LO: return std::uint32_t(r[3]);
      case SOPS_HI: return std::uint32_t(r[3] >> 32);
      case STALL: return std::uint32_t(r[4]);
      case DROPPED: return std::uint32_t(r[5]);
      case CRC: return std::uint32_t(r[6]);
      case FRAME: return std::uint32_t(r[7]);
      case NAKS: return std::uint32_t(r[8]);
      default: return 0;
    }
  }

  /// Requests word w, keeps feeding events from `events` while waiting, and checks the answer equals the
  /// reference count at one of the cycles between request and answer. Returns the value read.
  template <class Events>
  std::uint32_t read(int w, Events&& events) {
    m_->rd_req_i = 1;
    m_->rd_word_i = static_cast<std::uint8_t>(w);
    const std::size_t from = history_.size() - 1;
    int waited = 0;
    do {
      events();
      ++waited;
      EXPECT_LE(waited, 18) << "word " << w << ": no answer within the flush period";
      if (waited > 40) return 0;
    } while (!m_->rd_valid_o);
    const std::uint32_t got = m_->rd_data_o;
    bool match = false;
    for (std::size_t c = from; c < history_.size(); ++c) match = match || word_of(history_[c], w) == got;
    EXPECT_TRUE(match) << "word " << w << " read " << got << ", reference " << word_of(history_[from], w) << ".."
                       << word_of(history_.back(), w);
    return got;
  }
  std::uint32_t read(int w) {
    return read(w, [this] { cycle(); });
  }
  const std::array<std::uint64_t, 9>& ref() const { return ref_; }

 private:
  void edge() {
    m_->clk_i = 1;
    m_->eval();
    m_->clk_i = 0;
    m_->eval();
  }
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<Vspk_counters> m_;
  std::uint64_t cycles_ = 0;
  std::array<std::uint64_t, 9> ref_{};
  std::vector<std::array<std::uint64_t, 9>> history_;
};

TEST(Counters, ResetValuesAndCyclesSinceReset) {
  Rig r;
  for (int w = 0; w < NUM_WORDS; ++w) {
    const std::uint32_t v = r.read(w);
    if (w != CYC_LO) EXPECT_EQ(v, 0u) << "word " << w;
  }
  EXPECT_GT(r.read(CYC_LO), 16u);
}

TEST(Counters, RandomEventsReadExactly) {
  Rig r;
  std::mt19937 rng(3);
  auto busy = [&] {
    std::bernoulli_distribution p(0.3);
    r.cycle(p(rng), p(rng), p(rng), p(rng), p(rng) ? unsigned(rng() % 200) : 0u, p(rng), p(rng), p(rng));
  };
  for (int i = 0; i < 3000; ++i) {
    busy();
    if (i % 37 == 0) r.read(static_cast<int>(rng() % 11), busy);   // reads while events keep coming
  }
  // Quiet: every word equals the reference exactly.
  for (int i = 0; i < 20; ++i) r.cycle();
  for (int w : {STEPS, SPIKES, SOPS_LO, SOPS_HI, STALL, DROPPED, CRC, FRAME, NAKS})
    EXPECT_EQ(r.read(w), Rig::word_of(r.ref(), w)) << "word " << w;
}

TEST(Counters, LowWordCarriesIntoHighWord) {
  Rig r;
  // 300 delivered spikes of 2^24 SOPs: 300 * 2^24 = 0x1_2C00_0000, past 2^32 — some back to back.
  for (int i = 0; i < 300; ++i) r.cycle(false, false, true);
  for (int i = 0; i < 20; ++i) r.cycle();
  EXPECT_EQ(r.ref()[3], 300 * kSopsPerSpike);
  EXPECT_EQ(r.read(SOPS_LO), 0x2C000000u);
  EXPECT_EQ(r.read(SOPS_HI), 1u);
}

}  // namespace
