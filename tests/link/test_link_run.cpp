// SPDX-License-Identifier: Apache-2.0
// RUN, READ_SPIKES, LOAD_INPUTS validation, BUSY and duplicate suppression through the RTL link,
// plus per-command cycle costs (printed, not asserted).
#include <cstdio>

#include "link_harness.hpp"

using namespace linktest;

namespace {
constexpr int kN = 16;

struct Ev { std::uint32_t step, nid; bool operator==(const Ev& o) const { return step == o.step && nid == o.nid; } };

/// All-zero parameters make every neuron fire (V = 0 >= theta = 0); a huge theta silences them, so
/// only forced spikes come out, and weights stay 0 so nothing is delivered.
void silence(Board& b) { b.write_neuron(14, 0, std::vector<std::uint32_t>(kN, 0x7FFFFFFFu)); }

Bytes inputs_body(const std::vector<Ev>& ev) {
  Bytes x;
  put16(x, std::uint32_t(ev.size()));
  for (auto& e : ev) { put16(x, e.step); put16(x, e.nid); }
  return x;
}
Bytes u16(std::uint32_t v) { Bytes x; put16(x, v); return x; }

/// Polls READ_SPIKES until the run is over and the FIFO drained (protocol.md section 3).
std::vector<Ev> drain(Board& b, int max = 8, int* polls = nullptr) {
  std::vector<Ev> out;
  for (int i = 0; i < 200000; ++i) {
    Bytes r = b.ok(READ_SPIKES, u16(max));
    if (r.size() < 3) break;
    std::uint32_t n = get16(r, 1);
    EXPECT_EQ(r.size(), 3 + 4 * n);
    EXPECT_LE(n, std::uint32_t(max));
    for (std::uint32_t k = 0; k < n; ++k) out.push_back({get16(r, 3 + 4 * k), get16(r, 5 + 4 * k)});
    if (polls) ++*polls;
    if (!(r[0] & 1) && (max == 0 || n < std::uint32_t(max))) return out;
  }
  ADD_FAILURE() << "run did not finish";
  return out;
}
}  // namespace

TEST(LinkRun, ForcedSpikesComeBackInOrder) {
  Board b;
  silence(b);
  b.ok(LOAD_INPUTS, inputs_body({{0, 3}, {2, 5}, {2, 1}, {7, 15}, {12, 4}}));
  b.ok(RUN, u16(10));
  // Ascending neuron within a step (model.md section 4 step 4); step 12 >= 10 is dropped.
  auto got = drain(b, 2);
  EXPECT_EQ(got, (std::vector<Ev>{{0, 3}, {2, 1}, {2, 5}, {7, 15}}));
  EXPECT_EQ(b.read_reg(23), 1u);    // IN_DROPPED
  EXPECT_EQ(b.read_reg(18), 10u);   // TIMESTEPS
  EXPECT_EQ(b.read_reg(19), 4u);    // SPIKES
}

TEST(LinkRun, BusyDuringRun) {
  Board b;
  silence(b);
  b.ok(RUN, u16(2000));
  // Allowed while running.
  EXPECT_EQ(b.ok(CAPS, {}).size(), 18u);
  EXPECT_EQ(b.read_regs(16, 2).size(), 2u);
  Bytes s = b.ok(READ_SPIKES, u16(4));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0] & 1, 1);
  // Everything else is refused.
  Bytes wr{3};
  put32(wr, 1);
  b.nak(WRITE_REG, wr, N_BUSY);
  b.nak(RUN, u16(1), N_BUSY);
  b.nak(RESET_STATE, {}, N_BUSY);
  b.nak(LOAD_INPUTS, inputs_body({{0, 1}}), N_BUSY);
  Bytes rn{0};
  put16(rn, 0); put16(rn, 1);
  b.nak(READ_NEURON, rn, N_BUSY);
  // A malformed command is still LENGTH (the body check comes first).
  b.nak(RUN, Bytes{1}, N_LENGTH);
  int polls = 0;
  EXPECT_TRUE(drain(b, 8, &polls).empty());
  b.write_reg(3, 1);   // idle again
  EXPECT_EQ(b.read_reg(18), 2000u);
  std::printf("[ cycles ] RUN 2000 steps N=16 finished after %d READ_SPIKES polls, %llu cycles total\n",
              polls, (unsigned long long)b.cycles());
}

TEST(LinkRun, LoadInputsFullNothingStored) {
  Board b;
  silence(b);
  // 1024 entries: 4 frames of 255 events (1 + 4*255 = 1021 bytes <= MAX_BODY) + 4.
  std::vector<Ev> frame255(255, Ev{0, 0});
  for (int f = 0; f < 4; ++f) b.ok(LOAD_INPUTS, inputs_body(frame255));
  b.nak(LOAD_INPUTS, inputs_body(std::vector<Ev>(5, Ev{1, 2})), N_FULL);
  b.ok(LOAD_INPUTS, inputs_body(std::vector<Ev>(4, Ev{1, 2})));
  b.nak(LOAD_INPUTS, inputs_body({{1, 3}}), N_FULL);
  b.ok(RUN, u16(2));
  auto got = drain(b, 255);
  // 1020 forced spikes of neuron 0 at step 0 are one spike; 4 of neuron 2 at step 1 are one spike.
  EXPECT_EQ(got, (std::vector<Ev>{{0, 0}, {1, 2}}));
  EXPECT_EQ(b.read_reg(23), 0u);
}

TEST(LinkRun, LoadInputsOrderAndArg) {
  Board b;
  silence(b);
  b.nak(LOAD_INPUTS, inputs_body({{1, 1}, {3, 2}, {2, 3}}), N_ORDER);   // descending inside
  b.ok(LOAD_INPUTS, inputs_body({{4, 1}}));
  b.nak(LOAD_INPUTS, inputs_body({{4, 2}, {3, 3}}), N_ORDER);
  b.nak(LOAD_INPUTS, inputs_body({{3, 2}}), N_ORDER);                   // below the buffered 4
  b.nak(LOAD_INPUTS, inputs_body({{5, 2}, {6, kN}}), N_ARG);            // neuron >= N
  b.nak(LOAD_INPUTS, inputs_body({}), N_ARG);                           // count 0
  b.ok(LOAD_INPUTS, inputs_body({{4, 0}, {6, 9}}));                     // equal step allowed
  b.ok(RUN, u16(8));
  EXPECT_EQ(drain(b), (std::vector<Ev>{{4, 0}, {4, 1}, {6, 9}}));
}

TEST(LinkRun, DuplicatesResendWithoutExecuting) {
  Board b;
  silence(b);
  b.ok(LOAD_INPUTS, inputs_body({{0, 1}, {0, 2}, {1, 3}}));
  // The same LOAD_INPUTS frame twice: stored once.
  std::uint8_t s = b.next_seq();
  Bytes li = frame(LOAD_INPUTS, s, inputs_body({{1, 4}}));
  Response a1 = b.transact_raw(li);
  Response a2 = b.transact_raw(li);
  EXPECT_EQ(a1.raw, a2.raw);
  EXPECT_EQ(a1.type, 0x80 | LOAD_INPUTS);
  b.ok(RUN, u16(3));
  drain(b, 0);   // max 0: status only, until the run is over
  // READ_SPIKES retried: identical response, FIFO popped once.
  s = b.next_seq();
  Bytes rs = frame(READ_SPIKES, s, u16(2));
  Response r1 = b.transact_raw(rs);
  Response r2 = b.transact_raw(rs);
  EXPECT_EQ(r1.raw, r2.raw);
  ASSERT_EQ(r1.body.size(), 3u + 8u);
  EXPECT_EQ(get16(r1.body, 1), 2u);
  EXPECT_EQ(get16(r1.body, 5), 1u);
  EXPECT_EQ(get16(r1.body, 9), 2u);
  auto rest = drain(b, 8);
  EXPECT_EQ(rest, (std::vector<Ev>{{1, 3}, {1, 4}}));
  // WRITE_REG with a reused (seq, type) is not applied, even with another value.
  s = b.next_seq();
  Bytes w5{3}, w7{3};
  put32(w5, 5); put32(w7, 7);
  Response k1 = b.transact_raw(frame(WRITE_REG, s, w5));
  Response k2 = b.transact_raw(frame(WRITE_REG, s, w7));
  EXPECT_EQ(k1.raw, k2.raw);
  EXPECT_EQ(b.read_reg(3), 5u);
  // Same seq, different type: a new command.
  Response k3 = b.transact_raw(frame(READ_REG, s, Bytes{3, 1}));
  EXPECT_EQ(k3.type, 0x80 | READ_REG);
  EXPECT_EQ(get32(k3.body, 0), 5u);
  // A NAK in between does not forget the pair.
  s = b.next_seq();
  Bytes w9{4};
  put32(w9, 9);
  b.transact_raw(frame(WRITE_REG, s, w9));
  b.nak(0x33, {}, N_TYPE);
  Bytes w10{4};
  put32(w10, 10);
  Response k4 = b.transact_raw(frame(WRITE_REG, s, w10));
  EXPECT_EQ(k4.type, 0x80 | WRITE_REG);
  EXPECT_EQ(b.read_reg(4), 9u);
}

TEST(LinkRun, ReadSpikesMaxIsClampedToOneResponse) {
  Board b;
  silence(b);
  std::vector<Ev> ev;
  for (int t = 0; t < 40; ++t) for (int k = 0; k < kN; ++k) ev.push_back({std::uint32_t(t), std::uint32_t(k)});
  for (size_t i = 0; i < ev.size(); i += 255) {
    b.ok(LOAD_INPUTS, inputs_body(std::vector<Ev>(ev.begin() + i, ev.begin() + std::min(ev.size(), i + 255))));
  }
  b.ok(RUN, u16(40));
  auto got = drain(b, 65535);   // at most (1024 - 3) / 4 = 255 per response
  EXPECT_EQ(got, ev);
}

TEST(LinkRun, CommandCycleCosts) {
  Board b;
  auto cost = [&](const char* name, std::uint8_t type, const Bytes& body) {
    std::uint64_t c0 = b.cycles();
    b.ok(type, body);
    std::printf("[ cycles ] %-34s %7llu (request %zu + response bytes on the wire included)\n", name,
                (unsigned long long)(b.cycles() - c0), body.size());
  };
  cost("CAPS", CAPS, {});
  Bytes w1{0};
  put16(w1, 0); put16(w1, 1); put32(w1, 1);
  cost("WRITE_NEURON x1", WRITE_NEURON, w1);
  Bytes w16{0};
  put16(w16, 0); put16(w16, 16);
  for (int i = 0; i < 16; ++i) put32(w16, i);
  cost("WRITE_NEURON x16", WRITE_NEURON, w16);
  Bytes r16{0};
  put16(r16, 0); put16(r16, 16);
  cost("READ_NEURON x16", READ_NEURON, r16);
  Bytes wr{3};
  put32(wr, 1);
  cost("WRITE_REG", WRITE_REG, wr);
  cost("READ_REG x11", READ_REG, Bytes{16, 11});
  Bytes ww;
  put32(ww, 0); put16(ww, 256);
  for (int i = 0; i < 256; ++i) put16(ww, i);
  cost("WRITE_WEIGHTS x256", WRITE_WEIGHTS, ww);
  Bytes rw;
  put32(rw, 0); put16(rw, 256);
  cost("READ_WEIGHTS x256", READ_WEIGHTS, rw);
  cost("LOAD_INPUTS x1", LOAD_INPUTS, inputs_body({{0, 0}}));
  cost("LOAD_INPUTS x255", LOAD_INPUTS, inputs_body(std::vector<Ev>(255, Ev{0, 0})));
  cost("RUN (ACK at start)", RUN, u16(1));
  drain(b, 0);
  cost("READ_SPIKES empty", READ_SPIKES, u16(8));
  cost("RESET_STATE (N=16)", RESET_STATE, {});
}
