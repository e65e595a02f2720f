// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// spikecore top (docs/rtl.md): byte-stream link (spk_link) in front of the neuron core (spk_core).
module spk_top #(
  parameter int NumNeurons = 256,   // N, 16..1024, multiple of Lanes
  parameter int Lanes      = 4,     // weight words per memory access (banks), power of two 1..8
  parameter int WeightBits = 16,    // stored bits per weight word, 9..16 (model.md §2.3)
  parameter int LutRam     = 0,     // spk_core: small memories in Xilinx LUT RAM
  parameter int ParamSets  = 0,     // P, parameter sets (model.md §2.2), 1..N; 0 means N
  parameter int InDepth    = 1024,  // input-event buffer entries
  parameter int OutDepth   = 1024,  // spike FIFO entries, >= NumNeurons
  parameter int MaxBody    = 1024,  // protocol MAX_BODY
  parameter logic [31:0] BuildId = 32'h0
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  // Host -> device bytes
  input  logic       rx_valid_i,
  input  logic [7:0] rx_data_i,
  output logic       rx_ready_o,
  // Device -> host bytes
  output logic       tx_valid_o,
  output logic [7:0] tx_data_o,
  input  logic       tx_ready_i,
  // Core running a RUN (a board's run LED)
  output logic       busy_o,
  // PHY error counters, reported as registers 27, 28 (docs/uart.md); tie to '0 without a UART PHY
  input  logic [31:0] uart_frame_err_i,
  input  logic [31:0] uart_rx_overflow_i
);
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

  logic        cnt_crc_err, cnt_frame_err, cnt_nak;   // link events, counted in the core
  spk_link #(
    .NumNeurons (NumNeurons),
    .Lanes      (Lanes),
    .WeightBits (WeightBits),
    .ParamSets  (ParamSets),
    .InDepth    (InDepth),
    .OutDepth   (OutDepth),
    .MaxBody    (MaxBody),
    .BuildId    (BuildId)
  ) u_link (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .rx_valid_i     (rx_valid_i),
    .rx_data_i      (rx_data_i),
    .rx_ready_o     (rx_ready_o),
    .tx_valid_o     (tx_valid_o),
    .tx_data_o      (tx_data_o),
    .tx_ready_i     (tx_ready_i),
    .mem_ready_i    (mem_ready),
    .mem_req_o      (mem_req),
    .mem_we_o       (mem_we),
    .mem_space_o    (mem_space),
    .mem_field_o    (mem_field),
    .mem_addr_o     (mem_addr),
    .mem_wdata_o    (mem_wdata),
    .mem_ack_i      (mem_ack),
    .mem_rdata_i    (mem_rdata),
    .in_push_o      (in_push),
    .in_step_o      (in_step),
    .in_nid_o       (in_nid),
    .in_count_i     (in_count),
    .in_last_step_i (in_last_step),
    .run_start_o    (run_start),
    .run_steps_o    (run_steps),
    .reset_state_o  (reset_state),
    .busy_i         (busy),
    .spk_valid_i    (spk_valid),
    .spk_data_i     (spk_data),
    .spk_pop_o      (spk_pop),
    .spk_count_i    (spk_count),
    .uart_frame_err_i   (uart_frame_err_i),
    .uart_rx_overflow_i (uart_rx_overflow_i),
    .cnt_crc_err_o      (cnt_crc_err),
    .cnt_frame_err_o    (cnt_frame_err),
    .cnt_nak_o          (cnt_nak)
  );

  spk_core #(
    .NumNeurons (NumNeurons),
    .Lanes      (Lanes),
    .WeightBits (WeightBits),
    .ParamSets  (ParamSets),
    .LutRam     (LutRam),
    .InDepth    (InDepth),
    .OutDepth   (OutDepth)
  ) u_core (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
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
    .spk_count_o    (spk_count),
    .cnt_crc_err_i  (cnt_crc_err),
    .cnt_frame_err_i(cnt_frame_err),
    .cnt_nak_i      (cnt_nak)
  );
  assign busy_o = busy;
endmodule
