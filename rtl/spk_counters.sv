// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// spk_counters: the counter registers 16..26 of protocol.md §4 in one small RAM instead of 352
// flip-flops with an adder each (on the iCE40UP5K those were ~15 % of the logic cells).
//
// Each counter has a narrow pending register that takes this cycle's events. A flush engine walks
// the 16 RAM words round robin, one per cycle: it reads word w, and in the next cycle writes
// RAM[w] + pending[w] back while pending[w] restarts from that cycle's events, so no event is lost
// and RAM + pending is always the exact count. A LO word's carry-out is an event of its HI word.
// A flush visits every word every 16 cycles, which bounds the pending widths below: every event input
// may be active in every cycle.
//
// A read (rd_req_i) waits for the next flush of its word and returns the value written then: the
// exact count at that cycle, at most 17 cycles after the request. The first pass after rst_ni
// writes pending[w] alone (RAM contents are unknown at power-up), which is the reset value 0 plus
// the events since reset.
//
// Word (= register id - 16): 0 CYCLES_LO, 1 CYCLES_HI, 2 TIMESTEPS, 3 SPIKES, 4 SOPS_LO, 5 SOPS_HI,
// 6 STALL_CYCLES, 7 IN_DROPPED, 8 RX_CRC_ERR, 9 RX_FRAME_ERR, 10 NAKS; 11..15 unused (read 0).
module spk_counters #(
  parameter int SopsPerSpike = 256,   // N: SOPs per delivered spike (model.md §3)
  parameter int DropW        = 11,    // width of dropped_i
  parameter int LutRam       = 0      // 1: the RAM in Xilinx LUT RAM
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // Events of this cycle (every cycle is one CYCLES event)
  input  logic             step_i,      // a timestep completed
  input  logic             spike_i,     // a neuron spiked
  input  logic             sop_i,       // a spike was delivered (N SOPs)
  input  logic             stall_i,     // the run waited for FIFO room
  input  logic [DropW-1:0] dropped_i,   // input events dropped
  input  logic             crc_err_i,   // link: frame rejected for CRC
  input  logic             frame_err_i, // link: frame rejected for length/format
  input  logic             nak_i,       // link: NAK sent
  // Read port
  input  logic             rd_req_i,    // pulse, one request at a time (the next after rd_valid_o)
  input  logic [3:0]       rd_word_i,
  output logic             rd_valid_o,  // pulse, rd_data_o valid
  output logic [31:0]      rd_data_o
);
  localparam int SopsW = $clog2(SopsPerSpike + 1) + 5;   // <= 16 spikes per flush period

  // Pending events per word, wide enough for an event in every cycle of a 16-cycle flush period (a LO
  // word's carry comes at most once per period).
  logic [4:0]       p_cyc_q, p_step_q, p_spk_q, p_sop_q, p_stall_q, p_crc_q, p_frame_q, p_nak_q;
  logic [1:0]       p_cyc_hi_q, p_sop_hi_q;
  logic [DropW+4:0] p_drop_q;

  logic [3:0]  ptr_q, w_q;        // word read this cycle / word written this cycle
  logic        w_valid_q, first_q, w_first_q;
  logic [31:0] ram_q, wdata;
  logic [32:0] sum;
  logic [31:0] add;

  spk_ram_1r1w #(.Width(32), .Depth(16), .AddrWidth(4), .LutRam(LutRam)) u_ram (
    .clk_i, .we_i(w_valid_q), .waddr_i(w_q), .wdata_i(wdata), .re_i(1'b1), .raddr_i(ptr_q), .rdata_o(ram_q)
  );

  always_comb begin
    unique case (w_q)
      4'd0:    add = 32'(p_cyc_q);
      4'd1:    add = 32'(p_cyc_hi_q);
      4'd2:    add = 32'(p_step_q);
      4'd3:    add = 32'(p_spk_q);
      4'd4:    add = 32'(SopsW'(p_sop_q) * SopsW'(SopsPerSpike));
      4'd5:    add = 32'(p_sop_hi_q);
      4'd6:    add = 32'(p_stall_q);
      4'd7:    add = 32'(p_drop_q);
      4'd8:    add = 32'(p_crc_q);
      4'd9:    add = 32'(p_frame_q);
      4'd10:   add = 32'(p_nak_q);
      default: add = 32'd0;
    endcase
  end
  assign sum   = {1'b0, w_first_q ? 32'd0 : ram_q} + {1'b0, add};
  assign wdata = sum[31:0];

  // Flushing word w: its pending register restarts from this cycle's events.
  logic [10:0] fl;
  assign fl = w_valid_q ? 11'(16'd1 << w_q) : 11'd0;
  logic carry_cyc, carry_sop;
  assign carry_cyc = fl[0] && sum[32];
  assign carry_sop = fl[4] && sum[32];

  // Read request: captured until its word is written.
  logic       rd_pend_q;
  logic [3:0] rd_word_q;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      p_cyc_q <= '0; p_spk_q <= '0; p_sop_q <= '0; p_stall_q <= '0; p_crc_q <= '0; p_frame_q <= '0;
      p_nak_q <= '0; p_cyc_hi_q <= '0; p_step_q <= '0; p_sop_hi_q <= '0; p_drop_q <= '0;
      ptr_q <= '0; w_q <= '0; w_valid_q <= 1'b0; first_q <= 1'b1; w_first_q <= 1'b1;
      rd_pend_q <= 1'b0; rd_word_q <= '0; rd_valid_o <= 1'b0; rd_data_o <= '0;
    end else begin
      p_cyc_q    <= (fl[0]  ? '0 : p_cyc_q)    + 5'd1;
      p_cyc_hi_q <= (fl[1]  ? '0 : p_cyc_hi_q) + 2'(carry_cyc);
      p_step_q   <= (fl[2]  ? '0 : p_step_q)   + 5'(step_i);
      p_spk_q    <= (fl[3]  ? '0 : p_spk_q)    + 5'(spike_i);
      p_sop_q    <= (fl[4]  ? '0 : p_sop_q)    + 5'(sop_i);
      p_sop_hi_q <= (fl[5]  ? '0 : p_sop_hi_q) + 2'(carry_sop);
      p_stall_q  <= (fl[6]  ? '0 : p_stall_q)  + 5'(stall_i);
      p_drop_q   <= (fl[7]  ? '0 : p_drop_q)   + {5'b0, dropped_i};
      p_crc_q    <= (fl[8]  ? '0 : p_crc_q)    + 5'(crc_err_i);
      p_frame_q  <= (fl[9]  ? '0 : p_frame_q)  + 5'(frame_err_i);
      p_nak_q    <= (fl[10] ? '0 : p_nak_q)    + 5'(nak_i);
      // Flush pipeline: read ptr_q now, write it next cycle.
      ptr_q     <= ptr_q + 4'd1;
      w_q       <= ptr_q;
      w_valid_q <= 1'b1;
      w_first_q <= first_q;
      if (ptr_q == 4'd15) first_q <= 1'b0;
      // Read port
      rd_valid_o <= 1'b0;
      if (rd_req_i) begin
        rd_pend_q <= 1'b1;
        rd_word_q <= rd_word_i;
      end else if (rd_pend_q && w_valid_q && w_q == rd_word_q) begin
        rd_pend_q  <= 1'b0;
        rd_valid_o <= 1'b1;
        rd_data_o  <= wdata;
      end
    end
  end
endmodule
