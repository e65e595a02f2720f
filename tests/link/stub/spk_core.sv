// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// Behavioural stand-in for spk_core (docs/rtl.md ports), used only while rtl/spk_core.sv does not
// exist, so the link can be tested alone. Memories store the field's low bits and read back
// zero/sign-extended (protocol.md section 3); a RUN only forwards forced input spikes to the FIFO
// (one step = NumNeurons cycles, with the FIFO-room stall rule); no LIF dynamics.
module spk_core #(
  parameter int NumNeurons = 256,
  parameter int Lanes      = 4,
  parameter int InDepth    = 1024,
  parameter int OutDepth   = 1024
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  output logic        mem_ready_o,
  input  logic        mem_req_i,
  input  logic        mem_we_i,
  input  logic [1:0]  mem_space_i,
  input  logic [4:0]  mem_field_i,
  input  logic [19:0] mem_addr_i,
  input  logic [31:0] mem_wdata_i,
  output logic        mem_ack_o,
  output logic [31:0] mem_rdata_o,
  input  logic        in_push_i,
  input  logic [15:0] in_step_i,
  input  logic [15:0] in_nid_i,
  output logic [15:0] in_count_o,
  output logic [15:0] in_last_step_o,
  input  logic        run_start_i,
  input  logic [15:0] run_steps_i,
  input  logic        reset_state_i,
  output logic        busy_o,
  output logic        spk_valid_o,
  output logic [31:0] spk_data_o,
  input  logic        spk_pop_i,
  output logic [15:0] spk_count_o
);
  localparam int N = NumNeurons;
  logic [31:0] nf [17*N];
  logic [15:0] wmem [N*N];
  logic [31:0] regs [7];
  logic [63:0] cycles_q, sops_q;
  logic [31:0] steps_done_q, spikes_q, stall_q, dropped_q;
  logic [15:0] ev_step [InDepth];
  logic [15:0] ev_nid [InDepth];
  logic [15:0] in_count_q, rd_idx_q, t_q, steps_q;
  logic [31:0] fifo [OutDepth];
  logic [15:0] wp_q, rp_q, cnt_q;
  logic        busy_q, running_q;
  logic [15:0] cyc_q;
  logic        ack_q;
  logic [31:0] rdata_q;

  function automatic logic [31:0] field_mask(input logic [4:0] f);
    case (f)
      5'd3, 5'd4, 5'd5, 5'd16: field_mask = 32'h0000FFFF;
      5'd8, 5'd9, 5'd10:       field_mask = 32'h00FFFFFF;
      5'd11, 5'd12:            field_mask = 32'h3FFFFFFF;
      default:                 field_mask = 32'hFFFFFFFF;
    endcase
  endfunction

  function automatic logic [31:0] reg_mask(input logic [4:0] f);
    case (f)
      5'd0:       reg_mask = 32'h3;
      5'd1, 5'd2: reg_mask = 32'h00FFFFFF;
      default:    reg_mask = 32'h0000FFFF;
    endcase
  endfunction

  logic push_spk, pop_spk;
  logic ev_here;
  assign ev_here  = running_q && (rd_idx_q < in_count_q) && (ev_step[rd_idx_q] == t_q) &&
                    (cyc_q != 16'hFFFF);
  assign push_spk = ev_here;
  assign pop_spk  = spk_pop_i && (cnt_q != 0);

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      for (int i = 0; i < 7; i++) regs[i] <= '0;
      cycles_q <= '0; sops_q <= '0; steps_done_q <= '0; spikes_q <= '0; stall_q <= '0;
      dropped_q <= '0; in_count_q <= '0; rd_idx_q <= '0; t_q <= '0; steps_q <= '0;
      wp_q <= '0; rp_q <= '0; cnt_q <= '0; busy_q <= 1'b0; running_q <= 1'b0; cyc_q <= '0;
      ack_q <= 1'b0; rdata_q <= '0;
    end else begin
      cycles_q <= cycles_q + 1;
      ack_q <= mem_req_i;
      if (mem_req_i) begin
        if (mem_we_i) begin
          case (mem_space_i)
            2'd0: nf[int'(mem_field_i)*N + int'(mem_addr_i)] <= mem_wdata_i & field_mask(mem_field_i);
            2'd1: wmem[int'(mem_addr_i)] <= mem_wdata_i[15:0];
            default: if (mem_field_i <= 5'd6) regs[mem_field_i] <= mem_wdata_i & reg_mask(mem_field_i);
          endcase
        end else begin
          case (mem_space_i)
            2'd0: rdata_q <= nf[int'(mem_field_i)*N + int'(mem_addr_i)];
            2'd1: rdata_q <= {16'd0, wmem[int'(mem_addr_i)]};
            default: begin
              case (mem_field_i)
                5'd5, 5'd6: rdata_q <= {{16{regs[mem_field_i][15]}}, regs[mem_field_i][15:0]};
                5'd16: rdata_q <= cycles_q[31:0];
                5'd17: rdata_q <= cycles_q[63:32];
                5'd18: rdata_q <= steps_done_q;
                5'd19: rdata_q <= spikes_q;
                5'd20: rdata_q <= sops_q[31:0];
                5'd21: rdata_q <= sops_q[63:32];
                5'd22: rdata_q <= stall_q;
                5'd23: rdata_q <= dropped_q;
                default: rdata_q <= (mem_field_i <= 5'd6) ? regs[mem_field_i] : 32'd0;
              endcase
            end
          endcase
        end
      end
      if (in_push_i) begin
        ev_step[in_count_q] <= in_step_i;
        ev_nid[in_count_q]  <= in_nid_i;
        in_count_q <= in_count_q + 1;
      end
      if (run_start_i) begin
        busy_q <= 1'b1; running_q <= 1'b1; t_q <= '0; steps_q <= run_steps_i; rd_idx_q <= '0;
        cyc_q <= 16'hFFFF;   // FFFF = waiting for FIFO room
      end
      if (reset_state_i) begin
        busy_q <= 1'b1; cyc_q <= 16'd3;
      end
      if (busy_q && !running_q) begin
        if (cyc_q == 0) busy_q <= 1'b0; else cyc_q <= cyc_q - 1;
      end
      if (running_q) begin
        if (t_q == steps_q) begin
          running_q <= 1'b0; busy_q <= 1'b0;
          dropped_q <= dropped_q + 32'(in_count_q - rd_idx_q);
          in_count_q <= '0;
        end else if (cyc_q == 16'hFFFF) begin
          if (32'(OutDepth) - 32'(cnt_q) >= 32'(N)) cyc_q <= '0;
          else stall_q <= stall_q + 1;
        end else if (ev_here) begin
          rd_idx_q <= rd_idx_q + 1;
          spikes_q <= spikes_q + 1;
          sops_q <= sops_q + 64'(N);
        end else if (cyc_q == 16'(N - 1)) begin
          t_q <= t_q + 1; cyc_q <= 16'hFFFF; steps_done_q <= steps_done_q + 1;
        end else begin
          cyc_q <= cyc_q + 1;
        end
      end
      if (push_spk) begin
        fifo[wp_q] <= {t_q, ev_nid[rd_idx_q]};
        wp_q <= (wp_q == 16'(OutDepth - 1)) ? '0 : wp_q + 1;
      end
      if (pop_spk) rp_q <= (rp_q == 16'(OutDepth - 1)) ? '0 : rp_q + 1;
      cnt_q <= cnt_q + (push_spk ? 16'd1 : 16'd0) - (pop_spk ? 16'd1 : 16'd0);
    end
  end

  assign mem_ready_o    = 1'b1;
  assign mem_ack_o      = ack_q;
  assign mem_rdata_o    = rdata_q;
  assign in_count_o     = in_count_q;
  assign in_last_step_o = (in_count_q == 0) ? 16'd0 : ev_step[in_count_q - 1];
  assign busy_o         = busy_q;
  assign spk_valid_o    = cnt_q != 0;
  assign spk_data_o     = fifo[rp_q];
  assign spk_count_o    = cnt_q;
endmodule
