// SPDX-License-Identifier: Apache-2.0
// open_backend() (device.hpp): target name -> Backend. Lives outside the `spikecore` library because "sim" needs
// spikecore_sim, which is built after host/ (SPIKECORE_HAVE_SIM is set when it exists).
#include <memory>
#include <string>

#include "spikecore/device.hpp"
#include "spikecore/golden_backend.hpp"
#include "spikecore/golden_transport.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/transport.hpp"
#ifdef SPIKECORE_HAVE_SIM
#include "spikecore/sim_transport.hpp"
#endif

namespace spikecore {

std::unique_ptr<Backend> open_backend(const std::string& target, int n_neurons) {
  const int n = n_neurons < 1 ? 1 : n_neurons;
  if (target == "golden") return std::make_unique<GoldenBackend>(n);
  if (target == "golden-link") {   // protocol path without RTL: LinkBackend over the golden loopback device
    GoldenLinkConfig cfg;
    cfg.n = n;
    return std::make_unique<LinkBackend>(std::make_unique<GoldenTransport>(cfg));
  }
  if (target == "sim") {
#ifdef SPIKECORE_HAVE_SIM
    return std::make_unique<LinkBackend>(make_sim_transport(n));
#else
    throw TransportError("backend 'sim': this build has no simulated core (configure with SPIKECORE_BUILD_SIM=ON)");
#endif
  }
  throw TransportError("backend = " + target + ": expected golden, golden-link or sim");
}

}  // namespace spikecore
