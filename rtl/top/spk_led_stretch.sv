// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Activity LED driver: the output stays high for Cycles clock cycles after the last cycle with
// event_i high, so single-byte events (a few hundred ns) become visible blinks.
module spk_led_stretch #(
  parameter int Cycles = 3_000_000
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic event_i,
  output logic led_o
);
  localparam int CntW = $clog2(Cycles + 1);
  localparam integer CyclesI = Cycles;

  logic [CntW-1:0] cnt_q;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      cnt_q <= '0;
    end else if (event_i) begin
      cnt_q <= CyclesI[CntW-1:0];
    end else if (cnt_q != '0) begin
      cnt_q <= cnt_q - 1'b1;
    end
  end

  assign led_o = cnt_q != '0;
endmodule
