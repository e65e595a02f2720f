// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// UART transmitter, 8N1, LSB first (docs/uart.md). One bit lasts Oversample ticks of spk_uart_tick.
// A byte is taken (valid and ready at a rising edge) only on a tick, either while idle or in the
// last tick of the previous stop bit, so back-to-back bytes leave no gap and every bit is exactly
// Oversample ticks long.
module spk_uart_tx #(
  parameter int Oversample = 16
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       tick_i,
  input  logic       valid_i,
  input  logic [7:0] data_i,
  output logic       ready_o,
  output logic       txd_o,      // line, idle high (registered: no glitches on the pin)
  output logic       busy_o
);
  localparam int OsW = $clog2(Oversample);
  localparam logic [OsW-1:0] OsLast = OsW'(Oversample - 1);

  logic          active_q;
  logic [8:0]    shift_q;     // {stop, data[7:0]} still to send after the start bit
  logic [3:0]    bit_q;       // 0 = start .. 9 = stop
  logic [OsW-1:0] os_q;
  logic          bit_end, load;

  assign bit_end = tick_i && os_q == OsLast;
  assign ready_o = tick_i && (!active_q || (bit_end && bit_q == 4'd9));
  assign load    = valid_i && ready_o;
  assign busy_o  = active_q;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      active_q <= 1'b0;
      shift_q  <= '1;
      bit_q    <= '0;
      os_q     <= '0;
      txd_o    <= 1'b1;
    end else begin
      if (load) begin
        active_q <= 1'b1;
        shift_q  <= {1'b1, data_i};
        bit_q    <= '0;
        os_q     <= '0;
        txd_o    <= 1'b0;
      end else if (active_q && tick_i) begin
        os_q <= os_q + 1'b1;
        if (bit_end) begin
          if (bit_q == 4'd9) begin
            active_q <= 1'b0;
            txd_o    <= 1'b1;
          end else begin
            bit_q   <= bit_q + 4'd1;
            shift_q <= {1'b1, shift_q[8:1]};
            txd_o   <= shift_q[0];
          end
        end
      end
    end
  end
endmodule
