// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// UART receiver, 8N1, LSB first, Oversample x oversampling (docs/uart.md).
// The pin goes through a two-flop synchroniser. A low level seen on a tick starts a frame; every bit
// (start, 8 data, stop) is the majority of three samples around its centre. A start bit that reads
// high is a glitch and is ignored. A stop bit that reads low is a framing error (frame_err_o pulses,
// the byte is discarded) and the receiver waits for the line to go high again, so a held-low line
// (break) costs one error, not one per bit time. The receiver returns to idle right after the stop
// bit's centre, which is what gives the +-2 % (in fact about +-4 %) baud tolerance.
module spk_uart_rx #(
  parameter int Oversample = 16         // >= 8
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       tick_i,
  input  logic       rxd_i,        // asynchronous line, idle high
  output logic       valid_o,      // one-cycle pulse with data_o
  output logic [7:0] data_o,
  output logic       frame_err_o,  // one-cycle pulse
  output logic       busy_o
);
  localparam int OsW = $clog2(Oversample);
  // Tick 0 of the start bit is the first tick that sees the (synchronised) line low, 0..1 tick
  // after the true edge as seen through the same synchroniser, so sample k looks at the pin
  // k + U(0,1) ticks after the edge. Samples Oversample/2 - 2 .. Oversample/2 thus average the bit
  // centre; the early side is the one that matters for a fast sender (the drift adds up late).
  localparam int Centre    = Oversample / 2 - 1;
  localparam logic [OsW-1:0] SmpFirst = OsW'(Centre - 1);
  localparam logic [OsW-1:0] SmpLast  = OsW'(Centre + 1);
  localparam logic [OsW-1:0] OsLast   = OsW'(Oversample - 1);

  typedef enum logic [1:0] {StIdle, StBits, StWaitHigh} state_e;

  logic [1:0]     sync_q;
  logic           rxd;
  state_e         state_q;
  logic [3:0]     bit_q;      // 0 = start, 1..8 = data, 9 = stop
  logic [OsW-1:0] os_q;
  logic [1:0]     ones_q;     // high samples of the current bit so far
  logic [7:0]     shift_q;
  logic           sampling, decide, bit_val;

  assign rxd      = sync_q[1];
  assign sampling = tick_i && state_q == StBits && os_q >= SmpFirst && os_q <= SmpLast;
  assign decide   = tick_i && state_q == StBits && os_q == SmpLast;
  // Majority of three: the two earlier samples plus this one.
  assign bit_val  = (ones_q + {1'b0, rxd}) >= 2'd2;
  assign busy_o   = state_q != StIdle;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      sync_q      <= 2'b11;
      state_q     <= StIdle;
      bit_q       <= '0;
      os_q        <= '0;
      ones_q      <= '0;
      shift_q     <= '0;
      valid_o     <= 1'b0;
      data_o      <= '0;
      frame_err_o <= 1'b0;
    end else begin
      sync_q      <= {sync_q[0], rxd_i};
      valid_o     <= 1'b0;
      frame_err_o <= 1'b0;
      unique case (state_q)
        StIdle: begin
          if (tick_i && !rxd) begin
            state_q <= StBits;
            bit_q   <= '0;
            os_q    <= OsW'(1);    // this tick is tick 0 of the start bit
            ones_q  <= '0;
          end
        end
        StBits: begin
          if (tick_i) begin
            os_q <= (os_q == OsLast) ? '0 : os_q + 1'b1;
            if (os_q == OsLast) begin
              bit_q  <= bit_q + 4'd1;
              ones_q <= '0;
            end else if (sampling && !decide) begin
              ones_q <= ones_q + {1'b0, rxd};
            end
            if (decide) begin
              ones_q <= '0;
              if (bit_q == 4'd0) begin
                if (bit_val) state_q <= StIdle;              // glitch, not a start bit
              end else if (bit_q == 4'd9) begin
                if (bit_val) begin
                  valid_o <= 1'b1;
                  data_o  <= shift_q;
                  state_q <= StIdle;
                end else begin
                  frame_err_o <= 1'b1;
                  state_q     <= StWaitHigh;
                end
              end else begin
                shift_q <= {bit_val, shift_q[7:1]};
              end
            end
          end
        end
        StWaitHigh: if (tick_i && rxd) state_q <= StIdle;
        default: state_q <= StIdle;
      endcase
    end
  end
endmodule
