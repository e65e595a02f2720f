// SPDX-License-Identifier: Apache-2.0
// Target strings: the one option (`--target`) that selects where a network runs. docs/link.md lists them:
//   golden              C++ golden model, in-process
//   golden-link         the protocol to an in-process golden-model device (tests the link code without RTL)
//   golden:w9, golden-link:w9   the same with 9 (9..16) stored bits per weight word (model.md §2.3), as a
//                       narrow-weight board (the xc7a35t boards' 400-neuron configuration)
//   golden:p16, golden-link:w9:p16   ... with 16 (1..n) neuron parameter sets (model.md §2.2), as a board that
//                       shares parameter sets between neurons; :wBITS and :pSETS in any order
//   sim                 Verilated RTL core, in-process (the smallest compiled variant with N >= the network)
//   sim:p32             ... a variant with 32 parameter sets (the iCE40UP5K configuration: N = 256, one lane)
//   /dev/ttyUSB1[@baud] serial port (USB-UART board, or spikecore-sim's pty); baud defaults to DEFAULT_BAUD
//   tcp://host:port     TCP (spikecore-sim --tcp, or a serial-to-TCP bridge)
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "spikecore/device.hpp"
#include "spikecore/link_backend.hpp"
#include "spikecore/transport.hpp"

namespace spikecore {

struct TargetSpec {
  enum Kind { Golden, GoldenLink, Sim, Serial, Tcp };
  Kind kind = Golden;
  std::string path;        ///< Serial: device path
  unsigned baud = 0;       ///< Serial: baud (DEFAULT_BAUD when the string has no @baud)
  std::string host;        ///< Tcp: host name or address
  std::uint16_t port = 0;  ///< Tcp: 1..65535
  int weight_bits = 16;    ///< Golden, GoldenLink: stored bits per weight word (":wBITS" suffix)
  int param_sets = 0;      ///< Golden, GoldenLink, Sim: parameter sets (":pSETS" suffix, 1..n); 0 = n, one per neuron
};

/// Parses a target string (syntax above; a serial path is anything starting with '/' or "./").
/// Throws ConfigError naming the value and the allowed forms, e.g.
/// `target = tcp://host: expected tcp://HOST:PORT with PORT 1..65535`.
TargetSpec parse_target(const std::string& target);

/// Opens the byte stream of a Serial or Tcp target (TransportError as in serial_transport.hpp/tcp_transport.hpp;
/// std::invalid_argument for the in-process kinds, which have no standalone transport).
std::unique_ptr<Transport> open_transport(const TargetSpec& t,
                                          std::chrono::milliseconds connect_timeout = std::chrono::milliseconds{3000});

/// open_backend() of device.hpp with explicit link timeouts/retries (used for serial, TCP, golden-link, sim).
/// For a serial or TCP device whose CAPS n is below `n_neurons`, throws ConfigError naming both. A golden core has
/// n = max(n_neurons, :pSETS) neurons (P <= N, model.md §2.2).
/// Implemented in spikecore_targets (host/cli), which knows whether this build has the simulated core.
std::unique_ptr<Backend> open_backend(const std::string& target, int n_neurons, const LinkOptions& opt);

}  // namespace spikecore
