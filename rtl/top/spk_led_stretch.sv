// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Activity LED drivers: led_o[i] stays high for 7/8..1 x Cycles clock cycles after the last cycle
// with event_i[i] high, so single-byte events (a few hundred ns) become visible blinks. One shared
// prescaler ticks every Cycles/8 cycles and each LED keeps a 4-bit count of ticks, instead of a
// Cycles-wide down-counter per LED (on the iCE40 that saves ~40 logic cells per LED).
module spk_led_stretch #(
  parameter int Cycles = 3_000_000,   // >= 16
  parameter int Num    = 1
) (
  input  logic           clk_i,
  input  logic           rst_ni,
  input  logic [Num-1:0] event_i,
  output logic [Num-1:0] led_o
);
  localparam integer TickI = Cycles / 8;
  localparam int     PreW  = $clog2(TickI);
  localparam logic [PreW-1:0] TickLast = PreW'(TickI - 1);

  logic [PreW-1:0] pre_q;
  logic            tick;
  assign tick = (pre_q == '0);

  always_ff @(posedge clk_i) begin
    if (!rst_ni)   pre_q <= '0;
    else if (tick) pre_q <= TickLast;
    else           pre_q <= pre_q - 1'b1;
  end

  for (genvar i = 0; i < Num; i++) begin : g_led
    logic [3:0] cnt_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni)                   cnt_q <= '0;
      else if (event_i[i])           cnt_q <= 4'd8;
      else if (tick && cnt_q != '0)  cnt_q <= cnt_q - 4'd1;
    end
    assign led_o[i] = (cnt_q != '0);
  end
endmodule
