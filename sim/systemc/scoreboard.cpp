// SPDX-License-Identifier: Apache-2.0
#include "scoreboard.hpp"

#include <cstdio>

namespace spikecore::cosim {

std::string Mismatch::describe() const {
  char buf[256];
  std::snprintf(buf, sizeof buf, "timestep %u, neuron %d, field %s: rtl = %lld (0x%llx), golden = %lld (0x%llx)",
                step, neuron, field.c_str(), (long long)rtl, (unsigned long long)(std::uint64_t(rtl) & 0xFFFFFFFFull),
                (long long)golden, (unsigned long long)(std::uint64_t(golden) & 0xFFFFFFFFull));
  std::string s = buf;
  if (more > 0) s += " (" + std::to_string(more) + " more differences at this step)";
  return s;
}

std::optional<Mismatch> compare(const Snapshot& rtl, const Snapshot& golden, int n) {
  std::optional<Mismatch> first;
  int count = 0;
  auto note = [&](int neuron, std::string field, std::int64_t a, std::int64_t b) {
    if (++count == 1) first = Mismatch{rtl.step, neuron, std::move(field), a, b, 0};
  };
  for (int k = 0; k < n; ++k) {
    if (rtl.spiked.at(k) != golden.spiked.at(k)) note(k, "spike", rtl.spiked[k], golden.spiked[k]);
    for (int f = 0; f < kStateFields; ++f) {
      const std::int32_t a = std::int32_t(rtl.fields[f].at(k)), b = std::int32_t(golden.fields[f].at(k));
      if (a != b) note(k, state_field_name(f), a, b);
    }
  }
  for (const auto& [addr, word] : rtl.weights) {
    const std::uint16_t g = golden.all_weights.at(addr);
    if (word != g) {
      const int pre = int(addr) / n, post = int(addr) % n;
      note(pre, "w[" + std::to_string(pre) + "][" + std::to_string(post) + "]", word, g);   // raw words (model.md §2.3)
    }
  }
  if (first) first->more = count - 1;
  return first;
}

Scoreboard::Scoreboard(sc_core::sc_module_name name, int n) : sc_core::sc_module(name), n_(n) {
  SC_THREAD(run);
}

void Scoreboard::run() {
  for (;;) {
    const Snapshot a = rtl_in.read();
    const Snapshot b = golden_in.read();
    values_ += std::uint64_t(n_) * (1 + kStateFields) + a.weights.size();
    if (auto m = compare(a, b, n_)) {
      mismatch_ = m;
      sc_core::sc_stop();
      return;
    }
    ++agreed_;
    checked_.notify(sc_core::SC_ZERO_TIME);
  }
}

}  // namespace spikecore::cosim
