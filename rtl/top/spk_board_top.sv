// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Board top (docs/uart.md): clock, reset button, UART pins and activity LEDs around the UART PHY
// (spk_uart), the link (spk_link) and the neuron core (spk_core). It repeats spk_top's wiring of
// link and core because it also needs the core's busy flag (run LED) and feeds the PHY's error
// counters to the link (registers 27, 28); spk_top ties those to zero.
module spk_board_top #(
  parameter int ClkHz      = 100_000_000,
  parameter int Baud       = 3_000_000,  // ClkHz >= Oversample * Baud
  parameter int Oversample = 16,
  parameter int NumNeurons = 256,        // N, 16..1024, multiple of Lanes
  parameter int Lanes      = 4,          // power of two 1..8
  parameter int WeightBits = 16,         // stored bits per weight word, 9..16 (model.md §2.3)
  parameter int LutRam     = 0,          // spk_core: small memories in Xilinx LUT RAM
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
  // Link and core (as in spk_top)
  // ---------------------------------------------------------------------------------------------
  logic        mem_ready, mem_req, mem_we, mem_ack;
  logic [1:0]  mem_space;
  logic [4:0]  mem_field;
  logic [19:0] mem_addr;
  logic [31:0] mem_wdata, mem_rdata;
  logic        in_push;
  logic [15:0] in_step, in_nid, in_count, in_last_step;
  logic        run_start, reset_state, busy;
  logic [15:0] run_steps;
  logic        spk_valid, spk_pop;
  logic [31:0] spk_data;
  logic [15:0] spk_count;

  spk_link #(
    .NumNeurons (NumNeurons),
    .Lanes      (Lanes),
    .WeightBits (WeightBits),
    .InDepth    (InDepth),
    .OutDepth   (OutDepth),
    .MaxBody    (MaxBody),
    .BuildId    (BuildId)
  ) u_link (
    .clk_i              (clk_i),
    .rst_ni             (rst_n),
    .rx_valid_i         (rx_valid),
    .rx_data_i          (rx_data),
    .rx_ready_o         (rx_ready),
    .tx_valid_o         (tx_valid),
    .tx_data_o          (tx_data),
    .tx_ready_i         (tx_ready),
    .mem_ready_i        (mem_ready),
    .mem_req_o          (mem_req),
    .mem_we_o           (mem_we),
    .mem_space_o        (mem_space),
    .mem_field_o        (mem_field),
    .mem_addr_o         (mem_addr),
    .mem_wdata_o        (mem_wdata),
    .mem_ack_i          (mem_ack),
    .mem_rdata_i        (mem_rdata),
    .in_push_o          (in_push),
    .in_step_o          (in_step),
    .in_nid_o           (in_nid),
    .in_count_i         (in_count),
    .in_last_step_i     (in_last_step),
    .run_start_o        (run_start),
    .run_steps_o        (run_steps),
    .reset_state_o      (reset_state),
    .busy_i             (busy),
    .spk_valid_i        (spk_valid),
    .spk_data_i         (spk_data),
    .spk_pop_o          (spk_pop),
    .spk_count_i        (spk_count),
    .uart_frame_err_i   (frame_err),
    .uart_rx_overflow_i (rx_overflow)
  );

  spk_core #(
    .NumNeurons (NumNeurons),
    .Lanes      (Lanes),
    .WeightBits (WeightBits),
    .LutRam     (LutRam),
    .InDepth    (InDepth),
    .OutDepth   (OutDepth)
  ) u_core (
    .clk_i          (clk_i),
    .rst_ni         (rst_n),
    .mem_ready_o    (mem_ready),
    .mem_req_i      (mem_req),
    .mem_we_i       (mem_we),
    .mem_space_i    (mem_space),
    .mem_field_i    (mem_field),
    .mem_addr_i     (mem_addr),
    .mem_wdata_i    (mem_wdata),
    .mem_ack_o      (mem_ack),
    .mem_rdata_o    (mem_rdata),
    .in_push_i      (in_push),
    .in_step_i      (in_step),
    .in_nid_i       (in_nid),
    .in_count_o     (in_count),
    .in_last_step_o (in_last_step),
    .run_start_i    (run_start),
    .run_steps_i    (run_steps),
    .reset_state_i  (reset_state),
    .busy_o         (busy),
    .spk_valid_o    (spk_valid),
    .spk_data_o     (spk_data),
    .spk_pop_i      (spk_pop),
    .spk_count_o    (spk_count)
  );

  // ---------------------------------------------------------------------------------------------
  // LEDs
  // ---------------------------------------------------------------------------------------------
  logic [31:0] err_sum_q;
  logic        err_evt;
  always_ff @(posedge clk_i) begin
    if (!rst_n) err_sum_q <= '0;
    else        err_sum_q <= frame_err + rx_overflow;
  end
  assign err_evt = err_sum_q != frame_err + rx_overflow;

  spk_led_stretch #(.Cycles(LedCycles)) u_led_rx (
    .clk_i (clk_i), .rst_ni (rst_n), .event_i (rx_active), .led_o (led_rx_o)
  );
  spk_led_stretch #(.Cycles(LedCycles)) u_led_tx (
    .clk_i (clk_i), .rst_ni (rst_n), .event_i (tx_active), .led_o (led_tx_o)
  );
  spk_led_stretch #(.Cycles(LedCycles)) u_led_run (
    .clk_i (clk_i), .rst_ni (rst_n), .event_i (busy), .led_o (led_run_o)
  );
  spk_led_stretch #(.Cycles(LedCycles)) u_led_err (
    .clk_i (clk_i), .rst_ni (rst_n), .event_i (err_evt), .led_o (led_err_o)
  );
endmodule
