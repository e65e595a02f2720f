// SPDX-License-Identifier: Apache-2.0
#include "golden_ref.hpp"

#include "spikecore/golden_backend.hpp"

namespace spikecore::cosim {

void read_state(Backend& b, int n, Snapshot& s) {
  for (int f = 0; f < kStateFields; ++f) s.fields[f] = b.read_neuron(f, 0, n);
}

GoldenRef::GoldenRef(sc_core::sc_module_name name, int n, std::optional<Injection> inject)
    : sc_core::sc_module(name), n_(n), dev_(std::make_unique<GoldenBackend>(n)), inject_(inject) {
  SC_THREAD(run);
}

void GoldenRef::run() {
  for (;;) {
    const StepRequest r = req_in.read();
    Snapshot s;
    s.step = r.step;
    s.spiked.assign(std::size_t(n_), 0);
    for (const auto& e : dev_.backend().run(1, r.inputs)) s.spiked.at(e.neuron) = 1;
    if (inject_ && inject_->step == r.step && inject_->neuron < n_) {
      auto v = dev_.backend().read_neuron(0, inject_->neuron, 1);
      v[0] ^= 1u;
      dev_.backend().write_neuron(0, inject_->neuron, v);
    }
    read_state(dev_.backend(), n_, s);
    s.all_weights = dev_.backend().read_weights(0, std::uint32_t(n_) * std::uint32_t(n_));
    out.write(s);
  }
}

}  // namespace spikecore::cosim
