// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Response framer (protocol.md section 1): sends FLAG, the stuffed content, its stuffed CRC-32
// (little-endian) and FLAG. The content is either the response held in the caller's TX buffer
// (clen_i bytes, read through a one-cycle-latency port) or a NAK built from registers
// (ver 1, type 0xFF, seq, len 2, code, type), so sending a NAK never overwrites the stored response
// that duplicate suppression may have to re-send. About 3 cycles per byte with tx_ready_i high.
module spk_link_tx #(
  parameter int AddrW = 11
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             start_i,      // pulse while idle_o
  input  logic             nak_i,
  input  logic [7:0]       nak_seq_i,
  input  logic [7:0]       nak_code_i,
  input  logic [7:0]       nak_type_i,
  input  logic [15:0]      clen_i,       // content bytes in the TX buffer (ignored for a NAK)
  output logic             idle_o,
  // TX buffer read port (data valid one cycle after the address)
  output logic [AddrW-1:0] buf_raddr_o,
  input  logic [7:0]       buf_rdata_i,
  // Byte stream to the host
  output logic             tx_valid_o,
  output logic [7:0]       tx_data_o,
  input  logic             tx_ready_i
);
  localparam logic [7:0] FLAG = 8'h7E;
  localparam logic [7:0] ESC  = 8'h7D;

  typedef enum logic [2:0] {
    TxIdle, TxFlag0, TxFetch, TxGot, TxOut, TxOutEsc, TxFlag1
  } tx_state_e;

  tx_state_e   state_q;
  logic        nak_q;
  logic [7:0]  seq_q, code_q, type_q, cur_q;
  logic [15:0] clen_q, idx_q;
  logic [31:0] crc_q, crc_next;
  logic [7:0]  content_byte, next_byte;
  logic [1:0]  crc_idx;   // CRC byte index once the content is sent
  logic        in_content, last_byte;

  assign in_content = idx_q < clen_q;
  assign crc_idx    = idx_q[1:0] - clen_q[1:0];
  assign last_byte  = (idx_q + 16'd1) == (clen_q + 16'd4);

  always_comb begin
    content_byte = buf_rdata_i;
    if (nak_q) begin
      unique case (idx_q[2:0])
        3'd0:    content_byte = 8'h01;
        3'd1:    content_byte = 8'hFF;
        3'd2:    content_byte = seq_q;
        3'd3:    content_byte = 8'h02;
        3'd4:    content_byte = 8'h00;
        3'd5:    content_byte = code_q;
        default: content_byte = type_q;
      endcase
    end
    next_byte = in_content ? content_byte : ~crc_q[8*crc_idx +: 8];
  end

  spk_crc32 u_crc (
    .crc_i  (crc_q),
    .data_i (content_byte),
    .crc_o  (crc_next)
  );

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= TxIdle;
      nak_q   <= 1'b0;
      seq_q   <= '0;
      code_q  <= '0;
      type_q  <= '0;
      cur_q   <= '0;
      clen_q  <= '0;
      idx_q   <= '0;
      crc_q   <= 32'hFFFFFFFF;
    end else begin
      unique case (state_q)
        TxIdle: begin
          if (start_i) begin
            nak_q   <= nak_i;
            seq_q   <= nak_seq_i;
            code_q  <= nak_code_i;
            type_q  <= nak_type_i;
            clen_q  <= nak_i ? 16'd7 : clen_i;
            idx_q   <= '0;
            crc_q   <= 32'hFFFFFFFF;
            state_q <= TxFlag0;
          end
        end
        TxFlag0:  if (tx_ready_i) state_q <= TxFetch;
        TxFetch:  state_q <= TxGot;
        TxGot: begin
          cur_q <= next_byte;
          if (in_content) crc_q <= crc_next;
          state_q <= TxOut;
        end
        TxOut, TxOutEsc: begin
          if (tx_ready_i) begin
            if (state_q == TxOut && (cur_q == FLAG || cur_q == ESC)) begin
              state_q <= TxOutEsc;
            end else begin
              idx_q   <= idx_q + 16'd1;
              state_q <= last_byte ? TxFlag1 : TxFetch;
            end
          end
        end
        TxFlag1:  if (tx_ready_i) state_q <= TxIdle;
        default:  state_q <= TxIdle;
      endcase
    end
  end

  assign idle_o      = (state_q == TxIdle);
  assign buf_raddr_o = idx_q[AddrW-1:0];

  always_comb begin
    tx_valid_o = 1'b0;
    tx_data_o  = FLAG;
    unique case (state_q)
      TxFlag0, TxFlag1: tx_valid_o = 1'b1;
      TxOut: begin
        tx_valid_o = 1'b1;
        tx_data_o  = (cur_q == FLAG || cur_q == ESC) ? ESC : cur_q;
      end
      TxOutEsc: begin
        tx_valid_o = 1'b1;
        tx_data_o  = cur_q ^ 8'h20;
      end
      default: ;
    endcase
  end
endmodule
