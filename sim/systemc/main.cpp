// SPDX-License-Identifier: Apache-2.0
// spikecore-cosim NET.yaml [--steps T] [--target-n N] [--trace out.fst [--trace-from S]] [--uart] [--bench]
// SystemC co-simulation of the RTL core against the golden model (docs/cosim.md). Exit status: 0 both agree
// on every timestep, 1 mismatch (first difference printed), 2 bad input or link failure.
#include <cstdio>
#include <cstdlib>
#include <systemc>

#include <CLI/CLI.hpp>

#include "cosim.hpp"

int sc_main(int argc, char* argv[]) {
  spikecore::cosim::Options o;
  CLI::App app{"SystemC co-simulation of the spikecore RTL against the golden model, checked every timestep"};
  app.add_option("network", o.network, "Network YAML file (docs/network-format.md)")->required();
  app.add_option("--steps", o.steps, "Timesteps (default: duration/dt from the file)")->check(CLI::Range(0LL, 4294967295LL));
  app.add_option("--target-n", o.target_n, "Core variant N (default: the smallest compiled one that fits)");
  app.add_option("--trace", o.trace, "Write an FST waveform of the core to this file");
  app.add_option("--trace-from", o.trace_from, "First timestep in the FST (default 0: from reset)");
  app.add_flag("--uart", o.uart, "Drive spk_board_top's UART pins through the UART transactor");
  app.add_flag("--bench", o.bench, "Also time golden alone, the plain Verilated harness and one SystemC RUN");
  app.add_flag("-q,--quiet", o.quiet, "Print only the verdict");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return spikecore::cosim::run_cosim(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spikecore-cosim: error: %s\n", e.what());
    return 2;
  }
}
