// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Oversampling tick for the UART (docs/uart.md): a one-cycle pulse at Oversample * Baud on average,
// made by a phase accumulator (acc += Oversample*Baud modulo ClkHz), so the rate is exact on average
// for any ClkHz/Baud ratio (100 MHz / 3 Mbaud gives 2.083 cycles per tick, which an integer divider
// would round to a 4 % baud error). Tick spacing jitters by one clock cycle.
module spk_uart_tick #(
  parameter int ClkHz      = 100_000_000,
  parameter int Baud       = 3_000_000,
  parameter int Oversample = 16          // ClkHz >= Oversample * Baud
) (
  input  logic clk_i,
  input  logic rst_ni,
  output logic tick_o
);
  localparam logic [31:0] Inc = 32'(Oversample * Baud);
  localparam logic [31:0] Mod = 32'(ClkHz);

`ifndef SYNTHESIS
  initial begin
    if (Oversample * Baud > ClkHz || Baud <= 0 || Oversample < 4) begin
      $fatal(1, "spk_uart_tick: need Baud > 0, Oversample >= 4 and Oversample*Baud <= ClkHz (%0d*%0d > %0d)",
             Oversample, Baud, ClkHz);
    end
  end
`endif

  logic [32:0] sum;
  logic [31:0] acc_q;
  assign sum = {1'b0, acc_q} + {1'b0, Inc};

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      acc_q  <= '0;
      tick_o <= 1'b0;
    end else if (sum >= {1'b0, Mod}) begin
      acc_q  <= 32'(sum - {1'b0, Mod});
      tick_o <= 1'b1;
    end else begin
      acc_q  <= sum[31:0];
      tick_o <= 1'b0;
    end
  end
endmodule
