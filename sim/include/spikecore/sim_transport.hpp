// SPDX-License-Identifier: Apache-2.0
// Simulated board: the Verilated spk_top (rtl/) in-process behind the Transport interface.
// Bytes written are pushed into the RTL's rx valid/ready port; read() clocks the model until the
// RTL's tx port produces bytes. The model is clocked only inside write()/read(), so simulated time
// stands still while the host is not talking to it.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "spikecore/transport.hpp"

namespace spikecore {

/// (N, Lanes) of every spk_top variant with one parameter set per neuron (P = N) compiled into
/// spikecore_sim, ascending N.
std::vector<std::pair<int, int>> sim_variants();

/// Opens the variant with the smallest N >= n_min (and Lanes == lanes unless lanes is 0) and
/// ParamSets == param_sets (0: P = N, one set per neuron; model.md §2.2), freshly reset. Throws
/// TransportError listing the compiled variants if none fits.
std::unique_ptr<spikecore::Transport> make_sim_transport(int n_min, int lanes = 0, int param_sets = 0);

/// Clock cycles simulated so far (since reset) by a transport from make_sim_transport().
/// Throws TransportError if `t` is not a simulated transport.
std::uint64_t sim_cycles(const spikecore::Transport& t);

}  // namespace spikecore
