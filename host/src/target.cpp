// SPDX-License-Identifier: Apache-2.0
// Target string parsing and opening the external transports (target.hpp).
#include "spikecore/target.hpp"

#include <algorithm>
#include <stdexcept>

#include "spikecore/errors.hpp"
#include "spk_golden.hpp"
#include "spikecore/serial_transport.hpp"
#include "spikecore/tcp_transport.hpp"

namespace spikecore {

namespace {

const char* FORMS =
    "golden[:wBITS][:pSETS], golden-link[:wBITS][:pSETS], sim[:pSETS], /dev/PORT[@BAUD] or tcp://HOST:PORT";

/// Decimal digits only, value in [lo, hi]; false otherwise (no sign, no spaces, no overflow).
bool parse_uint(const std::string& s, unsigned long lo, unsigned long hi, unsigned long& out) {
  if (s.empty() || s.size() > 9) return false;
  unsigned long v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<unsigned long>(ch - '0');
  }
  if (v < lo || v > hi) return false;
  out = v;
  return true;
}

}  // namespace

TargetSpec parse_target(const std::string& target) {
  TargetSpec t;
  for (const auto& [name, kind] : {std::pair{std::string("golden"), TargetSpec::Golden},
                                   std::pair{std::string("golden-link"), TargetSpec::GoldenLink}}) {
    if (target == name) {
      t.kind = kind;
      return t;
    }
    if (target.rfind(name + ":", 0) != 0) continue;
    const std::string opts = target.substr(name.size() + 1);
    if (opts.empty() || (opts[0] != 'w' && opts[0] != 'p')) continue;   // not ours: the generic error below
    // Suffixes ":wBITS" and ":pSETS", each at most once, in any order.
    bool have_w = false, have_p = false;
    std::size_t pos = 0;
    while (pos <= opts.size()) {
      const std::size_t end = std::min(opts.find(':', pos), opts.size());
      const std::string opt = opts.substr(pos, end - pos);
      const std::string value = opt.empty() ? std::string() : opt.substr(1);
      unsigned long v = 0;
      if (!opt.empty() && opt[0] == 'w' && !have_w) {
        if (!parse_uint(value, hls::MIN_WEIGHT_BITS, hls::MAX_WEIGHT_BITS, v))
          throw ConfigError("target = " + target + ": weight bits '" + value + "': expected " + name +
                            ":wBITS with BITS 9..16 (model.md §2.3)");
        t.weight_bits = static_cast<int>(v);
        have_w = true;
      } else if (!opt.empty() && opt[0] == 'p' && !have_p) {
        if (!parse_uint(value, 1, hls::MAX_N, v))
          throw ConfigError("target = " + target + ": parameter sets '" + value + "': expected " + name +
                            ":pSETS with SETS 1..n, n the core's neurons (model.md §2.2)");
        t.param_sets = static_cast<int>(v);
        have_p = true;
      } else {
        throw ConfigError("target = " + target + ": option '" + opt + "': expected " + name +
                          "[:wBITS][:pSETS], each at most once");
      }
      pos = end + 1;
    }
    t.kind = kind;
    return t;
  }
  if (target == "sim") { t.kind = TargetSpec::Sim; return t; }
  if (target.rfind("sim:p", 0) == 0) {   // a compiled variant with that many parameter sets (sim/CMakeLists.txt)
    unsigned long v = 0;
    if (!parse_uint(target.substr(5), 1, hls::MAX_N, v))
      throw ConfigError("target = " + target + ": parameter sets '" + target.substr(5) +
                        "': expected sim:pSETS with SETS 1..n, n the core's neurons (model.md §2.2)");
    t.kind = TargetSpec::Sim;
    t.param_sets = static_cast<int>(v);
    return t;
  }
  if (target.rfind("tcp://", 0) == 0) {
    const std::string rest = target.substr(6);
    const auto colon = rest.rfind(':');
    unsigned long port = 0;
    if (colon == std::string::npos || colon == 0 || !parse_uint(rest.substr(colon + 1), 1, 65535, port))
      throw ConfigError("target = " + target + ": expected tcp://HOST:PORT with PORT 1..65535");
    t.kind = TargetSpec::Tcp;
    t.host = rest.substr(0, colon);
    if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']') t.host = t.host.substr(1, t.host.size() - 2);
    t.port = static_cast<std::uint16_t>(port);
    return t;
  }
  if (!target.empty() && (target[0] == '/' || target.rfind("./", 0) == 0)) {
    t.kind = TargetSpec::Serial;
    t.baud = DEFAULT_BAUD;
    const auto at = target.rfind('@');
    t.path = target.substr(0, at);
    if (at != std::string::npos) {
      unsigned long b = 0;
      if (!parse_uint(target.substr(at + 1), MIN_BAUD, MAX_BAUD, b))
        throw ConfigError("target = " + target + ": baud '" + target.substr(at + 1) + "': expected a whole number " +
                          std::to_string(MIN_BAUD) + ".." + std::to_string(MAX_BAUD) + " (default " +
                          std::to_string(DEFAULT_BAUD) + ")");
      t.baud = static_cast<unsigned>(b);
    }
    if (t.path.size() < 2) throw ConfigError("target = " + target + ": expected a device path such as /dev/ttyUSB1");
    return t;
  }
  throw ConfigError("target = " + target + ": expected " + FORMS);
}

std::unique_ptr<Transport> open_transport(const TargetSpec& t, std::chrono::milliseconds connect_timeout) {
  if (t.kind == TargetSpec::Serial) return std::make_unique<SerialTransport>(t.path, t.baud);
  if (t.kind == TargetSpec::Tcp) return std::make_unique<TcpTransport>(t.host, t.port, connect_timeout);
  throw std::invalid_argument("open_transport: golden, golden-link and sim are in-process backends, not transports");
}

}  // namespace spikecore
