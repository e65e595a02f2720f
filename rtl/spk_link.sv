// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Link layer (docs/protocol.md): deframes a command into the RX frame buffer, checks length and
// CRC before anything is executed, executes it against spk_core's ports, builds the ACK in the
// TX buffer and sends it (or a NAK). One command at a time: rx_ready_o is high only while idle.
// Check order (first failure wins): content length, CRC, version, type, duplicate (seq, type),
// body length for the type, BUSY, ARG, FULL, ARG/ORDER of LOAD_INPUTS events.
// The last ACK stays in the TX buffer; a duplicate (seq, type) re-sends it without executing.
module spk_link #(
  parameter int NumNeurons = 256,
  parameter int Lanes      = 4,
  parameter int WeightBits = 16,      // reported in CAPS (model.md §2.3)
  parameter int ParamSets  = 0,       // P, reported in CAPS (model.md §2.2); 0 means NumNeurons
  parameter int InDepth    = 1024,
  parameter int OutDepth   = 1024,
  parameter int MaxBody    = 1024,
  parameter logic [31:0] BuildId = 32'h0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // Byte streams
  input  logic        rx_valid_i,
  input  logic [7:0]  rx_data_i,
  output logic        rx_ready_o,
  output logic        tx_valid_o,
  output logic [7:0]  tx_data_o,
  input  logic        tx_ready_i,
  // Core memory/register port (docs/rtl.md)
  input  logic        mem_ready_i,
  output logic        mem_req_o,
  output logic        mem_we_o,
  output logic [1:0]  mem_space_o,
  output logic [4:0]  mem_field_o,
  output logic [19:0] mem_addr_o,
  output logic [31:0] mem_wdata_o,
  input  logic        mem_ack_i,
  input  logic [31:0] mem_rdata_i,
  // Input events
  output logic        in_push_o,
  output logic [15:0] in_step_o,
  output logic [15:0] in_nid_o,
  input  logic [15:0] in_count_i,
  input  logic [15:0] in_last_step_i,
  // Control
  output logic        run_start_o,
  output logic [15:0] run_steps_o,
  output logic        reset_state_o,
  input  logic        busy_i,
  // Spike FIFO
  input  logic        spk_valid_i,
  input  logic [31:0] spk_data_i,
  output logic        spk_pop_o,
  input  logic [15:0] spk_count_i,
  // PHY error counters reported as registers 27, 28 (docs/uart.md); tie to '0 without a UART PHY
  input  logic [31:0] uart_frame_err_i,
  input  logic [31:0] uart_rx_overflow_i,
  // Events of registers 24..26 (RX_CRC_ERR, RX_FRAME_ERR, NAKS), counted in spk_core
  output logic        cnt_crc_err_o,
  output logic        cnt_frame_err_o,
  output logic        cnt_nak_o
);
  // ---------------------------------------------------------------------------------------------
  // Constants
  // ---------------------------------------------------------------------------------------------
  localparam int RxBytes = MaxBody + 9;
  localparam int TxBytes = MaxBody + 5;
  localparam int RxAW    = $clog2(RxBytes);
  localparam int TxAW    = $clog2(TxBytes);
  localparam int CntW    = $clog2(MaxBody + 11);

  localparam logic [7:0] CMD_CAPS        = 8'h01;
  localparam logic [7:0] CMD_WRITE_NEURON = 8'h02;
  localparam logic [7:0] CMD_READ_NEURON = 8'h03;
  localparam logic [7:0] CMD_WRITE_REG   = 8'h04;
  localparam logic [7:0] CMD_READ_REG    = 8'h05;
  localparam logic [7:0] CMD_WRITE_WEIGHTS = 8'h06;
  localparam logic [7:0] CMD_READ_WEIGHTS = 8'h07;
  localparam logic [7:0] CMD_LOAD_INPUTS = 8'h08;
  localparam logic [7:0] CMD_RUN         = 8'h09;
  localparam logic [7:0] CMD_READ_SPIKES = 8'h0A;
  localparam logic [7:0] CMD_RESET_STATE = 8'h0B;

  localparam logic [7:0] NAK_CRC     = 8'd1;
  localparam logic [7:0] NAK_LENGTH  = 8'd2;
  localparam logic [7:0] NAK_VERSION = 8'd3;
  localparam logic [7:0] NAK_TYPE    = 8'd4;
  localparam logic [7:0] NAK_ARG     = 8'd5;
  localparam logic [7:0] NAK_BUSY    = 8'd6;
  localparam logic [7:0] NAK_FULL    = 8'd7;
  localparam logic [7:0] NAK_ORDER   = 8'd8;

  localparam logic [1:0] SPACE_NEURON = 2'd0;
  localparam logic [1:0] SPACE_WEIGHT = 2'd1;
  localparam logic [1:0] SPACE_REG    = 2'd2;

  localparam integer N_I        = NumNeurons;
  localparam integer NN_I       = NumNeurons * NumNeurons;
  localparam integer MAXBODY_I  = MaxBody;
  localparam integer INDEPTH_I  = InDepth;
  localparam integer OUTDEPTH_I = OutDepth;
  localparam integer LANES_I    = Lanes;
  localparam integer WBITS_I    = WeightBits;
  localparam integer PSETS_I    = (ParamSets == 0) ? NumNeurons : ParamSets;
  localparam integer SPK_MAX_I  = (MaxBody - 3) / 4;   // events per READ_SPIKES ACK
  localparam logic [20:0] N_W       = N_I[20:0];
  localparam logic [20:0] P_W       = PSETS_I[20:0];
  localparam logic [32:0] NN_W      = {12'd0, NN_I[20:0]};
  localparam logic [20:0] MAXBODY_W = MAXBODY_I[20:0];
  localparam logic [16:0] INDEPTH_W = INDEPTH_I[16:0];
  localparam logic [15:0] SPK_MAX_W = SPK_MAX_I[15:0];

  // ---------------------------------------------------------------------------------------------
  // Frame buffers (inferred block RAM: one write port, one registered read port, no reset)
  // ---------------------------------------------------------------------------------------------
  // no_rw_check: a read of the byte written in the same cycle is never used (RX is written only while
  // the executor idles, TX only before it is sent), so Yosys need not emulate read-first collisions.
  (* no_rw_check *) logic [7:0] rx_mem [RxBytes];
  (* no_rw_check *) logic [7:0] tx_mem [TxBytes];
  logic [7:0] rx_rdata_q, tx_rdata_q;
  logic             rxb_we;
  logic [RxAW-1:0]  rxb_waddr, rxb_raddr;
  logic [7:0]       rxb_wdata;
  logic             txb_we;
  logic [TxAW-1:0]  txb_waddr, txb_raddr;
  logic [7:0]       txb_wdata;

`ifndef SYNTHESIS
  initial begin
    for (int i = 0; i < RxBytes; i++) rx_mem[i] = '0;
    for (int i = 0; i < TxBytes; i++) tx_mem[i] = '0;
  end
`endif

  always_ff @(posedge clk_i) begin
    if (rxb_we) rx_mem[rxb_waddr] <= rxb_wdata;
    rx_rdata_q <= rx_mem[rxb_raddr];
  end
  always_ff @(posedge clk_i) begin
    if (txb_we) tx_mem[txb_waddr] <= txb_wdata;
    tx_rdata_q <= tx_mem[txb_raddr];
  end

  // ---------------------------------------------------------------------------------------------
  // Deframer and framer
  // ---------------------------------------------------------------------------------------------
  logic            idle;
  logic            f_evt, f_abort, f_ovf, f_crc_ok;
  logic [CntW-1:0] f_cnt;
  logic [7:0]      h_ver, h_type, h_seq;
  logic [15:0]     h_len;
  logic [47:0]     h_arg;

  assign rx_ready_o = idle;

  spk_link_rx #(
    .MaxBody (MaxBody),
    .AddrW   (RxAW),
    .CntW    (CntW)
  ) u_rx (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .byte_valid_i   (rx_valid_i && idle),
    .byte_i         (rx_data_i),
    .buf_we_o       (rxb_we),
    .buf_waddr_o    (rxb_waddr),
    .buf_wdata_o    (rxb_wdata),
    .frame_o        (f_evt),
    .frame_abort_o  (f_abort),
    .frame_cnt_o    (f_cnt),
    .frame_ovf_o    (f_ovf),
    .frame_crc_ok_o (f_crc_ok),
    .ver_o          (h_ver),
    .type_o         (h_type),
    .seq_o          (h_seq),
    .len_o          (h_len),
    .arg_o          (h_arg)
  );

  logic        tx_start, tx_nak, tx_idle;
  logic [7:0]  nak_code_q;
  logic [15:0] last_clen_q;

  spk_link_tx #(
    .AddrW (TxAW)
  ) u_tx (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .start_i     (tx_start),
    .nak_i       (tx_nak),
    .nak_seq_i   (h_seq),
    .nak_code_i  (nak_code_q),
    .nak_type_i  (h_type),
    .clen_i      (last_clen_q),
    .idle_o      (tx_idle),
    .buf_raddr_o (txb_raddr),
    .buf_rdata_i (tx_rdata_q),
    .tx_valid_o  (tx_valid_o),
    .tx_data_o   (tx_data_o),
    .tx_ready_i  (tx_ready_i)
  );

  // ---------------------------------------------------------------------------------------------
  // Argument decoding (fixed argument bytes captured by the deframer)
  // ---------------------------------------------------------------------------------------------
  logic [7:0]  a_field;       // WRITE/READ_NEURON field, WRITE/READ_REG reg
  logic [15:0] a_first, a_ncount;  // neuron first/count
  logic [31:0] a_regval;      // WRITE_REG value
  logic [7:0]  a_rcount;      // READ_REG count
  logic [31:0] a_waddr;       // weight addr
  logic [15:0] a_wcount;      // weight count
  logic [15:0] a_u16;         // LOAD_INPUTS count, RUN steps, READ_SPIKES max
  assign a_field  = h_arg[7:0];
  assign a_first  = h_arg[23:8];
  assign a_ncount = h_arg[39:24];
  assign a_regval = h_arg[39:8];
  assign a_rcount = h_arg[15:8];
  assign a_waddr  = h_arg[31:0];
  assign a_wcount = h_arg[47:32];
  assign a_u16    = h_arg[15:0];

  logic        run_q, run_arm_q, any_time;
  logic        type_known, body_len_ok, busy_ok, arg_ok, field_ok, reg_rd_ok, reg_wr_ok;
  logic [20:0] len_w;
  logic [7:0]  reg_last;
  assign len_w      = {5'd0, h_len};
  assign type_known = (h_type >= CMD_CAPS) && (h_type <= CMD_RESET_STATE);
  // CAPS, READ_REG and READ_SPIKES never touch the core's memories, so they need no idle core.
  assign any_time   = h_type == CMD_CAPS || h_type == CMD_READ_REG || h_type == CMD_READ_SPIKES;
  assign busy_ok    = !run_q || any_time;
  assign field_ok   = (a_field <= 8'd6) || (a_field >= 8'd8 && a_field <= 8'd16);
  // Parameter fields address parameter sets (model.md §2.2), the others neurons.
  logic [20:0] nspace_lim;
  assign nspace_lim = (a_field >= 8'd8) ? P_W : N_W;
  assign reg_last   = a_field + a_rcount - 8'd1;
  assign reg_rd_ok  = (a_rcount != 8'd0) && ({1'b0, a_field} + {1'b0, a_rcount} <= 9'd29) &&
                      ((reg_last <= 8'd6) || (a_field >= 8'd16));
  assign reg_wr_ok  = a_field <= 8'd6;

  // One adder and one comparator per kind of check, shared by the commands (the link is small next to
  // the core only if it does not give every command its own arithmetic):
  //   c_cnt   items the command carries or asks for (neuron values, weight words, events, registers)
  //   body    the request body must be fixed + c_cnt items for the writing commands; a body shorter
  //           than `fixed` can never equal fixed + c_bytes, so the count bytes need no validity guard
  //   range   base + c_cnt <= limit: neuron/set, weight address, or (LOAD_INPUTS) the input buffer
  //   resp    the ACK of a read must fit MAX_BODY
  logic        is_w, is_neu, cnt_nz, fits, resp_ok;
  logic [15:0] c_cnt;
  logic [20:0] c_bytes, body_var;
  logic [7:0]  body_fixed;
  logic [32:0] r_base, r_lim;
  assign is_w   = (h_type == CMD_WRITE_WEIGHTS) || (h_type == CMD_READ_WEIGHTS);
  assign is_neu = (h_type == CMD_WRITE_NEURON) || (h_type == CMD_READ_NEURON);
  always_comb begin
    unique case (h_type)
      CMD_WRITE_NEURON, CMD_READ_NEURON:   c_cnt = a_ncount;
      CMD_WRITE_WEIGHTS, CMD_READ_WEIGHTS: c_cnt = a_wcount;
      CMD_READ_REG:                        c_cnt = {8'd0, a_rcount};
      default:                             c_cnt = a_u16;   // LOAD_INPUTS, RUN
    endcase
    unique case (h_type)
      CMD_WRITE_NEURON, CMD_READ_NEURON, CMD_WRITE_REG: body_fixed = 8'd5;
      CMD_WRITE_WEIGHTS, CMD_READ_WEIGHTS:              body_fixed = 8'd6;
      CMD_READ_REG, CMD_LOAD_INPUTS, CMD_RUN, CMD_READ_SPIKES: body_fixed = 8'd2;
      default:                                          body_fixed = 8'd0;   // CAPS, RESET_STATE
    endcase
  end
  assign c_bytes  = is_w ? {4'd0, c_cnt, 1'b0} : {3'd0, c_cnt, 2'b00};   // u16 weight words, else u32
  assign body_var = (h_type == CMD_WRITE_NEURON || h_type == CMD_WRITE_WEIGHTS || h_type == CMD_LOAD_INPUTS)
                    ? c_bytes : 21'd0;
  assign body_len_ok = (len_w == {13'd0, body_fixed} + body_var);
  assign cnt_nz  = (c_cnt != 16'd0);
  assign resp_ok = (c_bytes <= MAXBODY_W);
  assign r_base  = is_w ? {1'b0, a_waddr} : is_neu ? {17'd0, a_first} : {17'd0, in_count_i};
  assign r_lim   = is_w ? NN_W : is_neu ? {12'd0, nspace_lim} : {16'd0, INDEPTH_W};
  assign fits    = (r_base + {17'd0, c_cnt} <= r_lim);

  always_comb begin
    unique case (h_type)
      CMD_WRITE_NEURON:  arg_ok = field_ok && cnt_nz && fits;
      CMD_READ_NEURON:   arg_ok = field_ok && cnt_nz && fits && resp_ok;
      CMD_WRITE_REG:     arg_ok = reg_wr_ok;
      CMD_READ_REG:      arg_ok = reg_rd_ok && resp_ok;
      CMD_WRITE_WEIGHTS: arg_ok = cnt_nz && fits;
      CMD_READ_WEIGHTS:  arg_ok = cnt_nz && fits && resp_ok;
      CMD_LOAD_INPUTS, CMD_RUN: arg_ok = cnt_nz;
      default:           arg_ok = 1'b1;
    endcase
  end

  // ---------------------------------------------------------------------------------------------
  // Executor
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [4:0] {
    StIdle, StCheck, StDispatch, StHdr, StBody, StCaps, StFetch, StMemReq, StMemWait, StPut,
    StNext, StScanChk, StScanDone, StPush, StRstWait1, StRstWait, StCommit, StSend, StSendNak,
    StSendWait
  } state_e;

  state_e      state_q, ret_q, after_q;
  logic        f_abort_q, f_ovf_q, f_crc_ok_q;
  logic [CntW-1:0] f_cnt_q;
  logic        have_last_q;
  logic [7:0]  last_seq_q, last_type_q;
  logic        crc_err_q, frame_err_q, nak_q;   // one-cycle events, counted by spk_core (24..26)
  logic [15:0] rlen_q;        // response body length
  logic [15:0] i_q, n_q;      // loop index and count
  logic [TxAW-1:0] tx_ptr_q;
  logic [RxAW-1:0] rd_ptr_q;
  logic [2:0]  fetch_n_q, fetch_iss_q, fetch_rcv_q;
  logic        rd_valid_q;
  logic [31:0] word_q;        // fetched request word / word to put
  logic [2:0]  put_n_q, put_i_q;
  logic [15:0] prev_step_q;
  logic        scan_arg_bad_q, scan_order_bad_q, scan_q;
  logic        mem_we_q;
  logic [1:0]  mem_space_q;
  logic [2:0]  hdr_i_q;
  logic [4:0]  caps_i_q;

  logic [7:0]  hdr_byte, caps_byte;
  logic [15:0] spk_n;
  logic [15:0] len_expect;

  assign len_expect = 16'(f_cnt_q) - 16'd9;
  assign spk_n      = (a_u16 > SPK_MAX_W) ? ((spk_count_i < SPK_MAX_W) ? spk_count_i : SPK_MAX_W)
                                          : ((spk_count_i < a_u16) ? spk_count_i : a_u16);

  always_comb begin
    unique case (hdr_i_q)
      3'd0:    hdr_byte = 8'h01;
      3'd1:    hdr_byte = h_type | 8'h80;
      3'd2:    hdr_byte = h_seq;
      3'd3:    hdr_byte = rlen_q[7:0];
      default: hdr_byte = rlen_q[15:8];
    endcase
  end

  always_comb begin
    unique case (caps_i_q)
      5'd0:    caps_byte = 8'd1;                   // proto
      5'd1:    caps_byte = 8'd1;                   // model_format
      5'd2:    caps_byte = N_I[7:0];
      5'd3:    caps_byte = N_I[15:8];
      5'd4:    caps_byte = LANES_I[7:0];
      5'd5:    caps_byte = WBITS_I[7:0];           // weight_bits
      5'd6:    caps_byte = MAXBODY_I[7:0];
      5'd7:    caps_byte = MAXBODY_I[15:8];
      5'd8:    caps_byte = INDEPTH_I[7:0];
      5'd9:    caps_byte = INDEPTH_I[15:8];
      5'd10:   caps_byte = OUTDEPTH_I[7:0];
      5'd11:   caps_byte = OUTDEPTH_I[15:8];
      5'd12:   caps_byte = BuildId[7:0];
      5'd13:   caps_byte = BuildId[15:8];
      5'd14:   caps_byte = BuildId[23:16];
      5'd15:   caps_byte = BuildId[31:24];
      5'd16:   caps_byte = PSETS_I[7:0];           // param_sets
      default: caps_byte = PSETS_I[15:8];
    endcase
  end

  // Which register a READ_REG iteration reads, and whether the link answers it itself.
  logic [7:0] cur_reg;
  logic       own_reg;
  logic [31:0] own_val;
  assign cur_reg = a_field + i_q[7:0];
  assign own_reg = cur_reg >= 8'd27;
  always_comb begin
    unique case (cur_reg)
      8'd27:   own_val = uart_frame_err_i;
      default: own_val = uart_rx_overflow_i;
    endcase
  end

  // Per-iteration request fields
  logic [4:0]  it_field;
  logic [19:0] it_addr;
  always_comb begin
    it_field = a_field[4:0];
    it_addr  = (is_w ? a_waddr[19:0] : 20'(a_first)) + 20'(i_q);
    if (h_type == CMD_WRITE_REG || h_type == CMD_READ_REG) begin
      it_field = cur_reg[4:0];
      it_addr  = '0;
    end
  end

  // Bytes of the request payload: where item i_q starts in the RX buffer.
  localparam integer RXOFF_NEURON_I = 10;   // 5 header + field, first, count
  localparam integer RXOFF_WEIGHT_I = 11;   // 5 header + addr, count
  localparam integer RXOFF_INPUT_I  = 7;    // 5 header + count

  assign idle        = (state_q == StIdle);
  assign rxb_raddr   = rd_ptr_q;
  assign txb_we      = (state_q == StHdr) || (state_q == StCaps) || (state_q == StPut);
  assign txb_waddr   = tx_ptr_q;
  assign txb_wdata   = (state_q == StHdr) ? hdr_byte :
                       (state_q == StCaps) ? caps_byte : word_q[8*put_i_q +: 8];
  assign tx_start    = (state_q == StSend) || (state_q == StSendNak);
  assign tx_nak      = (state_q == StSendNak);

  assign mem_req_o   = (state_q == StMemReq) && mem_ready_i;
  assign mem_we_o    = mem_we_q;
  assign mem_space_o = mem_space_q;
  assign mem_field_o = it_field;
  assign mem_addr_o  = it_addr;
  assign mem_wdata_o = (h_type == CMD_WRITE_REG) ? a_regval : word_q;

  assign in_push_o   = (state_q == StPush);
  assign cnt_crc_err_o   = crc_err_q;
  assign cnt_frame_err_o = frame_err_q;
  assign cnt_nak_o       = nak_q;
  assign in_step_o   = word_q[15:0];
  assign in_nid_o    = word_q[31:16];
  assign run_start_o = (state_q == StDispatch) && (h_type == CMD_RUN);
  assign run_steps_o = a_u16;
  assign reset_state_o = (state_q == StDispatch) && (h_type == CMD_RESET_STATE);
  // READ_SPIKES: pop in the cycle the event is latched for sending.
  assign spk_pop_o   = (state_q == StNext) && (h_type == CMD_READ_SPIKES) && (i_q < n_q) &&
                       spk_valid_i;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q          <= StIdle;
      ret_q            <= StIdle;
      after_q          <= StIdle;
      f_abort_q        <= 1'b0;
      f_ovf_q          <= 1'b0;
      f_crc_ok_q       <= 1'b0;
      f_cnt_q          <= '0;
      have_last_q      <= 1'b0;
      last_seq_q       <= '0;
      last_type_q      <= '0;
      last_clen_q      <= '0;
      crc_err_q        <= 1'b0;
      frame_err_q      <= 1'b0;
      nak_q            <= 1'b0;
      nak_code_q       <= '0;
      rlen_q           <= '0;
      i_q              <= '0;
      n_q              <= '0;
      tx_ptr_q         <= '0;
      rd_ptr_q         <= '0;
      fetch_n_q        <= '0;
      fetch_iss_q      <= '0;
      fetch_rcv_q      <= '0;
      rd_valid_q       <= 1'b0;
      run_q            <= 1'b0;
      run_arm_q        <= 1'b0;
      word_q           <= '0;
      put_n_q          <= '0;
      put_i_q          <= '0;
      prev_step_q      <= '0;
      scan_arg_bad_q   <= 1'b0;
      scan_order_bad_q <= 1'b0;
      scan_q           <= 1'b0;
      mem_we_q         <= 1'b0;
      mem_space_q      <= '0;
      hdr_i_q          <= '0;
      caps_i_q         <= '0;
    end else begin
      rd_valid_q  <= 1'b0;
      crc_err_q   <= 1'b0;
      frame_err_q <= 1'b0;
      nak_q       <= 1'b0;
      // A RUN is in progress from its start pulse until the core is idle again (busy_o also covers
      // the INIT and RESET_STATE sweeps, which are not runs and never give NAK BUSY).
      if (run_start_o) begin
        run_q     <= 1'b1;
        run_arm_q <= 1'b1;
      end else if (busy_i) begin
        run_arm_q <= 1'b0;
      end else if (!run_arm_q) begin
        run_q <= 1'b0;
      end
      unique case (state_q)
        StIdle: begin
          if (f_evt) begin
            f_abort_q  <= f_abort;
            f_ovf_q    <= f_ovf;
            f_crc_ok_q <= f_crc_ok;
            f_cnt_q    <= f_cnt;
            state_q    <= StCheck;
          end
        end

        StCheck: begin
          state_q <= StSendNak;
          if (f_abort_q || (f_cnt_q < CntW'(5))) begin
            frame_err_q <= 1'b1;    // dropped silently
            state_q     <= StIdle;
          end else if (f_ovf_q || (f_cnt_q < CntW'(9)) || (h_len > MAXBODY_I[15:0]) ||
                       (h_len != len_expect)) begin
            frame_err_q <= 1'b1;
            nak_code_q  <= NAK_LENGTH;
          end else if (!f_crc_ok_q) begin
            crc_err_q  <= 1'b1;
            nak_code_q <= NAK_CRC;
          end else if (h_ver != 8'd1) begin
            frame_err_q <= 1'b1;
            nak_code_q  <= NAK_VERSION;
          end else if (!type_known) begin
            nak_code_q <= NAK_TYPE;
          end else if (have_last_q && h_seq == last_seq_q && h_type == last_type_q) begin
            state_q <= StSend;                     // re-send the stored response
          end else if (!body_len_ok) begin
            frame_err_q <= 1'b1;
            nak_code_q  <= NAK_LENGTH;
          end else if (busy_i && !run_q && !any_time) begin
            state_q <= StCheck;                    // core INIT/RESET sweep: wait, it is short
          end else if (!busy_ok) begin
            nak_code_q <= NAK_BUSY;
          end else if (!arg_ok) begin
            nak_code_q <= NAK_ARG;
          end else if (h_type == CMD_LOAD_INPUTS && !fits) begin
            nak_code_q <= NAK_FULL;
          end else begin
            state_q <= StDispatch;
          end
        end

        // Set up the command; response length and loop count are known here for every command.
        StDispatch: begin
          i_q      <= '0;
          tx_ptr_q <= '0;
          hdr_i_q  <= '0;
          caps_i_q <= '0;
          n_q      <= '0;
          rlen_q   <= '0;
          after_q  <= StCommit;
          state_q  <= StHdr;
          unique case (h_type)
            CMD_CAPS: begin
              rlen_q  <= 16'd18;
              after_q <= StCaps;
            end
            CMD_WRITE_NEURON, CMD_READ_NEURON: begin
              n_q         <= a_ncount;
              rlen_q      <= (h_type == CMD_READ_NEURON) ? {a_ncount[13:0], 2'b00} : 16'd0;
              rd_ptr_q    <= RXOFF_NEURON_I[RxAW-1:0];
              mem_we_q    <= (h_type == CMD_WRITE_NEURON);
              mem_space_q <= SPACE_NEURON;
              after_q     <= StNext;
            end
            CMD_WRITE_REG: begin
              n_q         <= 16'd1;
              mem_we_q    <= 1'b1;
              mem_space_q <= SPACE_REG;
              after_q     <= StNext;
            end
            CMD_READ_REG: begin
              n_q         <= {8'd0, a_rcount};
              rlen_q      <= {6'd0, a_rcount, 2'b00};
              mem_we_q    <= 1'b0;
              mem_space_q <= SPACE_REG;
              after_q     <= StNext;
            end
            CMD_WRITE_WEIGHTS, CMD_READ_WEIGHTS: begin
              n_q         <= a_wcount;
              rlen_q      <= (h_type == CMD_READ_WEIGHTS) ? {a_wcount[14:0], 1'b0} : 16'd0;
              rd_ptr_q    <= RXOFF_WEIGHT_I[RxAW-1:0];
              mem_we_q    <= (h_type == CMD_WRITE_WEIGHTS);
              mem_space_q <= SPACE_WEIGHT;
              after_q     <= StNext;
            end
            CMD_LOAD_INPUTS: begin
              // Validate every event before the header is written or anything is pushed.
              n_q              <= a_u16;
              rd_ptr_q         <= RXOFF_INPUT_I[RxAW-1:0];
              prev_step_q      <= (in_count_i != 16'd0) ? in_last_step_i : 16'd0;
              scan_q           <= 1'b1;
              scan_arg_bad_q   <= 1'b0;
              scan_order_bad_q <= 1'b0;
              state_q          <= StNext;
            end
            CMD_READ_SPIKES: begin
              // Status and count are sampled together: if no run was in progress here, no
              // event can arrive later, so count < max tells the host the FIFO is drained.
              // (run_q is cleared only once the core is idle, after its last FIFO push.)
              n_q           <= spk_n;
              rlen_q        <= {spk_n[13:0], 2'b00} + 16'd3;
              word_q        <= {8'd0, spk_n, 7'd0, run_q};
              put_n_q       <= 3'd3;
              put_i_q       <= '0;
              after_q       <= StPut;
              ret_q         <= StNext;
            end
            CMD_RESET_STATE: state_q <= StRstWait1;
            default: ;   // RUN: run_start_o pulses in this cycle
          endcase
        end

        StRstWait1: state_q <= StRstWait;
        StRstWait:  if (!busy_i) state_q <= StHdr;

        StHdr: begin
          tx_ptr_q <= tx_ptr_q + 1'b1;
          hdr_i_q  <= hdr_i_q + 3'd1;
          if (hdr_i_q == 3'd4) state_q <= after_q;
        end

        StCaps: begin
          tx_ptr_q <= tx_ptr_q + 1'b1;
          caps_i_q <= caps_i_q + 5'd1;
          if (caps_i_q == 5'd17) state_q <= StCommit;
        end

        StPut: begin
          tx_ptr_q <= tx_ptr_q + 1'b1;
          put_i_q  <= put_i_q + 3'd1;
          if (put_i_q == put_n_q - 3'd1) state_q <= ret_q;
        end

        // Fetch fetch_n_q little-endian bytes from the RX buffer at rd_ptr_q into word_q.
        StFetch: begin
          if (fetch_iss_q != fetch_n_q) begin
            rd_ptr_q    <= rd_ptr_q + 1'b1;
            fetch_iss_q <= fetch_iss_q + 3'd1;
            rd_valid_q  <= 1'b1;
          end
          if (rd_valid_q) begin
            word_q[8*fetch_rcv_q +: 8] <= rx_rdata_q;
            fetch_rcv_q <= fetch_rcv_q + 3'd1;
            if (fetch_rcv_q == fetch_n_q - 3'd1) state_q <= ret_q;
          end
        end

        StMemReq: if (mem_ready_i) state_q <= StMemWait;

        StMemWait: begin
          if (mem_ack_i) begin
            i_q <= i_q + 16'd1;
            if (mem_we_q) begin
              state_q <= StNext;
            end else begin
              word_q  <= mem_rdata_i;
              put_n_q <= (mem_space_q == SPACE_WEIGHT) ? 3'd2 : 3'd4;
              put_i_q <= '0;
              ret_q   <= StNext;
              state_q <= StPut;
            end
          end
        end

        // Loop head: start item i_q, or finish the command.
        StNext: begin
          if (i_q == n_q) begin
            if (h_type == CMD_LOAD_INPUTS && scan_q) begin
              state_q <= StScanDone;
            end else begin
              state_q <= StCommit;
            end
          end else begin
            unique case (h_type)
              CMD_WRITE_NEURON, CMD_WRITE_WEIGHTS, CMD_LOAD_INPUTS: begin
                word_q      <= '0;
                fetch_n_q   <= (h_type == CMD_WRITE_WEIGHTS) ? 3'd2 : 3'd4;
                fetch_iss_q <= '0;
                fetch_rcv_q <= '0;
                ret_q       <= (h_type == CMD_LOAD_INPUTS) ? (scan_q ? StScanChk : StPush)
                                                           : StMemReq;
                state_q     <= StFetch;
              end
              CMD_READ_REG: begin
                if (own_reg) begin
                  i_q     <= i_q + 16'd1;
                  word_q  <= own_val;
                  put_n_q <= 3'd4;
                  put_i_q <= '0;
                  ret_q   <= StNext;
                  state_q <= StPut;
                end else begin
                  state_q <= StMemReq;
                end
              end
              CMD_READ_SPIKES: begin
                if (spk_valid_i) begin
                  i_q     <= i_q + 16'd1;
                  word_q  <= {spk_data_i[15:0], spk_data_i[31:16]};   // wire: step, then neuron
                  put_n_q <= 3'd4;
                  put_i_q <= '0;
                  ret_q   <= StNext;
                  state_q <= StPut;
                end
              end
              default: state_q <= StMemReq;   // READ_NEURON, READ_WEIGHTS, WRITE_REG
            endcase
          end
        end

        StScanChk: begin
          if (word_q[31:16] >= N_I[15:0]) scan_arg_bad_q <= 1'b1;
          if (word_q[15:0] < prev_step_q) scan_order_bad_q <= 1'b1;
          prev_step_q <= word_q[15:0];
          i_q         <= i_q + 16'd1;
          state_q     <= StNext;
        end

        StScanDone: begin
          scan_q   <= 1'b0;
          i_q      <= '0;
          rd_ptr_q <= RXOFF_INPUT_I[RxAW-1:0];
          if (scan_arg_bad_q) begin
            nak_code_q <= NAK_ARG;
            state_q    <= StSendNak;
          end else if (scan_order_bad_q) begin
            nak_code_q <= NAK_ORDER;
            state_q    <= StSendNak;
          end else begin
            after_q <= StNext;
            state_q <= StHdr;
          end
        end

        StPush: begin
          i_q     <= i_q + 16'd1;
          state_q <= StNext;
        end

        StCommit: begin
          have_last_q <= 1'b1;
          last_seq_q  <= h_seq;
          last_type_q <= h_type;
          last_clen_q <= 16'(tx_ptr_q);
          state_q     <= StSend;
        end

        StSend: state_q <= StSendWait;

        StSendNak: begin
          nak_q   <= 1'b1;
          state_q <= StSendWait;
        end

        StSendWait: if (tx_idle) state_q <= StIdle;

        default: state_q <= StIdle;
      endcase
    end
  end

endmodule
