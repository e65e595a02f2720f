// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Simple dual-port RAM: one synchronous write port, one registered read port with enable
// (iCE40 SB_RAM40_4K, Xilinx RAMB18/36 in simple-dual-port mode). A read of the address written
// in the same cycle returns an unspecified word; no user does that (spk_core's accumulators,
// spk_fifo, spk_counters), and `no_rw_check` tells Yosys so: without it Yosys emulates read-first
// behaviour with a bypass register and comparator (on the iCE40, ~60 flip-flops per instance).
module spk_ram_1r1w #(
  parameter int Width     = 16,
  parameter int Depth     = 256,
  parameter int AddrWidth = 8,    // >= clog2(Depth); addresses must be < Depth
  parameter int LutRam    = 0     // 1: (* ram_style = "distributed" *) (Xilinx LUT RAM), else "block"
) (
  input  logic                 clk_i,
  input  logic                 we_i,
  input  logic [AddrWidth-1:0] waddr_i,
  input  logic [Width-1:0]     wdata_i,
  input  logic                 re_i,
  input  logic [AddrWidth-1:0] raddr_i,
  output logic [Width-1:0]     rdata_o
);
  // Zero contents so that simulators never see X (model.md §2.4: reset values are 0). Not for
  // synthesis: SB_SPRAM256KA has no initial contents (an init blocks the mapping), Yosys would unroll
  // the loop slowly, and spk_core zeroes every RAM after rst_ni anyway. The attribute must sit on the
  // declaration, hence one generate branch per style.
  if (LutRam != 0) begin : g_lut
    (* ram_style = "distributed", no_rw_check *) logic [Width-1:0] mem_q [Depth];
`ifndef SYNTHESIS
    initial begin
      for (int i = 0; i < Depth; i++) mem_q[i] = '0;
    end
`endif
    always_ff @(posedge clk_i) begin
      if (we_i) mem_q[waddr_i] <= wdata_i;
      if (re_i) rdata_o <= mem_q[raddr_i];
    end
  end else begin : g_block
    (* ram_style = "block", no_rw_check *) logic [Width-1:0] mem_q [Depth];
`ifndef SYNTHESIS
    initial begin
      for (int i = 0; i < Depth; i++) mem_q[i] = '0;
    end
`endif
    always_ff @(posedge clk_i) begin
      if (we_i) mem_q[waddr_i] <= wdata_i;
      if (re_i) rdata_o <= mem_q[raddr_i];
    end
  end
endmodule
