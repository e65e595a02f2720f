// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Board top (docs/uart.md): clock, reset button, UART pins and activity LEDs around the UART PHY
// (spk_uart) and spk_top (link + neuron core), which reports the PHY's error counters as
// registers 27, 28.
module spk_board_top #(
  parameter int ClkHz      = 100_000_000,
  parameter int Baud       = 3_000_000,  // ClkHz >= Oversample * Baud
  parameter int Oversample = 16,
  parameter int NumNeurons = 256,        // N, 16..1024, multiple of Lanes
  parameter int Lanes      = 4,          // power of two 1..8
  parameter int WeightBits = 16,         // stored bits per weight word, 9..16 (model.md §2.3)
  parameter int LutRam     = 0,          // spk_core: small memories in Xilinx LUT RAM
  parameter int ParamSets  = 0,          // P, parameter sets (model.md §2.2), 1..N; 0 means N
  parameter int InDepth    = 1024,
  parameter int OutDepth   = 1024,
  parameter int MaxBody    = 1024,
  parameter logic [31:0] BuildId = 32'h0,
  // >= one frame of MaxBody bytes with every byte stuffed (2 * (MaxBody + 9) + 2), rounded up to a
  // power of two: 4096 for MaxBody = 1024 (docs/uart.md §3 gives the argument)
  parameter int RxFifoDepth = 1 << $clog2(2 * (MaxBody + 9) + 2),
  parameter int LedCycles   = ClkHz / 16  // about 60 ms
) (
  input  logic clk_i,
  input  logic rst_btn_ni,   // push button, active low, asynchronous, not debounced
  input  logic uart_rx_i,    // from the host's TX (USB-UART bridge)
  output logic uart_tx_o,    // to the host's RX
  output logic led_rx_o,
  output logic led_tx_o,
  output logic led_run_o,
  output logic led_err_o     // UART framing error or receive overflow
);
  // ---------------------------------------------------------------------------------------------
  // Reset: the button goes through two flops so reset is released synchronously. These two flops
  // are the reset source and cannot themselves be reset; FPGA configuration clears them, which
  // holds the design in reset for two cycles after configuration.
  // ---------------------------------------------------------------------------------------------
  logic [1:0] rst_sync_q;
  logic       rst_n;
  always_ff @(posedge clk_i) rst_sync_q <= {rst_sync_q[0], rst_btn_ni};
  assign rst_n = rst_sync_q[1];

  // ---------------------------------------------------------------------------------------------
  // UART PHY
  // ---------------------------------------------------------------------------------------------
  logic        rx_valid, rx_ready, tx_valid, tx_ready;
  logic [7:0]  rx_data, tx_data;
  logic [31:0] frame_err, rx_overflow;
  logic        rx_active, tx_active;

  spk_uart #(
    .ClkHz       (ClkHz),
    .Baud        (Baud),
    .Oversample  (Oversample),
    .RxFifoDepth (RxFifoDepth)
  ) u_uart (
    .clk_i         (clk_i),
    .rst_ni        (rst_n),
    .uart_rx_i     (uart_rx_i),
    .uart_tx_o     (uart_tx_o),
    .rx_valid_o    (rx_valid),
    .rx_data_o     (rx_data),
    .rx_ready_i    (rx_ready),
    .tx_valid_i    (tx_valid),
    .tx_data_i     (tx_data),
    .tx_ready_o    (tx_ready),
    .frame_err_o   (frame_err),
    .rx_overflow_o (rx_overflow),
    .rx_active_o   (rx_active),
    .tx_active_o   (tx_active)
  );

  // ---------------------------------------------------------------------------------------------
  // Link and core
  // ---------------------------------------------------------------------------------------------
  logic busy;

  spk_top #(
    .NumNeurons (NumNeurons),
    .Lanes      (Lanes),
    .WeightBits (WeightBits),
    .LutRam     (LutRam),
    .ParamSets  (ParamSets),
    .InDepth    (InDepth),
    .OutDepth   (OutDepth),
    .MaxBody    (MaxBody),
    .BuildId    (BuildId)
  ) u_top (
    .clk_i              (clk_i),
    .rst_ni             (rst_n),
    .rx_valid_i         (rx_valid),
    .rx_data_i          (rx_data),
    .rx_ready_o         (rx_ready),
    .tx_valid_o         (tx_valid),
    .tx_data_o          (tx_data),
    .tx_ready_i         (tx_ready),
    .busy_o             (busy),
    .uart_frame_err_i   (frame_err),
    .uart_rx_overflow_i (rx_overflow)
  );

  // ---------------------------------------------------------------------------------------------
  // LEDs
  // ---------------------------------------------------------------------------------------------
  // A UART error counter steps by one per error, so its bit 0 toggles on each: an error event
  // without a 32-bit copy and compare.
  logic [1:0] err_lsb_q;
  logic       err_evt;
  always_ff @(posedge clk_i) begin
    if (!rst_n) err_lsb_q <= '0;
    else        err_lsb_q <= {frame_err[0], rx_overflow[0]};
  end
  assign err_evt = (err_lsb_q != {frame_err[0], rx_overflow[0]});

  spk_led_stretch #(.Cycles(LedCycles), .Num(4)) u_leds (
    .clk_i   (clk_i),
    .rst_ni  (rst_n),
    .event_i ({err_evt, busy, tx_active, rx_active}),
    .led_o   ({led_err_o, led_run_o, led_tx_o, led_rx_o})
  );
endmodule
