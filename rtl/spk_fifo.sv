// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Show-ahead FIFO of Depth entries (any Depth >= 2): a spk_ram_1r1w plus an output register,
// so head_o is valid (head_valid_o) without a read request. Capacity is exactly Depth entries:
// push_i is ignored while count_o == Depth, pop_i while the FIFO is empty. flush_i empties it.
module spk_fifo #(
  parameter int Width      = 32,
  parameter int Depth      = 1024,
  parameter int CountWidth = 11    // >= clog2(Depth + 1)
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  flush_i,
  input  logic                  push_i,
  input  logic [Width-1:0]      wdata_i,
  input  logic                  pop_i,
  output logic                  head_valid_o,
  output logic [Width-1:0]      head_o,
  output logic [CountWidth-1:0] count_o
);
  localparam int Aw = (Depth > 1) ? $clog2(Depth) : 1;
  localparam integer LastI = Depth - 1;
  localparam integer DepthI = Depth;
  localparam logic [Aw-1:0] Last = LastI[Aw-1:0];
  localparam logic [CountWidth-1:0] Full = DepthI[CountWidth-1:0];

  logic [Aw-1:0] wptr_q, rptr_q;
  logic [CountWidth-1:0] ram_cnt_q;   // entries in the RAM (not counting the head register)
  logic head_valid_q;
  logic push, pop, load;

  assign push = push_i && (count_o != Full);
  assign pop  = pop_i && head_valid_q;
  // Refill the head register whenever it is (or is about to be) empty and the RAM has data.
  assign load = (ram_cnt_q != '0) && (!head_valid_q || pop);

  spk_ram_1r1w #(.Width(Width), .Depth(Depth), .AddrWidth(Aw)) u_mem (
    .clk_i, .we_i(push), .waddr_i(wptr_q), .wdata_i, .re_i(load), .raddr_i(rptr_q), .rdata_o(head_o)
  );

  always_ff @(posedge clk_i) begin
    if (!rst_ni || flush_i) begin
      wptr_q       <= '0;
      rptr_q       <= '0;
      ram_cnt_q    <= '0;
      head_valid_q <= 1'b0;
    end else begin
      if (push) wptr_q <= (wptr_q == Last) ? '0 : wptr_q + 1'b1;
      if (load) rptr_q <= (rptr_q == Last) ? '0 : rptr_q + 1'b1;
      ram_cnt_q <= ram_cnt_q + {{(CountWidth-1){1'b0}}, push} - {{(CountWidth-1){1'b0}}, load};
      if (load)     head_valid_q <= 1'b1;
      else if (pop) head_valid_q <= 1'b0;
    end
  end

  assign head_valid_o = head_valid_q;
  assign count_o = ram_cnt_q + {{(CountWidth-1){1'b0}}, head_valid_q};
endmodule
