// SPDX-License-Identifier: Apache-2.0
// Target strings (target.hpp) and the link's version / no-answer errors (link_backend.cpp).
#include <gtest/gtest.h>

#include <deque>

#include "spikecore/errors.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/protocol.hpp"
#include "spikecore/serial_transport.hpp"
#include "spikecore/target.hpp"

#include "error_of.hpp"

using namespace spikecore;

namespace {

using spikecore::testing_util::error_of;

/// Answers every request with one canned frame (or nothing), echoing the request's seq.
class CannedDevice : public Transport {
 public:
  CannedDevice(std::uint8_t ver, std::uint8_t type, std::vector<std::uint8_t> body, int* requests = nullptr)
      : ver_(ver), type_(type), body_(std::move(body)), silent_(requests != nullptr), requests_(requests) {}
  void write(const std::uint8_t* d, std::size_t n) override {
    rx_.feed(d, n);
    proto::Frame f;
    while (rx_.next(f)) {
      if (silent_) {
        ++*requests_;
        continue;
      }
      const auto b = proto::encode({ver_, type_, f.seq, body_});
      tx_.insert(tx_.end(), b.begin(), b.end());
    }
  }
  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds) override {
    std::size_t k = 0;
    while (k < max && !tx_.empty()) buf[k++] = tx_.front(), tx_.pop_front();
    return k;
  }
  std::string describe() const override { return "canned"; }
 private:
  std::uint8_t ver_, type_;
  std::vector<std::uint8_t> body_;
  bool silent_;
  int* requests_;
  proto::Decoder rx_;
  std::deque<std::uint8_t> tx_;
};

std::vector<std::uint8_t> caps_v(std::uint8_t proto_v, std::uint8_t model, std::uint16_t param_sets = 16) {
  proto::CapsBody c;
  c.proto = proto_v;
  c.model_format = model;
  c.n = 16;
  c.param_sets = param_sets;
  c.lanes = 1;
  c.max_body = 1024;
  c.in_depth = 256;
  c.out_depth = 256;
  return proto::caps_body(c);
}

}  // namespace

TEST(Target, ParsesEveryForm) {
  EXPECT_EQ(parse_target("golden").kind, TargetSpec::Golden);
  EXPECT_EQ(parse_target("golden-link").kind, TargetSpec::GoldenLink);
  EXPECT_EQ(parse_target("sim").kind, TargetSpec::Sim);
  EXPECT_EQ(parse_target("sim").param_sets, 0);
  EXPECT_EQ(parse_target("sim:p32").kind, TargetSpec::Sim);
  EXPECT_EQ(parse_target("sim:p32").param_sets, 32);
  EXPECT_EQ(parse_target("golden").weight_bits, 16);
  EXPECT_EQ(parse_target("golden:w9").kind, TargetSpec::Golden);
  EXPECT_EQ(parse_target("golden:w9").weight_bits, 9);
  EXPECT_EQ(parse_target("golden-link:w12").kind, TargetSpec::GoldenLink);
  EXPECT_EQ(parse_target("golden-link:w12").weight_bits, 12);
  EXPECT_EQ(open_backend("golden:w9", 4)->caps().weight_bits, 9);
  EXPECT_EQ(open_backend("golden-link:w10", 4)->caps().weight_bits, 10);
  auto s = parse_target("/dev/ttyUSB1");
  EXPECT_EQ(s.kind, TargetSpec::Serial);
  EXPECT_EQ(s.path, "/dev/ttyUSB1");
  EXPECT_EQ(s.baud, 3000000u);
  s = parse_target("/dev/ttyUSB1@115200");
  EXPECT_EQ(s.path, "/dev/ttyUSB1");
  EXPECT_EQ(s.baud, 115200u);
  EXPECT_EQ(parse_target("./ttyA@12000000").baud, 12000000u);
  auto t = parse_target("tcp://localhost:5555");
  EXPECT_EQ(t.kind, TargetSpec::Tcp);
  EXPECT_EQ(t.host, "localhost");
  EXPECT_EQ(t.port, 5555);
  t = parse_target("tcp://[::1]:65535");
  EXPECT_EQ(t.host, "::1");
  EXPECT_EQ(t.port, 65535);
}

TEST(Target, BadStringsNameTheValue) {
  EXPECT_EQ(error_of([] { parse_target("nosuch"); }),
            "target = nosuch: expected golden[:wBITS][:pSETS], golden-link[:wBITS][:pSETS], sim[:pSETS], /dev/PORT[@BAUD] or "
            "tcp://HOST:PORT");
  EXPECT_EQ(error_of([] { parse_target("golden:w8"); }),
            "target = golden:w8: weight bits '8': expected golden:wBITS with BITS 9..16 (model.md §2.3)");
  EXPECT_EQ(error_of([] { parse_target("golden-link:wx"); }),
            "target = golden-link:wx: weight bits 'x': expected golden-link:wBITS with BITS 9..16 (model.md §2.3)");
  EXPECT_EQ(error_of([] { parse_target("/dev/ttyUSB1@fast"); }),
            "target = /dev/ttyUSB1@fast: baud 'fast': expected a whole number 300..12000000 (default 3000000)");
  EXPECT_EQ(error_of([] { parse_target("/dev/ttyUSB1@20000000"); }),
            "target = /dev/ttyUSB1@20000000: baud '20000000': expected a whole number 300..12000000 (default 3000000)");
  EXPECT_EQ(error_of([] { parse_target("tcp://host"); }), "target = tcp://host: expected tcp://HOST:PORT with PORT 1..65535");
  EXPECT_EQ(error_of([] { parse_target("tcp://host:0"); }), "target = tcp://host:0: expected tcp://HOST:PORT with PORT 1..65535");
  EXPECT_EQ(error_of([] { parse_target("tcp://:80"); }), "target = tcp://:80: expected tcp://HOST:PORT with PORT 1..65535");
  EXPECT_THROW(parse_target(""), ConfigError);
}

TEST(Target, ParamSetsSuffixInAnyOrderWithWeightBits) {
  const TargetSpec a = parse_target("golden:p16");
  EXPECT_EQ(a.kind, TargetSpec::Golden);
  EXPECT_EQ(a.param_sets, 16);
  EXPECT_EQ(a.weight_bits, 16);
  const TargetSpec b = parse_target("golden-link:w9:p16");
  EXPECT_EQ(b.kind, TargetSpec::GoldenLink);
  EXPECT_EQ(b.weight_bits, 9);
  EXPECT_EQ(b.param_sets, 16);
  const TargetSpec c = parse_target("golden:p4:w10");
  EXPECT_EQ(c.kind, TargetSpec::Golden);
  EXPECT_EQ(c.weight_bits, 10);
  EXPECT_EQ(c.param_sets, 4);
  EXPECT_EQ(parse_target("golden").param_sets, 0);   // 0 = n, one set per neuron
  EXPECT_EQ(parse_target("golden-link:w12").param_sets, 0);
  // The opened device reports them in CAPS: directly and through the protocol.
  const Caps g = open_backend("golden:p4", 10)->caps();
  EXPECT_EQ(g.n, 10);
  EXPECT_EQ(g.param_sets, 4);
  const Caps l = open_backend("golden-link:w9:p3", 8)->caps();
  EXPECT_EQ(l.n, 8);
  EXPECT_EQ(l.weight_bits, 9);
  EXPECT_EQ(l.param_sets, 3);
  EXPECT_EQ(open_backend("golden", 5)->caps().param_sets, 5);
  EXPECT_EQ(open_backend("golden-link", 7)->caps().param_sets, 7);
  EXPECT_EQ(open_backend("golden:p10", 10)->caps().param_sets, 10);   // P = n is allowed
}

TEST(Target, BadParamSetsNameTheValueAndRange) {
  EXPECT_EQ(error_of([] { parse_target("golden:p0"); }),
            "target = golden:p0: parameter sets '0': expected golden:pSETS with SETS 1..n, n the core's neurons "
            "(model.md §2.2)");
  EXPECT_EQ(error_of([] { parse_target("golden-link:w9:px"); }),
            "target = golden-link:w9:px: parameter sets 'x': expected golden-link:pSETS with SETS 1..n, n the core's "
            "neurons (model.md §2.2)");
  EXPECT_EQ(error_of([] { parse_target("golden:p"); }),
            "target = golden:p: parameter sets '': expected golden:pSETS with SETS 1..n, n the core's neurons "
            "(model.md §2.2)");
  EXPECT_EQ(error_of([] { parse_target("golden:p4:p8"); }),
            "target = golden:p4:p8: option 'p8': expected golden[:wBITS][:pSETS], each at most once");
  EXPECT_EQ(error_of([] { parse_target("golden:w9:"); }),
            "target = golden:w9:: option '': expected golden[:wBITS][:pSETS], each at most once");
  EXPECT_EQ(error_of([] { parse_target("golden:w9:q3"); }),
            "target = golden:w9:q3: option 'q3': expected golden[:wBITS][:pSETS], each at most once");
  EXPECT_EQ(error_of([] { parse_target("sim:p0"); }),
            "target = sim:p0: parameter sets '0': expected sim:pSETS with SETS 1..n, n the core's neurons (model.md §2.2)");
  // More sets than the network has neurons: the emulated core has as many neurons as sets (P <= N), as a board
  // with that many sets would.
  EXPECT_EQ(open_backend("golden:p16", 10)->caps().n, 16);
  EXPECT_EQ(open_backend("golden:p16", 10)->caps().param_sets, 16);
  EXPECT_EQ(open_backend("golden-link:p11:w9", 10)->caps().n, 11);
  EXPECT_EQ(open_backend("golden:p4", 10)->caps().n, 10);
}

TEST(Target, OpenBackendNamesMissingDevice) {
  EXPECT_EQ(error_of([] { open_backend("/dev/ttyUSB_spikecore_none@115200", 4); }),
            "no device at /dev/ttyUSB_spikecore_none");
  EXPECT_THROW(open_backend("bogus", 4), ConfigError);
}

TEST(LinkErrors, OtherProtocolVersionIsNamed) {
  // A v2 device answering in v2 frames.
  EXPECT_EQ(error_of([] { LinkBackend b(std::make_unique<CannedDevice>(2, proto::RESPONSE + proto::CAPS, caps_v(2, 1))); }),
            "device answered protocol v2, host speaks v1 (canned)");
  // A v1-framed CAPS reporting protocol 2.
  EXPECT_EQ(error_of([] { LinkBackend b(std::make_unique<CannedDevice>(1, proto::RESPONSE + proto::CAPS, caps_v(2, 1))); }),
            "device answered protocol v2, host speaks v1 (canned)");
  EXPECT_EQ(error_of([] { LinkBackend b(std::make_unique<CannedDevice>(1, proto::RESPONSE + proto::CAPS, caps_v(1, 3))); }),
            "device uses model format 3, host speaks model format 1 (canned)");
  EXPECT_EQ(error_of([] {
              LinkBackend b(std::make_unique<CannedDevice>(1, proto::NAK, proto::nak_body({proto::NAK_VERSION, 1})));
            }),
            "device rejected protocol v1 frames (NAK VERSION): it speaks another protocol version (canned)");
}

TEST(LinkErrors, CapsParamSetsOutsideOneToN) {
  // protocol.md §3: param_sets is 1..n (here n = 16).
  const auto open = [](std::vector<std::uint8_t> caps) {
    LinkBackend b(std::make_unique<CannedDevice>(1, proto::RESPONSE + proto::CAPS, std::move(caps)));
    return b.caps();
  };
  EXPECT_EQ(error_of([&] { open(caps_v(1, 1, 0)); }),
            "CAPS: device reports param_sets = 0: expected 1..16 (1..n, model.md §2.2; canned)");
  EXPECT_EQ(error_of([&] { open(caps_v(1, 1, 17)); }),
            "CAPS: device reports param_sets = 17: expected 1..16 (1..n, model.md §2.2; canned)");
  EXPECT_EQ(open(caps_v(1, 1, 1)).param_sets, 1);
  EXPECT_EQ(open(caps_v(1, 1, 16)).param_sets, 16);
  // A device answering the 16-byte CAPS of protocol.md before parameter sets.
  auto old = caps_v(1, 1);
  old.resize(16);
  EXPECT_EQ(error_of([&] { open(old); }), "CAPS: malformed response: body is not 18 bytes");
}

TEST(LinkErrors, NoAnswerAfterBoundedTries) {
  int requests = 0;
  auto dev = std::make_unique<CannedDevice>(1, 0, std::vector<std::uint8_t>{}, &requests);
  LinkOptions opt;
  opt.retries = 3;
  opt.timeout = std::chrono::milliseconds{20};
  EXPECT_EQ(error_of([&] { LinkBackend b(std::move(dev), opt); }), "CAPS: no answer from canned after 4 tries (20 ms each)");
  EXPECT_EQ(requests, 4);
}
