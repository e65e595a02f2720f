// SPDX-License-Identifier: Apache-2.0
#include "cosim.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <systemc>

#include "bench.hpp"
#include "byte_driver.hpp"
#include "dut.hpp"
#include "golden_ref.hpp"
#include "host_driver.hpp"
#include "inject.hpp"
#include "reset_gen.hpp"
#include "scoreboard.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/yaml_io.hpp"
#include "uart_transactor.hpp"
#include "verilated.h"
#include "verilated_fst_sc.h"

namespace spikecore::cosim {
namespace {

constexpr double kByteClockNs = 10.0;   // spk_top at 100 MHz, as SimTransport assumes
constexpr int kResetCycles = 16;

void print_rate(const char* what, int n, std::uint32_t steps, double s, std::uint64_t cycles) {
  const double sps = s > 0 ? steps / s : 0, cps = s > 0 ? double(cycles) / s : 0;
  std::printf("bench | %-38s | %5d | %6u | %10.4f | %12.1f | %12.0f |\n", what, n, steps, s, sps, cps);
}

}  // namespace

int run_cosim(const Options& opt) {
  const Network net = load_network(opt.network);
  const DutKind kind = opt.uart ? DutKind::Board : DutKind::Byte;
  const DutVariant& v = pick_variant(kind, net.size(), opt.target_n);
  const CompiledNetwork c = compile(net, v.n);
  std::uint32_t steps = c.steps;
  if (opt.steps >= 0) {
    if (opt.steps > 0xFFFFFFFFLL) throw ConfigError("--steps = " + std::to_string(opt.steps) + ": expected 0..4294967295");
    steps = std::uint32_t(opt.steps);
  }
  if (opt.trace_from < 0 || (steps > 0 && opt.trace_from >= steps))
    throw ConfigError("--trace-from = " + std::to_string(opt.trace_from) + ": expected 0.." +
                      std::to_string(steps == 0 ? 0 : steps - 1));
  std::vector<InputEvent> inputs;
  for (const auto& e : c.inputs)
    if (e.step < steps) inputs.push_back(e);
  const auto inject = test_injection();
  if (inject && inject->neuron >= v.n)
    throw ConfigError("SPIKECORE_COSIM_INJECT neuron = " + std::to_string(inject->neuron) + ": expected 0.." +
                      std::to_string(v.n - 1));

  // sc_stop() is how the run ends, not news.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  if (!opt.trace.empty()) Verilated::traceEverOn(true);
  const sc_core::sc_time period = kind == DutKind::Byte
                                      ? sc_core::sc_time(kByteClockNs, sc_core::SC_NS)
                                      : sc_core::sc_time(1e9 / double(SPIKECORE_COSIM_CLK_HZ), sc_core::SC_NS);
  sc_core::sc_clock clk("clk", period, 0.5, sc_core::SC_ZERO_TIME, true);
  std::unique_ptr<DutModule> dut(v.make("dut"));
  ByteSignals bs;
  PinSignals ps;
  std::unique_ptr<ByteChannel> owner;
  std::unique_ptr<ResetGen> rst;
  ByteChannel* ch = nullptr;
  if (kind == DutKind::Byte) {
    dut->bind_byte(clk, bs);
    auto d = std::make_unique<ByteDriver>("byte_driver", clk, bs);
    ch = d.get();
    owner = std::move(d);
    rst = std::make_unique<ResetGen>("reset", clk, bs.rst_n, kResetCycles);
  } else {
    ps.uart_rx.write(true);   // idle line before the first edge
    dut->bind_board(clk, ps);
    auto u = std::make_unique<UartTransactor>("uart", clk, ps, int(SPIKECORE_COSIM_CLK_HZ / SPIKECORE_COSIM_BAUD));
    ch = u.get();
    owner = std::move(u);
    rst = std::make_unique<ResetGen>("reset", clk, ps.rst_btn_n, kResetCycles);
  }
  GoldenRef golden("golden", v.n, inject);
  Scoreboard sb("scoreboard", v.n);
  HostDriver host("host", *ch, c, inputs, steps, golden, sb);
  sc_core::sc_fifo<StepRequest> req_fifo("req_fifo", 1);
  sc_core::sc_fifo<Snapshot> rtl_fifo("rtl_fifo", 1), gold_fifo("gold_fifo", 1);
  host.golden_req(req_fifo);
  golden.req_in(req_fifo);
  host.rtl_out(rtl_fifo);
  sb.rtl_in(rtl_fifo);
  golden.out(gold_fifo);
  sb.golden_in(gold_fifo);
  host.bench = opt.bench;

  std::unique_ptr<VerilatedFstSc> tfp;
  sc_core::sc_start(sc_core::SC_ZERO_TIME);   // elaborate before tracing (Verilator SystemC tracing rule)
  if (!opt.trace.empty()) {
    tfp = std::make_unique<VerilatedFstSc>();
    dut->trace(tfp.get());
    if (opt.trace_from == 0) {
      tfp->open(opt.trace.c_str());
    } else {
      host.trace_from = std::uint32_t(opt.trace_from);
      host.on_trace_start = [&] { tfp->open(opt.trace.c_str()); };
    }
  }
  if (!opt.quiet)
    std::printf("cosim: %s on %s N=%d lanes=%d, %u steps, %zu forced spikes%s\n", opt.network.c_str(),
                ch->describe().c_str(), v.n, v.lanes, steps, inputs.size(),
                inject ? " (test injection active)" : "");
  sc_core::sc_start();
  if (tfp) {
    if (tfp->isOpen()) tfp->close();
    std::printf("trace: %s (timesteps %lld..%u; whole clock cycles, all signals)\n", opt.trace.c_str(),
                opt.trace_from, sb.mismatch() ? sb.mismatch()->step : (steps ? steps - 1 : 0));
  }

  const DriverResult& r = host.result();
  if (sb.mismatch()) {
    std::printf("MISMATCH at %s\n", sb.mismatch()->describe().c_str());
    std::printf("cosim: FAIL after %u agreeing timesteps\n", sb.steps_agreed());
    return 1;
  }
  if (!r.error.empty()) {
    std::fprintf(stderr, "cosim: error: %s\n", r.error.c_str());
    return r.readback_mismatch ? 1 : 2;
  }
  if (!r.finished) {
    std::fprintf(stderr, "cosim: error: simulation stopped before the driver finished\n");
    return 2;
  }
  if (!opt.quiet)
    std::printf("programming read-back: %zu weights identical to the compiled image; %zu parameter fields x %d "
                "neurons and %zu registers identical to the golden model's\n", r.readback_weights, r.readback_fields, v.n, r.readback_regs);
  std::printf("cosim: PASS: RTL and golden agree on all %u timesteps (%d neurons, %llu spikes, %llu values compared, "
              "programming %llu cycles, lockstep %llu cycles, %.3f s)\n",
              steps, v.n, (unsigned long long)r.spikes, (unsigned long long)sb.values_compared(), (unsigned long long)r.program_cycles,
              (unsigned long long)r.cosim_cycles, r.cosim_seconds);
  if (opt.bench) {
    std::printf("bench | %-38s | %5s | %6s | %10s | %12s | %12s |\n", "engine", "N", "steps", "wall s", "steps/s",
                "cycles/s");
    const BenchFigure g = bench_golden(c, steps, inputs);
    print_rate("golden model alone (cycles = RTL's)", v.n, steps, g.seconds, r.run_cycles);
    try {
      const BenchFigure p = bench_plain_sim(c, steps, inputs);
      print_rate("Verilated, plain C++ harness", v.n, steps, p.seconds, p.cycles);
    } catch (const std::exception& e) {
      std::printf("bench | plain C++ harness: %s\n", e.what());
    }
    print_rate(opt.uart ? "SystemC + UART, one RUN" : "SystemC, one RUN", v.n, steps, r.run_seconds, r.run_cycles);
    print_rate(opt.uart ? "SystemC + UART co-sim, lockstep" : "SystemC co-sim, lockstep + scoreboard", v.n, steps,
               r.cosim_seconds, r.cosim_cycles);
  }
  return 0;
}

}  // namespace spikecore::cosim
