// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Single-port RAM with a registered read and the "no-change" read pattern
// (`if (we) mem[a] <= d; else q <= mem[a];`): Yosys maps this to iCE40 SB_SPRAM256KA
// (synth_ice40 -spram, rule `rdwr no_change` in ice40/spram.txt) or EBR, and to RAMB18/36 on Xilinx.
// rdata_o holds its value while en_i is low, so the core reads a word once and uses it for many cycles.
// The array has no reset (RAM cells cannot be reset); spk_core clears it after rst_ni instead.
module spk_ram_sp #(
  parameter int Width     = 16,
  parameter int Depth     = 256,
  parameter int AddrWidth = 8,    // >= clog2(Depth); addr_i must be < Depth
  // 1: (* ram_style = "block" *), so that small arrays become RAMB18/EBR rather than LUT RAM.
  // 0: no attribute, for the large weight banks: "block" would exclude iCE40 SPRAM, which Yosys
  //    files under ram_style "huge"; large arrays go to RAMB36 on Xilinx without a hint.
  // 2: (* ram_style = "distributed" *): Xilinx LUT RAM, where block RAM is the scarce resource.
  // The attribute must sit on the declaration, hence one generate branch per style.
  parameter int Style     = 1
) (
  input  logic                 clk_i,
  input  logic                 en_i,
  input  logic                 we_i,
  input  logic [AddrWidth-1:0] addr_i,
  input  logic [Width-1:0]     wdata_i,
  output logic [Width-1:0]     rdata_o
);
  if (Style == 1) begin : g_block
    (* ram_style = "block" *) logic [Width-1:0] mem_q [Depth];
`ifndef SYNTHESIS
    // Zero contents so that simulators never see X (model.md §2.4 reset values). Not for synthesis:
    // SB_SPRAM256KA has no initial contents (an init blocks that mapping), and spk_core zeroes
    // every RAM after rst_ni anyway.
    initial begin
      for (int i = 0; i < Depth; i++) mem_q[i] = '0;
    end
`endif
    always_ff @(posedge clk_i) begin
      if (en_i) begin
        if (we_i) mem_q[addr_i] <= wdata_i;
        else      rdata_o <= mem_q[addr_i];
      end
    end
  end else if (Style == 2) begin : g_lut
    (* ram_style = "distributed" *) logic [Width-1:0] mem_q [Depth];
`ifndef SYNTHESIS
    initial begin
      for (int i = 0; i < Depth; i++) mem_q[i] = '0;
    end
`endif
    always_ff @(posedge clk_i) begin
      if (en_i) begin
        if (we_i) mem_q[addr_i] <= wdata_i;
        else      rdata_o <= mem_q[addr_i];
      end
    end
  end else begin : g_auto
    logic [Width-1:0] mem_q [Depth];
`ifndef SYNTHESIS
    initial begin
      for (int i = 0; i < Depth; i++) mem_q[i] = '0;
    end
`endif
    always_ff @(posedge clk_i) begin
      if (en_i) begin
        if (we_i) mem_q[addr_i] <= wdata_i;
        else      rdata_o <= mem_q[addr_i];
      end
    end
  end
endmodule
