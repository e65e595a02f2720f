// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// HDLC-style deframer (protocol.md section 1): removes FLAG/escape stuffing, writes the content bytes
// into the caller's frame buffer, keeps the header bytes and the first six body bytes (every
// command's fixed arguments) in registers and runs CRC-32 over the whole content.
// frame_o pulses in the cycle of the closing FLAG; the frame_* outputs are valid in that cycle and
// the header/argument registers stay stable until the next content byte arrives.
module spk_link_rx #(
  parameter int MaxBody = 1024,
  parameter int AddrW   = 11,   // frame buffer address width, holds MaxBody + 9 bytes
  parameter int CntW    = 12    // content counter width, holds MaxBody + 10
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // Accepted bytes from the line
  input  logic             byte_valid_i,
  input  logic [7:0]       byte_i,
  // Frame buffer write port
  output logic             buf_we_o,
  output logic [AddrW-1:0] buf_waddr_o,
  output logic [7:0]       buf_wdata_o,
  // End of frame
  output logic             frame_o,        // closing FLAG after >= 1 byte, or abort
  output logic             frame_abort_o,  // 0x7D followed by FLAG
  output logic [CntW-1:0]  frame_cnt_o,    // content bytes (saturates at MaxBody + 10)
  output logic             frame_ovf_o,    // more than MaxBody + 9 content bytes
  output logic             frame_crc_ok_o,
  // Header and fixed arguments of the last frame
  output logic [7:0]       ver_o,
  output logic [7:0]       type_o,
  output logic [7:0]       seq_o,
  output logic [15:0]      len_o,
  output logic [47:0]      arg_o           // body bytes 0..5, little-endian
);
  localparam logic [7:0]  FLAG = 8'h7E;
  localparam logic [7:0]  ESC  = 8'h7D;
  localparam logic [31:0] CRC_RESIDUE = 32'hDEBB20E3;
  localparam integer BUF_BYTES_I = MaxBody + 9;
  localparam logic [CntW-1:0] BUF_BYTES = BUF_BYTES_I[CntW-1:0];

  logic            esc_q;
  logic [CntW-1:0] cnt_q;
  logic            ovf_q;
  logic [31:0]     crc_q, crc_next;
  logic [7:0]      hdr_q [5];
  logic [7:0]      arg_q [6];

  logic       is_flag, is_esc, is_data;
  logic [7:0] data;
  assign is_flag = byte_valid_i && (byte_i == FLAG);
  assign is_esc  = byte_valid_i && (byte_i == ESC) && !esc_q;
  assign is_data = byte_valid_i && !is_flag && !is_esc;
  assign data    = esc_q ? (byte_i ^ 8'h20) : byte_i;

  spk_crc32 u_crc (
    .crc_i  (crc_q),
    .data_i (data),
    .crc_o  (crc_next)
  );

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      esc_q <= 1'b0;
      cnt_q <= '0;
      ovf_q <= 1'b0;
      crc_q <= 32'hFFFFFFFF;
      for (int i = 0; i < 5; i++) hdr_q[i] <= '0;
      for (int i = 0; i < 6; i++) arg_q[i] <= '0;
    end else if (is_flag) begin
      esc_q <= 1'b0;
      cnt_q <= '0;
      ovf_q <= 1'b0;
      crc_q <= 32'hFFFFFFFF;
    end else if (is_esc) begin
      esc_q <= 1'b1;
    end else if (is_data) begin
      esc_q <= 1'b0;
      crc_q <= crc_next;
      if (cnt_q == BUF_BYTES) begin
        ovf_q <= 1'b1;
      end else begin
        cnt_q <= cnt_q + 1'b1;
      end
      for (int i = 0; i < 5; i++) begin
        if (cnt_q == CntW'(i)) hdr_q[i] <= data;
      end
      for (int i = 0; i < 6; i++) begin
        if (cnt_q == CntW'(i + 5)) arg_q[i] <= data;
      end
    end
  end

  assign buf_we_o    = is_data && (cnt_q != BUF_BYTES);
  assign buf_waddr_o = cnt_q[AddrW-1:0];
  assign buf_wdata_o = data;

  assign frame_o        = is_flag && (esc_q || (cnt_q != '0) || ovf_q);
  assign frame_abort_o  = esc_q;
  assign frame_cnt_o    = cnt_q;
  assign frame_ovf_o    = ovf_q;
  assign frame_crc_ok_o = (crc_q == CRC_RESIDUE);

  assign ver_o  = hdr_q[0];
  assign type_o = hdr_q[1];
  assign seq_o  = hdr_q[2];
  assign len_o  = {hdr_q[4], hdr_q[3]};
  assign arg_o  = {arg_q[5], arg_q[4], arg_q[3], arg_q[2], arg_q[1], arg_q[0]};
endmodule
