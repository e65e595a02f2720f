// SPDX-License-Identifier: Apache-2.0
// Memory/register commands through the RTL link: round trips, truncation and sign extension
// (protocol.md section 3, model.md section 2) and ARG checks.
#include "link_harness.hpp"

using namespace linktest;

namespace {
constexpr int kN = 16;   // the smallest compiled variant
}

TEST(LinkCommands, NeuronFieldsTruncateAndExtend) {
  Board b;
  // (field, written, expected read back): s32 as is; u16 low 16 bits; u24 low 24; u30 low 30.
  struct Case { int field; std::uint32_t w, r; };
  const Case cases[] = {
    {0, 0xFFFFFFFBu, 0xFFFFFFFBu},  // V = -5
    {1, 0x80000000u, 0x80000000u},  // I_ex
    {2, 0x7FFFFFFFu, 0x7FFFFFFFu},  // I_in
    {3, 0x12345678u, 0x00005678u},  // r u16
    {4, 0xFFFFC000u, 0x0000C000u},  // x u16
    {5, 0x0001FFFFu, 0x0000FFFFu},  // y u16
    {6, 0x00010003u, 0x00000003u},  // pset u16, stored as min(value[15:0], P-1), P = N = 16 here
    {6, 0x0000FFFFu, 0x0000000Fu},
    {8, 0xFFABCDEFu, 0x00ABCDEFu},  // P22 u24
    {9, 0x01000000u, 0x00000000u},  // P11ex u24
    {10, 0x00FFFFFFu, 0x00FFFFFFu}, // P11in u24
    {11, 0xFFFFFFFFu, 0x3FFFFFFFu}, // C21ex u30
    {12, 0x40000001u, 0x00000001u}, // C21in u30
    {13, 0x80000001u, 0x80000001u}, // drive s32
    {14, 0x7FFFFFFFu, 0x7FFFFFFFu}, // theta s32
    {15, 0xFFFF0000u, 0xFFFF0000u}, // v_reset s32
    {16, 0x00030007u, 0x00000007u}, // n_ref u16
  };
  for (const Case& c : cases) {
    b.write_neuron(c.field, 7, {c.w});
    EXPECT_EQ(b.read_neuron(c.field, 7, 1), std::vector<std::uint32_t>{c.r}) << "field " << c.field;
  }
  // Whole-range block write/read, first + count == N.
  std::vector<std::uint32_t> v(kN);
  for (int i = 0; i < kN; ++i) v[i] = std::uint32_t(i * 0x01010101u) ^ 0x80000000u;
  b.write_neuron(15, 0, v);
  EXPECT_EQ(b.read_neuron(15, 0, kN), v);
  EXPECT_EQ(b.read_neuron(15, 3, 2), (std::vector<std::uint32_t>{v[3], v[4]}));
}

TEST(LinkCommands, RegistersTruncateAndExtend) {
  Board b;
  b.write_reg(0, 0xFFFFFFFFu);   // STDP_CTRL: bits 1:0
  b.write_reg(1, 0xFF123456u);   // P_PLUS u24
  b.write_reg(2, 0x00FFFFFFu);   // P_MINUS
  b.write_reg(3, 0x00012345u);   // A_PLUS u16
  b.write_reg(4, 0xFFFF8000u);   // A_MINUS u16
  b.write_reg(5, 0x0000C001u);   // W_MIN s15: bits 14:0 = 0x4001 -> -16383
  b.write_reg(6, 0xFFFF3FFFu);   // W_MAX s15: bits 14:0 = 0x3FFF -> +16383
  EXPECT_EQ(b.read_regs(0, 7), (std::vector<std::uint32_t>{3, 0x123456, 0xFFFFFF, 0x2345, 0x8000,
                                                            0xFFFFC001u, 0x3FFF}));
  // Counters: all eleven in one read; cycles advance between reads.
  auto c1 = b.read_regs(16, 11);
  auto c2 = b.read_regs(16, 2);
  ASSERT_EQ(c1.size(), 11u);
  std::uint64_t t1 = c1[0] | (std::uint64_t(c1[1]) << 32), t2 = c2[0] | (std::uint64_t(c2[1]) << 32);
  EXPECT_GT(t2, t1);
  EXPECT_LE(t2, b.cycles());
}

TEST(LinkCommands, WeightsRoundTrip) {
  Board b;
  const std::uint32_t nn = kN * kN;
  std::vector<std::uint16_t> w(nn);
  for (std::uint32_t i = 0; i < nn; ++i) w[i] = std::uint16_t(i * 2654435761u >> 16);
  // Two frames: MAX_BODY limits a write to (1024 - 6) / 2 = 509 words, a read to 512.
  for (std::uint32_t a = 0; a < nn; a += 128) {
    Bytes body;
    put32(body, a); put16(body, 128);
    for (std::uint32_t i = 0; i < 128; ++i) put16(body, w[a + i]);
    b.ok(WRITE_WEIGHTS, body);
  }
  Bytes rq;
  put32(rq, 0); put16(rq, nn);
  Bytes r = b.ok(READ_WEIGHTS, rq);
  ASSERT_EQ(r.size(), 2 * nn);
  for (std::uint32_t i = 0; i < nn; ++i) ASSERT_EQ(get16(r, 2 * i), w[i]) << "addr " << i;
  // Last word exactly.
  Bytes rl;
  put32(rl, nn - 1); put16(rl, 1);
  r = b.ok(READ_WEIGHTS, rl);
  EXPECT_EQ(get16(r, 0), w[nn - 1]);
}

TEST(LinkCommands, ArgErrors) {
  Board b;
  auto neuron_rq = [](int field, int first, int count) {
    Bytes x{std::uint8_t(field)};
    put16(x, first); put16(x, count);
    return x;
  };
  b.nak(READ_NEURON, neuron_rq(7, 0, 1), N_ARG);       // field 7 does not exist
  b.nak(READ_NEURON, neuron_rq(17, 0, 1), N_ARG);
  b.nak(READ_NEURON, neuron_rq(0, 0, 0), N_ARG);       // count 0
  b.nak(READ_NEURON, neuron_rq(0, kN - 1, 2), N_ARG);  // first + count > N
  Bytes wn = neuron_rq(0, kN, 1);
  put32(wn, 1);
  b.nak(WRITE_NEURON, wn, N_ARG);
  b.nak(READ_REG, Bytes{7, 1}, N_ARG);                 // unknown register
  b.nak(READ_REG, Bytes{5, 3}, N_ARG);                 // 5,6 fine, 7 unknown
  b.nak(READ_REG, Bytes{28, 2}, N_ARG);                // 29 unknown (27, 28: UART counters, docs/uart.md)
  b.nak(READ_REG, Bytes{0, 0}, N_ARG);
  Bytes wr{16};
  put32(wr, 0);
  b.nak(WRITE_REG, wr, N_ARG);                         // counters are read-only
  Bytes rw;
  put32(rw, kN * kN - 1); put16(rw, 2);
  b.nak(READ_WEIGHTS, rw, N_ARG);                      // addr + count > N^2
  Bytes rw2;
  put32(rw2, 0xFFFFFFFFu); put16(rw2, 1);
  b.nak(READ_WEIGHTS, rw2, N_ARG);
  Bytes rw3;
  put32(rw3, 0); put16(rw3, 0);
  b.nak(READ_WEIGHTS, rw3, N_ARG);
  b.nak(RUN, Bytes{0, 0}, N_ARG);                      // steps 0
  // Nothing was executed: NAKS counts them all.
  EXPECT_EQ(b.read_reg(26), 14u);
}

TEST(LinkCommands, ResponseSizeLimit) {
  Board b(64);   // N = 64: N^2 = 4096 words > 512 that fit one READ_WEIGHTS ACK
  Bytes ok;
  put32(ok, 0); put16(ok, kMaxBody / 2);
  EXPECT_EQ(b.ok(READ_WEIGHTS, ok).size(), size_t(kMaxBody));
  Bytes big;
  put32(big, 0); put16(big, kMaxBody / 2 + 1);
  b.nak(READ_WEIGHTS, big, N_ARG);
}

TEST(LinkCommands, ResetStateAndCaps) {
  Board b;
  b.write_neuron(0, 0, {123});
  b.write_reg(3, 9);
  b.ok(RESET_STATE, {});
  EXPECT_EQ(b.read_neuron(0, 0, 1), std::vector<std::uint32_t>{0});   // V is dynamic state
  EXPECT_EQ(b.read_reg(3), 9u);                                       // registers are kept
}

// Parameter sets (model.md §2.2) on the iCE40UP5K configuration (N = 256, one lane, P = 32): fields
// 8..16 address sets (first + count <= P), the others neurons; pset is clamped to P-1 and resets to k mod P.
TEST(LinkCommands, ParamSetsAddressSets) {
  constexpr int kBigN = 256, kP = 32;
  Board b(kBigN, 1, kP);
  const Bytes caps = b.ok(CAPS, {});
  ASSERT_EQ(caps.size(), 18u);
  EXPECT_EQ(get16(caps, 2), std::uint32_t(kBigN));
  EXPECT_EQ(get16(caps, 16), std::uint32_t(kP));
  auto neuron_rq = [](int field, int first, int count) {
    Bytes x{std::uint8_t(field)};
    put16(x, first); put16(x, count);
    return x;
  };
  // Reset values: pset_k = k mod P.
  const auto ps = b.read_neuron(6, 200, 3);
  EXPECT_EQ(ps, (std::vector<std::uint32_t>{200 % kP, 201 % kP, 202 % kP}));
  // Set fields: last set ok, one past it NAK ARG (read and write); neuron fields still reach N - 1.
  b.write_neuron(14, kP - 1, {0x12345678u});
  EXPECT_EQ(b.read_neuron(14, kP - 1, 1), std::vector<std::uint32_t>{0x12345678u});
  b.nak(READ_NEURON, neuron_rq(14, kP - 1, 2), N_ARG);
  b.nak(READ_NEURON, neuron_rq(8, kP, 1), N_ARG);
  Bytes wn = neuron_rq(16, kP, 1);
  put32(wn, 3);
  b.nak(WRITE_NEURON, wn, N_ARG);
  b.write_neuron(0, kBigN - 1, {0xFFFFFFF0u});
  EXPECT_EQ(b.read_neuron(0, kBigN - 1, 1), std::vector<std::uint32_t>{0xFFFFFFF0u});
  // pset of the last neuron: stored as min(value[15:0], P - 1).
  b.write_neuron(6, kBigN - 1, {5u});
  EXPECT_EQ(b.read_neuron(6, kBigN - 1, 1), std::vector<std::uint32_t>{5u});
  b.write_neuron(6, kBigN - 1, {0x0001FFFFu});
  EXPECT_EQ(b.read_neuron(6, kBigN - 1, 1), std::vector<std::uint32_t>{std::uint32_t(kP - 1)});
}
