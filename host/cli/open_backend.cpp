// SPDX-License-Identifier: Apache-2.0
// open_backend() (device.hpp, target.hpp): target string -> Backend. Lives outside the `spikecore` library because
// "sim" needs spikecore_sim, which is built after host/ (SPIKECORE_HAVE_SIM is set when it exists).
#include <algorithm>
#include <memory>
#include <string>

#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/golden_transport.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/target.hpp"
#include "spikecore/transport.hpp"
#ifdef SPIKECORE_HAVE_SIM
#include "spikecore/sim_transport.hpp"
#endif

namespace spikecore {

std::unique_ptr<Backend> open_backend(const std::string& target, int n_neurons, const LinkOptions& opt) {
  int n = n_neurons < 1 ? 1 : n_neurons;
  const TargetSpec t = parse_target(target);
  // An in-process golden core is sized to the network; with :pSETS it is at least SETS neurons, like a board
  // with that many parameter sets (P <= N, model.md §2.2), so a small network runs on an emulated bigger core.
  if (t.kind == TargetSpec::Golden || t.kind == TargetSpec::GoldenLink) n = std::max(n, t.param_sets);
  switch (t.kind) {
    case TargetSpec::Golden:
      return std::make_unique<GoldenBackend>(n, t.weight_bits, t.param_sets);
    case TargetSpec::GoldenLink: {   // protocol path without RTL: LinkBackend over the golden loopback device
      GoldenLinkConfig cfg;
      cfg.n = n;
      cfg.weight_bits = t.weight_bits;
      cfg.param_sets = t.param_sets;
      return std::make_unique<LinkBackend>(std::make_unique<GoldenTransport>(cfg), opt);
    }
    case TargetSpec::Sim:
#ifdef SPIKECORE_HAVE_SIM
      return std::make_unique<LinkBackend>(make_sim_transport(n, 0, t.param_sets), opt);
#else
      throw TransportError("target 'sim': this build has no simulated core (configure with SPIKECORE_BUILD_SIM=ON)");
#endif
    case TargetSpec::Serial:
    case TargetSpec::Tcp: {
      // A board has one fixed core: check it is big enough here rather than deep inside the compiler.
      auto b = std::make_unique<LinkBackend>(open_transport(t), opt);
      if (b->caps().n < n_neurons)
        throw ConfigError("target = " + target + ": the device has n = " + std::to_string(b->caps().n) +
                          " neurons, the network needs " + std::to_string(n_neurons));
      return b;
    }
  }
  throw ConfigError("target = " + target + ": unknown kind");
}

std::unique_ptr<Backend> open_backend(const std::string& target, int n_neurons) {
  return open_backend(target, n_neurons, LinkOptions{});
}

}  // namespace spikecore
