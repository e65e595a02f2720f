// SPDX-License-Identifier: Apache-2.0
#include "channel_transport.hpp"

#include <algorithm>

namespace spikecore::cosim {
namespace {
constexpr std::uint64_t kMinReadCycles = 2000000;
constexpr std::uint64_t kWriteStallCycles = 200000000;
}  // namespace

std::uint64_t ChannelTransport::cycles_per_ms() const {
  const double ms = sc_core::sc_time(1, sc_core::SC_MS) / ch_.period();
  return std::uint64_t(ms);
}

void ChannelTransport::write(const std::uint8_t* data, std::size_t n) {
  ch_.to_dev.insert(ch_.to_dev.end(), data, data + n);
  while (!ch_.to_dev.empty()) {
    const std::size_t before = ch_.to_dev.size();
    sc_core::wait(ch_.period() * double(kWriteStallCycles), ch_.drained);
    if (!ch_.to_dev.empty() && ch_.to_dev.size() == before)
      throw TransportError(describe() + ": core did not accept a byte for " + std::to_string(kWriteStallCycles) +
                           " cycles");
  }
}

std::size_t ChannelTransport::read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) {
  if (max == 0) return 0;
  const std::uint64_t ms = timeout.count() > 0 ? std::uint64_t(timeout.count()) : 0;
  const std::uint64_t budget = std::max(kMinReadCycles, ms * cycles_per_ms());
  if (ch_.from_dev.empty()) sc_core::wait(ch_.period() * double(budget), ch_.arrived);
  if (ch_.from_dev.empty()) return 0;
  // Keep collecting while bytes keep coming, so one read() returns a whole frame.
  while (ch_.from_dev.size() < max) {
    const std::size_t before = ch_.from_dev.size();
    sc_core::wait(ch_.period() * double(ch_.byte_gap_cycles()), ch_.arrived);
    if (ch_.from_dev.size() == before) break;
  }
  const std::size_t k = std::min(max, ch_.from_dev.size());
  std::copy(ch_.from_dev.begin(), ch_.from_dev.begin() + std::ptrdiff_t(k), buf);
  ch_.from_dev.erase(ch_.from_dev.begin(), ch_.from_dev.begin() + std::ptrdiff_t(k));
  return k;
}

void ChannelTransport::idle(std::chrono::microseconds d) {
  const std::uint64_t cycles = std::uint64_t(d.count() > 0 ? d.count() : 0) * cycles_per_ms() / 1000;
  if (cycles > 0) sc_core::wait(ch_.period() * double(cycles));
}

}  // namespace spikecore::cosim
