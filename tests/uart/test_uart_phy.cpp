// SPDX-License-Identifier: Apache-2.0
// Unit tests of the UART PHY (rtl/spk_uart.sv: tick, receiver, FIFO, transmitter, counters), Verilated at
// one (ClkHz, Baud) set per executable: UART_CLK_HZ, UART_BAUD, UART_FIFO (receive FIFO depth), Oversample 16.
// Expected values come from the 8N1 definition via uart_line.hpp, never from the RTL.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include VUART_HEADER
#include "uart_line.hpp"
#include "verilated.h"

namespace {

constexpr double kPeriod = double(UART_CLK_HZ) / double(UART_BAUD);   // cycles per bit
constexpr int kFifo = UART_FIFO;

class Phy {
 public:
  Phy() : ctx_(std::make_unique<VerilatedContext>()), top_(std::make_unique<VUART>(ctx_.get(), "top")) {
    top_->uart_rx_i = 1;
    top_->rx_ready_i = 1;
    top_->tx_valid_i = 0;
    top_->rst_ni = 0;
    for (int i = 0; i < 4; ++i) cycle();
    top_->rst_ni = 1;
  }
  ~Phy() { top_->final(); }
  VUART& t() { return *top_; }
  /// One rising edge; bytes handed over by rx_valid_o/rx_ready_i are collected in `rx`.
  void cycle() {
    top_->clk_i = 0;
    top_->eval();
    if (top_->rst_ni && top_->rx_valid_o && top_->rx_ready_i) rx.push_back(top_->rx_data_o);
    tx_taken = top_->tx_valid_i && top_->tx_ready_o;
    top_->clk_i = 1;
    top_->eval();
    ++cycles;
  }
  /// Plays a line waveform into uart_rx_i, then `tail` idle cycles.
  void play(const std::vector<std::uint8_t>& w, int tail = 64) {
    for (std::uint8_t l : w) { top_->uart_rx_i = l; cycle(); }
    top_->uart_rx_i = 1;
    for (int i = 0; i < tail; ++i) cycle();
  }
  std::vector<std::uint8_t> rx;
  bool tx_taken = false;
  std::uint64_t cycles = 0;

 private:
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<VUART> top_;
};

std::vector<std::uint8_t> all_bytes() {
  std::vector<std::uint8_t> v(256);
  for (int i = 0; i < 256; ++i) v[i] = static_cast<std::uint8_t>(i);
  return v;
}

// Every byte value at nominal rate and at +-2 % (and +-3 %, inside the designed margin), sent back to back
// (the next start bit follows the stop bit at once), at several phases of the line against the clock.
class RxRate : public testing::TestWithParam<double> {};
TEST_P(RxRate, AllByteValuesBackToBack) {
  const double rate = GetParam();   // sender baud / nominal baud
  for (double offset : {3.0, 3.37, 3.71}) {
    Phy p;
    const auto bytes = all_bytes();
    p.play(uarttest::waveform(bytes, kPeriod / rate, offset));
    EXPECT_EQ(p.rx, bytes) << "rate " << rate << " offset " << offset;
    EXPECT_EQ(p.t().frame_err_o, 0u);
    EXPECT_EQ(p.t().rx_overflow_o, 0u);
  }
}
INSTANTIATE_TEST_SUITE_P(Baud, RxRate, testing::Values(1.0, 1.02, 0.98, 1.03, 0.97),
                         [](const testing::TestParamInfo<double>& i) {
                           return "x" + std::to_string(int(std::lround(i.param * 1000)));
                         });

TEST(UartRx, MissingStopBitIsCountedAndByteDropped) {
  Phy p;
  // 0x55 with stop bit 0 and the line high right after: one framing error, no byte.
  p.play(uarttest::waveform({0x55}, kPeriod, 5.0, /*stop_bit=*/0));
  EXPECT_TRUE(p.rx.empty());
  EXPECT_EQ(p.t().frame_err_o, 1u);
  // Three more bad ones (each followed by idle line: back to back, a low stop bit runs into the next
  // start bit and the receiver cannot tell where frames begin), then good bytes are taken again.
  for (std::uint8_t b : {0x00, 0xFF, 0x7E}) p.play(uarttest::waveform({b}, kPeriod, 5.0, 0), int(2 * kPeriod));
  p.play(uarttest::waveform({0xA5, 0x7E}, kPeriod, 5.0));
  EXPECT_EQ(p.t().frame_err_o, 4u);
  EXPECT_EQ(p.rx, (std::vector<std::uint8_t>{0xA5, 0x7E}));
}

TEST(UartRx, HeldLowLineIsOneErrorThenRecovers) {
  Phy p;
  p.play(std::vector<std::uint8_t>(std::size_t(50 * kPeriod), 0), int(2 * kPeriod));
  EXPECT_EQ(p.t().frame_err_o, 1u);   // a break: one error, not one per 10 bit times
  EXPECT_TRUE(p.rx.empty());
  p.play(uarttest::waveform({0x12, 0x34}, kPeriod, 1.0));
  EXPECT_EQ(p.rx, (std::vector<std::uint8_t>{0x12, 0x34}));
  EXPECT_EQ(p.t().frame_err_o, 1u);
}

TEST(UartRx, ShortGlitchIsNotAStartBit) {
  Phy p;
  std::vector<std::uint8_t> w(int(2 * kPeriod), 1);
  for (int i = 4; i < 4 + int(kPeriod / 4); ++i) w[i] = 0;   // a quarter-bit low pulse
  p.play(w, int(12 * kPeriod));
  EXPECT_TRUE(p.rx.empty());
  EXPECT_EQ(p.t().frame_err_o, 0u);
}

TEST(UartRx, OverflowIsCountedAndFifoKeepsTheOldest) {
  Phy p;
  p.t().rx_ready_i = 0;
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < kFifo + 3; ++i) bytes.push_back(static_cast<std::uint8_t>(i * 7 + 1));
  p.play(uarttest::waveform(bytes, kPeriod, 2.0));
  EXPECT_EQ(p.t().rx_overflow_o, 3u);
  EXPECT_TRUE(p.rx.empty());
  p.t().rx_ready_i = 1;
  for (int i = 0; i < kFifo + 4; ++i) p.cycle();
  EXPECT_EQ(p.rx, std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + kFifo));
  EXPECT_EQ(p.t().frame_err_o, 0u);
}

// Transmitter: every byte value, back to back. Each byte must be exactly 10 bit times after the previous one
// (no gaps), and the stream decodes to what was sent.
TEST(UartTx, AllByteValuesBackToBackWithoutGaps) {
  Phy p;
  const auto bytes = all_bytes();
  uarttest::Decoder dec(kPeriod);
  std::size_t next = 0;
  const std::uint64_t limit = std::uint64_t(300 * 10 * kPeriod);
  while (p.cycles < limit && dec.bytes.size() < bytes.size()) {
    p.t().tx_valid_i = next < bytes.size();
    p.t().tx_data_i = next < bytes.size() ? bytes[next] : 0;
    dec.sample(p.t().uart_tx_o, p.cycles);
    p.cycle();
    if (p.tx_taken) ++next;
  }
  p.t().tx_valid_i = 0;
  ASSERT_EQ(dec.bytes, bytes);
  EXPECT_EQ(dec.framing_errors, 0);
  for (std::size_t i = 1; i < dec.starts.size(); ++i) {
    const double gap = double(dec.starts[i] - dec.starts[i - 1]);
    ASSERT_NEAR(gap, 10 * kPeriod, 1.01) << "byte " << i;   // the tick jitters by one cycle
  }
  const double total = double(dec.starts.back() - dec.starts.front());
  EXPECT_NEAR(total / 255.0, 10 * kPeriod, 0.02);
}

// TX pin looped back into RX pin: random bytes survive, including through the FIFO.
TEST(UartLoopback, RandomBytes) {
  Phy p;
  std::mt19937 rng(7);
  std::vector<std::uint8_t> bytes(300);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
  std::size_t next = 0;
  while (p.rx.size() < bytes.size() && p.cycles < std::uint64_t(400 * 10 * kPeriod)) {
    p.t().tx_valid_i = next < bytes.size();
    p.t().tx_data_i = next < bytes.size() ? bytes[next] : 0;
    p.t().uart_rx_i = p.t().uart_tx_o;
    p.cycle();
    if (p.tx_taken) ++next;
  }
  EXPECT_EQ(p.rx, bytes);
}

}  // namespace
