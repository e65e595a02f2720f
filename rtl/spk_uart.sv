// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// UART PHY (docs/uart.md): 8N1 receiver and transmitter at Baud from a ClkHz clock, a receive FIFO
// between the line and the link's byte stream, and the error counters the link reports as registers
// 27 (UART_FRAME_ERR) and 28 (UART_RX_OVERFLOW). The FIFO absorbs the bytes that arrive while the
// link is busy executing a command or sending its response; RxFifoDepth is sized in docs/uart.md.
module spk_uart #(
  parameter int ClkHz       = 100_000_000,
  parameter int Baud        = 3_000_000,
  parameter int Oversample  = 16,      // 8..16; ClkHz >= Oversample * Baud
  parameter int RxFifoDepth = 4096
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // Pins (uart_rx_i is asynchronous)
  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  // Byte streams to and from the link (a byte moves when valid and ready are high at an edge)
  output logic        rx_valid_o,
  output logic [7:0]  rx_data_o,
  input  logic        rx_ready_i,
  input  logic        tx_valid_i,
  input  logic [7:0]  tx_data_i,
  output logic        tx_ready_o,
  // Status
  output logic [31:0] frame_err_o,    // stop bits read low, wraps at 2^32
  output logic [31:0] rx_overflow_o,  // bytes lost to a full receive FIFO, wraps at 2^32
  output logic        rx_active_o,    // a byte is being received
  output logic        tx_active_o     // a byte is being sent
);
  localparam int CountW = $clog2(RxFifoDepth + 1);
  localparam integer DepthI = RxFifoDepth;
  localparam logic [CountW-1:0] Full = DepthI[CountW-1:0];

  logic       tick;
  logic       rx_valid, rx_ferr;
  logic [7:0] rx_data;
  logic [CountW-1:0] fifo_count;
  logic       fifo_full;

  spk_uart_tick #(
    .ClkHz      (ClkHz),
    .Baud       (Baud),
    .Oversample (Oversample)
  ) u_tick (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .tick_o (tick)
  );

  spk_uart_rx #(
    .Oversample (Oversample)
  ) u_rx (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .tick_i      (tick),
    .rxd_i       (uart_rx_i),
    .valid_o     (rx_valid),
    .data_o      (rx_data),
    .frame_err_o (rx_ferr),
    .busy_o      (rx_active_o)
  );

  assign fifo_full = fifo_count == Full;

  spk_fifo #(
    .Width      (8),
    .Depth      (RxFifoDepth),
    .CountWidth (CountW)
  ) u_rx_fifo (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (1'b0),
    .push_i       (rx_valid),
    .wdata_i      (rx_data),
    .pop_i        (rx_ready_i),
    .head_valid_o (rx_valid_o),
    .head_o       (rx_data_o),
    .count_o      (fifo_count)
  );

  spk_uart_tx #(
    .Oversample (Oversample)
  ) u_tx (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .tick_i  (tick),
    .valid_i (tx_valid_i),
    .data_i  (tx_data_i),
    .ready_o (tx_ready_o),
    .txd_o   (uart_tx_o),
    .busy_o  (tx_active_o)
  );

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      frame_err_o   <= '0;
      rx_overflow_o <= '0;
    end else begin
      if (rx_ferr) frame_err_o <= frame_err_o + 32'd1;
      // A pop in the same cycle does not make room: spk_fifo refuses pushes while count == Depth.
      if (rx_valid && fifo_full) rx_overflow_o <= rx_overflow_o + 32'd1;
    end
  end
endmodule
