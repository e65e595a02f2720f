// SPDX-License-Identifier: Apache-2.0
// spikecore-cosim: the SystemC co-simulation of one network file (docs/cosim.md). Elaborates clock, reset,
// the Verilated core (spk_top, or spk_board_top with --uart), its byte driver or UART transactor, the host
// driver thread (LinkBackend + Device, as the CLI), the golden reference and the scoreboard, then runs.
#pragma once

#include <cstdint>
#include <string>

namespace spikecore::cosim {

struct Options {
  std::string network;          ///< YAML network file (docs/network-format.md)
  long long steps = -1;         ///< timesteps; -1 = duration/dt from the file
  int target_n = 0;             ///< core variant N; 0 = smallest compiled variant that fits
  std::string trace;            ///< FST output path; empty = no tracing
  long long trace_from = 0;     ///< first timestep dumped to the FST (0 = from reset)
  bool uart = false;            ///< drive spk_board_top through the UART transactor instead of spk_top's byte port
  bool bench = false;           ///< also time golden alone, the plain C++ Verilated harness and one SystemC RUN
  bool quiet = false;
};

/// Runs the co-simulation; prints the verdict (and on a mismatch: timestep, neuron, field, both values).
/// Returns the exit status: 0 agree, 1 mismatch or programming read-back error, 2 bad input or link failure.
/// May be called once per process (SystemC elaborates once).
int run_cosim(const Options& opt);

}  // namespace spikecore::cosim
