// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// spk_core: time-multiplexed LIF (NEST iaf_psc_exp, exact integration) + pair STDP, bit-exact with
// docs/model.md §4. Port list and host-port semantics: docs/rtl.md. Field formats: model.md §2.
//
// Memories (all inferred RAM, zeroed after rst_ni by the INIT sweep, model.md §2.4 reset values):
//   weights    Lanes banks x (N*N/Lanes) x WeightBits; bank b holds posts with post % Lanes == b,
//              word (pre, post) at bank address pre*(N/Lanes) + post/Lanes (= host addr / Lanes).
//              A bank stores {plastic, w[WeightBits-2:0]} and reads back the 16-bit word with w
//              sign-extended, so everything past the RAM sees model.md's u16 weight word.
//   neuron     one single-port RAM per field (V, I_ex, I_in, r, x, pset, forced flag), N entries.
//   param sets two tables of 32-bit words, slot-major (address slot*P + set, model.md §2.2): A holds
//              the multiplier coefficients (P22, C21ex, C21in, P11ex, P11in in the order the datapath
//              uses them), B drive, theta, v_reset, n_ref. Each is read once per pipeline phase, so
//              nine fields cost two RAMs and no parameter registers.
//   y, acc     Lanes banks of N/Lanes entries (y trace, A+ and A- accumulators of step 3), so that a row
//              chunk of Lanes posts can be read/updated in one cycle.
//   spike list 2 x 2^clog2(N) entries: S_prev and S_t (ping-pong, sel_q says which half is S_prev).
//   FIFOs      input events (InDepth), spike output (OutDepth).
//
// Per timestep (state names in brackets):
//   [WAIT]  until the spike FIFO has room for N events (counted in STALL_CYCLES)
//   [MARK]  pop input events of this step, set forced[nid]
//   [DLV*]  step 3 accumulation: for each j in S_prev, row j in chunks of Lanes -> acc_ex/acc_in (SOPs += N)
//   [NEU]   k = 0..N-1: steps 1, 2, 3 (apply acc), 4, 5a with one shared, pipelined 31x32-bit multiplier
//           (and a 24x16 one for the traces), 9 cycles/neuron
//   [POT*]  5b: for each post in S_t, column RMW (2 cycles per pre)
//   [DEP*]  5c: for each pre in S_t, row RMW in chunks of Lanes (2 cycles per chunk)
//   [INC*]  5d: trace increments of S_t
//   [STEP_END] S_prev := S_t
module spk_core #(
  parameter int NumNeurons = 256,   // N, 16..1024, multiple of Lanes
  parameter int Lanes      = 4,     // 1, 2, 4 or 8
  parameter int WeightBits = 16,    // stored bits per weight word, plastic bit included, 9..16 (model.md §2.3)
  parameter int LutRam     = 0,     // 1: per-lane y/accumulator banks and the forced, r, pset fields in
                                    // Xilinx LUT RAM (block RAM is the scarce resource there); 0: block RAM
  parameter int ParamSets  = 0,     // P, parameter sets (model.md §2.2), 1..N; 0 means N
  parameter int InDepth    = 1024,  // input-event buffer entries
  parameter int OutDepth   = 1024   // spike FIFO entries, >= NumNeurons
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
  output logic [15:0] spk_count_o,
  // Link events counted in registers 24..26 (protocol.md §4); tie to 0 without a link
  input  logic        cnt_crc_err_i,
  input  logic        cnt_frame_err_i,
  input  logic        cnt_nak_i
);
  // ---------------------------------------------------------------------------------------------
  // Sizes
  // ---------------------------------------------------------------------------------------------
  localparam int N     = NumNeurons;
  localparam int L     = Lanes;
  localparam int NL    = N / L;                         // words of one row in one bank
  localparam int WDep  = N * NL;                        // words per weight bank
  localparam int Nw    = $clog2(N);                     // neuron index
  localparam int Bw    = $clog2(NL);                    // bank-local neuron index
  localparam int Waw   = $clog2(WDep);                  // weight bank address
  localparam int Lg    = $clog2(L);                     // log2(Lanes), 0 for one lane
  localparam int Lbw   = (L > 1) ? Lg : 1;              // bank-select width
  localparam int AccW  = 26;                            // |A+-| <= 1024*16384 = 2^24
  localparam int InCw  = $clog2(InDepth + 1);
  localparam int OutCw = $clog2(OutDepth + 1);
  localparam int SmallStyle = (LutRam != 0) ? 2 : 1;          // spk_ram_sp Style of the LutRam memories
  localparam int P     = (ParamSets == 0) ? N : ParamSets;
  localparam int Pw    = (P > 1) ? $clog2(P) : 1;       // set index
  localparam int Taw   = $clog2(5 * P);                 // table A address (5 slots)
  localparam int Tbw   = $clog2(4 * P);                 // table B address (4 slots)
  // INIT sweeps the weights and the 5 slots of table A, whichever is longer.
  localparam int Caw   = (Waw > Taw) ? Waw : Taw;

  localparam integer NLastI  = N - 1;
  localparam integer NI      = N;
  localparam integer NlI     = NL;
  localparam integer NlLastI = NL - 1;
  localparam integer WLastI  = WDep - 1;
  localparam integer WAddrsI = N * N;
  localparam integer FreeI   = OutDepth - N;
  localparam integer PLastI  = P - 1;
  localparam integer InitLastI = (WDep > 5 * P) ? WDep - 1 : 5 * P - 1;

  localparam logic [Nw-1:0]  NLast   = NLastI[Nw-1:0];
  localparam logic [Nw:0]    NCount  = NI[Nw:0];
  localparam logic [Bw-1:0]  NlLast  = NlLastI[Bw-1:0];
  localparam logic [Waw-1:0] NlStep  = NlI[Waw-1:0];
  localparam logic [Caw-1:0] InitLast = InitLastI[Caw-1:0];
  localparam logic [Caw-1:0] WLastC  = WLastI[Caw-1:0];
  localparam logic [Pw-1:0]  PLast   = PLastI[Pw-1:0];
  localparam logic [Caw-1:0] NLastW  = NLastI[Caw-1:0];
  localparam logic [Caw-1:0] NlLastW = NlLastI[Caw-1:0];
  localparam logic [20:0]    WAddrs  = WAddrsI[20:0];
  localparam logic [OutCw-1:0] MaxFill = FreeI[OutCw-1:0];   // start a step only if count <= this

  // Parameter checks (rtl.md ranges), for simulators; Yosys would keep them as $check cells.
`ifndef SYNTHESIS
  initial begin
    assert (N >= 16 && N <= 1024);
    assert (L == 1 || L == 2 || L == 4 || L == 8);
    assert (N % L == 0);
    assert (P >= 1 && P <= N);
    assert (WeightBits >= 9 && WeightBits <= 16);
    assert (OutDepth >= N);
    assert (InDepth >= 2 && InDepth <= 65535 && OutDepth <= 65535);
  end
`endif

  // ---------------------------------------------------------------------------------------------
  // Helpers (model.md §2.5)
  // ---------------------------------------------------------------------------------------------
  // rsr(x, 24) (round to nearest, ties toward +inf) and sat32 of the neuron update: see the pipelined
  // datapath below (add_t / add_sat).

  // rsr(a * t, 18) of an STDP update: u16 amplitude (Q12.4) times u16 trace (Q2.14).
  function automatic logic [16:0] stdp_delta(input logic [15:0] a, input logic [15:0] t);
    stdp_delta = 17'(({1'b0, a} * {17'b0, t} + 33'd131072) >> 18);
  endfunction

  // clipw(w +- delta) of a 15-bit weight (model.md §2.5); the plastic bit is kept.
  function automatic logic [15:0] stdp_word(input logic [15:0] word, input logic [16:0] delta,
                                            input logic sub, input logic [14:0] wmin,
                                            input logic [14:0] wmax);
    logic signed [17:0] v, lo, hi;
    lo = {{3{wmin[14]}}, wmin};
    hi = {{3{wmax[14]}}, wmax};
    v  = {{3{word[14]}}, word[14:0]};
    v  = sub ? (v - $signed({1'b0, delta})) : (v + $signed({1'b0, delta}));
    // max(v, lo) then min(., hi), with both compares on v (shorter path): below lo gives lo, or hi
    // when lo > hi.
    if (v < lo)      v = (lo > hi) ? hi : lo;
    else if (v > hi) v = hi;
    stdp_word = {word[15], v[14:0]};
  endfunction

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [4:0] {
    StInit, StIdle, StClr, StWait, StMark,
    StDlvLst, StDlvLstQ, StDlvRow, StDlvEnd, StNeu,
    StPotLst, StPotLstQ, StPotRd, StPotWr,
    StDepLst, StDepLstQ, StDepRd, StDepWr,
    StIncLst, StIncLstQ, StIncRd, StIncWr,
    StStepEnd, StRunEnd
  } state_e;

  typedef enum logic [2:0] { MIdle, MAcc, MCap, MCnt, MAck } mstate_e;

  state_e state_q, state_d;
  logic [3:0]     ph_q, ph_d;            // sub-cycle of the neuron loop
  logic [Nw-1:0]  k_q, k_d;              // neuron loop index / 5d neuron
  logic [Caw-1:0] ca_q, ca_d;            // INIT / CLR sweep address
  logic [Pw-1:0]  pm_q, pm_d;            // INIT: ca mod P, the reset value of pset (model.md §2.2)
  logic [Pw-1:0]  ps_q, ps_d;            // parameter set of neuron k_q (from ph 1)
  logic           spk_q, spk_d;          // step 4: neuron k_q spikes (from ph 7)
  logic [Nw:0]    lidx_q, lidx_d;        // spike-list position
  logic [Nw:0]    prev_cnt_q, prev_cnt_d;// |S_prev|
  logic [Nw:0]    cur_cnt_q, cur_cnt_d;  // |S_t|
  logic           sel_q, sel_d;          // list half holding S_prev
  logic [Nw-1:0]  j_q, j_d;              // pre index of the 5b column walk
  logic [Nw-1:0]  kp_q, kp_d;            // neuron taken from a spike list
  logic [Bw-1:0]  c_q, c_d;              // row chunk
  logic [Waw-1:0] wa_q, wa_d;            // weight bank address
  logic           p1_valid_q;            // delivery write-back stage
  logic [Bw-1:0]  p1_c_q;
  logic signed [63:0] sum_q, sum_d;      // step-1 sum of exact products (raw V * 2^24; drive enters * 2^20)
  logic [31:0]    vn_q, vn_d;            // V after step 1, Q15.16
  logic [31:0]    iexn_q, iexn_d;        // I_ex after steps 2-3, Q23.8
  logic [31:0]    iinn_q, iinn_d;        // I_in after steps 2-3, Q23.8
  logic [15:0]    xn_q, xn_d;            // x after 5a, Q2.14
  logic [15:0]    yn_q, yn_d;            // y after 5a, Q2.14
  logic [15:0]    cur_step_q, cur_step_d;// step offset within the RUN
  logic [15:0]    run_steps_q, run_steps_d;
  logic [15:0]    in_last_q, in_last_d;

  // Global registers (model.md §2.4)
  logic [1:0]  stdp_ctrl_q;
  logic [23:0] p_plus_q, p_minus_q;
  logic [15:0] a_plus_q, a_minus_q;
  logic [14:0] w_min_q, w_max_q;          // s15 (model.md §2.4)

  // Counters (protocol.md §4)
  // Counters (protocol.md §4, registers 16..26): spk_counters below
  logic        cnt_rd_req, cnt_valid;
  logic [31:0] cnt_data;

  // Host port
  mstate_e     mst_q, mst_d;
  logic        m_we_q;
  logic [1:0]  m_space_q;
  logic [4:0]  m_field_q;
  logic [19:0] m_addr_q;
  logic [31:0] m_wdata_q;
  logic [31:0] m_rdata_q, m_rdata_d;
  logic        m_ok;                     // latched request may touch memories

  // ---------------------------------------------------------------------------------------------
  // Memories
  // ---------------------------------------------------------------------------------------------
  // Neuron-indexed RAMs share one address.
  logic [Nw-1:0] na;
  logic          v_we, iex_we, iin_we, r_we, x_we, f_we;
  logic [31:0]   v_wd, iex_wd, iin_wd;
  logic [15:0]   r_wd, x_wd;
  logic          f_wd;
  logic          v_en, iex_en, iin_en, r_en, x_en, f_en;
  logic [31:0]   v_q, iex_q, iin_q;
  logic [15:0]   r_q, x_q;
  logic          f_q;
  // Parameter sets: pset RAM (own address: the next neuron's set is read while this one runs) and
  // the two slot-major tables.
  logic [Nw-1:0] pa;
  logic          pset_en, pset_we;
  logic [Pw-1:0] pset_wd, pset_q;
  logic [Taw-1:0] pta_a;
  logic [Tbw-1:0] ptb_a;
  logic          pta_en, pta_we, ptb_en, ptb_we;
  logic [31:0]   pta_wd, ptb_wd, pta_q, ptb_q;

  spk_ram_sp #(.Width(32), .Depth(N), .AddrWidth(Nw)) u_v
    (.clk_i, .en_i(v_en), .we_i(v_we), .addr_i(na), .wdata_i(v_wd), .rdata_o(v_q));
  spk_ram_sp #(.Width(32), .Depth(N), .AddrWidth(Nw)) u_iex
    (.clk_i, .en_i(iex_en), .we_i(iex_we), .addr_i(na), .wdata_i(iex_wd), .rdata_o(iex_q));
  spk_ram_sp #(.Width(32), .Depth(N), .AddrWidth(Nw)) u_iin
    (.clk_i, .en_i(iin_en), .we_i(iin_we), .addr_i(na), .wdata_i(iin_wd), .rdata_o(iin_q));
  spk_ram_sp #(.Width(16), .Depth(N), .AddrWidth(Nw), .Style(SmallStyle)) u_r
    (.clk_i, .en_i(r_en), .we_i(r_we), .addr_i(na), .wdata_i(r_wd), .rdata_o(r_q));
  spk_ram_sp #(.Width(16), .Depth(N), .AddrWidth(Nw)) u_x
    (.clk_i, .en_i(x_en), .we_i(x_we), .addr_i(na), .wdata_i(x_wd), .rdata_o(x_q));
  spk_ram_sp #(.Width(1), .Depth(N), .AddrWidth(Nw), .Style(SmallStyle)) u_forced
    (.clk_i, .en_i(f_en), .we_i(f_we), .addr_i(na), .wdata_i(f_wd), .rdata_o(f_q));
  spk_ram_sp #(.Width(Pw), .Depth(N), .AddrWidth(Nw), .Style(SmallStyle)) u_pset
    (.clk_i, .en_i(pset_en), .we_i(pset_we), .addr_i(pa), .wdata_i(pset_wd), .rdata_o(pset_q));
  spk_ram_sp #(.Width(32), .Depth(5 * P), .AddrWidth(Taw)) u_ptab_a
    (.clk_i, .en_i(pta_en), .we_i(pta_we), .addr_i(pta_a), .wdata_i(pta_wd), .rdata_o(pta_q));
  spk_ram_sp #(.Width(32), .Depth(4 * P), .AddrWidth(Tbw)) u_ptab_b
    (.clk_i, .en_i(ptb_en), .we_i(ptb_we), .addr_i(ptb_a), .wdata_i(ptb_wd), .rdata_o(ptb_q));

  // Table slot of a parameter field id (8..16): {table B, slot}. A: 0 P22, 1 C21ex, 2 C21in, 3 P11ex,
  // 4 P11in (datapath order); B: 0 drive, 1 theta, 2 v_reset, 3 n_ref.
  function automatic logic [3:0] field_slot(input logic [4:0] f);
    unique case (f)
      5'd8:    field_slot = 4'h0;
      5'd9:    field_slot = 4'h3;
      5'd10:   field_slot = 4'h4;
      5'd11:   field_slot = 4'h1;
      5'd12:   field_slot = 4'h2;
      5'd13:   field_slot = 4'h8;
      5'd14:   field_slot = 4'h9;
      5'd15:   field_slot = 4'ha;
      default: field_slot = 4'hb;          // 16, n_ref
    endcase
  endfunction
  // INIT sweeps max(N*N/L, 5P) addresses; the weight banks take the first N*N/L.
  logic w_init;
  if (WDep >= 5 * P) begin : g_winit_all
    assign w_init = 1'b1;
  end else begin : g_winit_part
    assign w_init = (ca_q <= WLastC);
  end

  // Word address of (slot, set), slot-major so that any P packs densely.
  function automatic logic [Taw-1:0] slot_addr(input logic [2:0] slot, input logic [Pw-1:0] set);
    slot_addr = Taw'(slot) * Taw'(P) + Taw'(set);
  endfunction

  // Banked RAMs: weights, y trace, step-3 accumulators. One address per kind, per-bank enables.
  logic [Waw-1:0]    wa;
  logic [L-1:0]      w_en, w_we;
  logic [L*16-1:0]   w_wd, w_q;
  logic [Bw-1:0]     ya;
  logic [L-1:0]      y_en, y_we;
  logic [L*16-1:0]   y_wd, y_q;
  logic [Bw-1:0]     acc_ra, acc_wa;
  logic              acc_re;
  logic [L-1:0]      acc_we;
  logic [L*AccW-1:0] aex_wd, ain_wd, aex_q, ain_q;

  for (genvar b = 0; b < L; b++) begin : g_bank
    logic [WeightBits-1:0] w_raw;
    spk_ram_sp #(.Width(WeightBits), .Depth(WDep), .AddrWidth(Waw), .Style(0)) u_w
      (.clk_i, .en_i(w_en[b]), .we_i(w_we[b]), .addr_i(wa),
       .wdata_i({w_wd[b*16 + 15], w_wd[b*16 +: WeightBits-1]}), .rdata_o(w_raw));
    assign w_q[b*16 +: 16] = {w_raw[WeightBits-1], 15'($signed(w_raw[WeightBits-2:0]))};
    if (WeightBits < 16) begin : g_narrow
      // A narrow bank drops w[14:WeightBits-1] of a written word (model.md §2.3): unused on purpose.
      logic unused_hi;
      assign unused_hi = ^w_wd[b*16 + WeightBits-1 +: 16-WeightBits];
    end
    spk_ram_sp #(.Width(16), .Depth(NL), .AddrWidth(Bw), .Style(SmallStyle)) u_y
      (.clk_i, .en_i(y_en[b]), .we_i(y_we[b]), .addr_i(ya), .wdata_i(y_wd[b*16 +: 16]),
       .rdata_o(y_q[b*16 +: 16]));
    spk_ram_1r1w #(.Width(AccW), .Depth(NL), .AddrWidth(Bw), .LutRam(LutRam)) u_acc_ex
      (.clk_i, .we_i(acc_we[b]), .waddr_i(acc_wa), .wdata_i(aex_wd[b*AccW +: AccW]),
       .re_i(acc_re), .raddr_i(acc_ra), .rdata_o(aex_q[b*AccW +: AccW]));
    spk_ram_1r1w #(.Width(AccW), .Depth(NL), .AddrWidth(Bw), .LutRam(LutRam)) u_acc_in
      (.clk_i, .we_i(acc_we[b]), .waddr_i(acc_wa), .wdata_i(ain_wd[b*AccW +: AccW]),
       .re_i(acc_re), .raddr_i(acc_ra), .rdata_o(ain_q[b*AccW +: AccW]));
  end

  // Spike lists: address {half, position}.
  logic          sl_en, sl_we;
  logic [Nw:0]   sl_a;
  logic [Nw-1:0] sl_wd, sl_q;
  // Depth 2^(Nw+1) (not 2N) so that {half, position} addresses work for any N.
  spk_ram_sp #(.Width(Nw), .Depth(2 << Nw), .AddrWidth(Nw + 1)) u_spk_list
    (.clk_i, .en_i(sl_en), .we_i(sl_we), .addr_i(sl_a), .wdata_i(sl_wd), .rdata_o(sl_q));

  // Input events {step, nid} and spike output {step, neuron}.
  logic              in_flush, in_pop, in_valid, in_push;
  logic [31:0]       in_head;
  logic [InCw-1:0]   in_cnt;
  spk_fifo #(.Width(32), .Depth(InDepth), .CountWidth(InCw)) u_in_fifo (
    .clk_i, .rst_ni, .flush_i(in_flush), .push_i(in_push), .wdata_i({in_step_i, in_nid_i}),
    .pop_i(in_pop), .head_valid_o(in_valid), .head_o(in_head), .count_o(in_cnt)
  );

  logic              out_push;
  logic [31:0]       out_wd;
  logic [OutCw-1:0]  out_cnt;
  spk_fifo #(.Width(32), .Depth(OutDepth), .CountWidth(OutCw)) u_out_fifo (
    .clk_i, .rst_ni, .flush_i(1'b0), .push_i(out_push), .wdata_i(out_wd),
    .pop_i(spk_pop_i), .head_valid_o(spk_valid_o), .head_o(spk_data_o), .count_o(out_cnt)
  );

  // ---------------------------------------------------------------------------------------------
  // Lane selection and the neuron datapath
  // ---------------------------------------------------------------------------------------------
  // Bank and bank-local index of a neuron (post % Lanes, post / Lanes).
  logic [Lbw-1:0] k_bank, kp_bank, m_bank;
  logic [Bw-1:0]  k_row, kp_row;
  assign k_bank  = (L == 1) ? '0 : k_q[Lbw-1:0];
  assign kp_bank = (L == 1) ? '0 : kp_q[Lbw-1:0];
  assign m_bank  = (L == 1) ? '0 : m_addr_q[Lbw-1:0];
  assign k_row   = Bw'(k_q >> Lg);
  assign kp_row  = Bw'(kp_q >> Lg);

  logic [15:0]          y_k, y_kp;
  logic                 w_kp_plastic;
  logic signed [AccW-1:0] aex_k, ain_k;
  assign y_k   = y_q[k_bank*16 +: 16];
  assign y_kp  = y_q[kp_bank*16 +: 16];
  assign w_kp_plastic = w_q[kp_bank*16 + 15];
  assign aex_k = aex_q[k_bank*AccW +: AccW];
  assign ain_k = ain_q[k_bank*AccW +: AccW];

  // Neuron datapath, pipelined (9 cycles per neuron; the state RAMs are read at ph 0 and their
  // outputs hold until the write-back at ph 8; the parameter tables are read one phase before each
  // use: A at ph 0..4 for the multiplier at ph 1..5, B at ph 0 (drive, ph 1), 5 (theta, ph 6),
  // 6 (v_reset, ph 7) and 7 (n_ref, ph 8)):
  //   big multiplier (steps 1-3), u30 coefficient x s32 state: operands registered (ma_q/mb_q) at the
  //   end of ph n = 1..5, product registered (pr_q) one cycle later, then one 64-bit add + saturation
  //   into vn_q / iexn_q / iinn_q. The rounding constant 2^23 of rsr(., 24) is folded into the add:
  //   rsr24(p) + a*256 = (p + 2^23 + a*2^32) >>> 24 exactly, and for step 1 the sum starts at
  //   drive*2^20 + 2^23 (sum_q at ph 1), so sat32(rsr24(sum)) = sat32(t >>> 24) of the final add t.
  //   ph n   1: p22*V   2: c21ex*I_ex   3: c21in*I_in   4: p11ex*I_ex   5: p11in*I_in
  //   pr_q valid at ph n+2; vn at the end of ph 5, iexn ph 6, iinn ph 7, all valid by the ph 8 write.
  //   small multiplier (5a), u24 x u16 (one DSP): p_plus*x at ph 1, p_minus*y at ph 2, same pipeline.
  // Table words hold their field zero-extended (written masked), so A's low 30 bits are the operand.
  logic [29:0]        mul_a;
  logic signed [31:0] mul_b;
  always_comb begin
    mul_a = pta_q[29:0];
    unique case (ph_q)
      4'd1:    mul_b = v_q;
      4'd2:    mul_b = iex_q;
      4'd3:    mul_b = iin_q;
      4'd4:    mul_b = iex_q;
      4'd5:    mul_b = iin_q;
      default: begin mul_a = '0; mul_b = '0; end
    endcase
  end

  logic [29:0]        ma_q;              // stage 1: operands
  logic signed [31:0] mb_q;
  logic signed [62:0] pr_q, pr_d;        // stage 2: product
  assign pr_d = $signed({1'b0, ma_q}) * mb_q;

  logic [23:0] ta;                       // trace multiplier (5a)
  logic [15:0] tb;
  always_comb begin
    unique case (ph_q)
      4'd1:    begin ta = p_plus_q;  tb = x_q; end
      4'd2:    begin ta = p_minus_q; tb = y_k; end
      default: begin ta = '0;        tb = '0;  end
    endcase
  end
  logic [23:0] ta_q;
  logic [15:0] tb_q;
  logic [39:0] tp_q, tp_d;
  logic [15:0] tp_rnd;
  assign tp_d   = {16'b0, ta_q} * {24'b0, tb_q};
  assign tp_rnd = 16'((tp_q + 40'd8388608) >> 24);     // rsr(., 24): < 2^16, no saturation needed

  // Stage 3: one 64-bit add of the product and an addend chosen by the phase.
  logic signed [63:0] add_b, add_t;
  always_comb begin
    unique case (ph_q)
      4'd3, 4'd4, 4'd5: add_b = sum_q;
      4'd6:    add_b = {{(32-AccW){aex_k[AccW-1]}}, aex_k, 32'h0080_0000};
      4'd7:    add_b = {{(32-AccW){ain_k[AccW-1]}}, ain_k, 32'h0080_0000};
      default: add_b = '0;
    endcase
  end
  assign add_t = {pr_q[62], pr_q} + add_b;

  // sat32(add_t >>> 24): in range iff bits 63..55 are all equal.
  logic [31:0] add_sat;
  assign add_sat = (add_t[63:55] == {9{add_t[63]}}) ? add_t[55:24]
                 : (add_t[63] ? 32'h8000_0000 : 32'h7fff_ffff);

  // Threshold and reset (step 4): spike decided at ph 6 (theta), V reset at ph 7 (v_reset), r at the
  // ph 8 write (n_ref), each from table B as it arrives.
  logic        spike_k;
  logic [15:0] r_fin;
  assign spike_k = spk_q;
  assign r_fin   = spk_q ? ptb_q[15:0] : ((r_q == 16'd0) ? 16'd0 : r_q - 16'd1);

  // STDP updates (5b one lane, 5c all lanes). The trace (x[j] for 5b, the chunk's y for 5c) is read
  // one cycle ahead of the weight (in the previous Wr / LstQ cycle), so that its delta is registered
  // in the Rd cycle (pot_dq, dep_dq) and the Wr cycle only adds and clips.
  logic [16:0] pot_dq;
  logic [L*17-1:0] dep_dq, dep_dd;
  // One add/clip per bank serves both: 5b adds pot_dq in bank kp_bank (the only bank written), 5c
  // subtracts each lane's dep_dq. No lane select sits between the RAM output and the adder, and
  // none between the clip and the RAM input (this is the longest path on Xilinx block RAM).
  logic            pot_wr;
  logic [L*16-1:0] stdp_wd;
  assign pot_wr = (state_q == StPotWr);
  for (genvar b = 0; b < L; b++) begin : g_dep
    assign dep_dd[b*17 +: 17]   = stdp_delta(a_minus_q, y_q[b*16 +: 16]);
    assign stdp_wd[b*16 +: 16] = stdp_word(w_q[b*16 +: 16], pot_wr ? pot_dq : dep_dq[b*17 +: 17], ~pot_wr,
                                           w_min_q, w_max_q);
  end

  // 5d trace increment.
  logic nearest;
  logic [15:0] x_inc, y_inc;
  assign nearest = stdp_ctrl_q[1];
  assign x_inc = nearest ? 16'd16384 : ((x_q >= 16'd49152) ? 16'hffff : x_q + 16'd16384);
  assign y_inc = nearest ? 16'd16384 : ((y_kp >= 16'd49152) ? 16'hffff : y_kp + 16'd16384);

  // Delivery write-back (step 3 accumulation), one cycle after the row chunk was read.
  logic [L*AccW-1:0] aex_sum, ain_sum;
  for (genvar b = 0; b < L; b++) begin : g_acc
    logic signed [14:0] w;
    assign w = w_q[b*16 +: 15];
    assign aex_sum[b*AccW +: AccW] = aex_q[b*AccW +: AccW] + ((w > 15'sd0) ? AccW'(w) : '0);
    assign ain_sum[b*AccW +: AccW] = ain_q[b*AccW +: AccW] + ((w < 15'sd0) ? AccW'(w) : '0);
  end

  // ---------------------------------------------------------------------------------------------
  // Host access decode
  // ---------------------------------------------------------------------------------------------
  logic m_is_neu, m_is_w, m_is_par;
  localparam integer PI = P;
  localparam logic [19:0] PCount = PI[19:0];
  assign m_is_par = (m_field_q >= 5'd8) && (m_field_q <= 5'd16);
  logic [3:0] m_slot;
  assign m_slot = field_slot(m_field_q);
  // Parameter fields address sets (< P), the others neurons (< N).
  assign m_is_neu = (m_space_q == 2'd0) &&
                    (m_addr_q < (m_is_par ? PCount : {{(20-Nw-1){1'b0}}, NCount}));
  assign m_is_w   = (m_space_q == 2'd1) && ({1'b0, m_addr_q} < WAddrs);
  assign m_ok     = (state_q == StIdle);
  logic m_acc;                                // host access cycle on the memories
  assign m_acc = (mst_q == MAcc) && m_ok;

  logic [31:0] reg_rd;
  always_comb begin
    unique case (m_field_q)
      5'd0:    reg_rd = {30'b0, stdp_ctrl_q};
      5'd1:    reg_rd = {8'b0, p_plus_q};
      5'd2:    reg_rd = {8'b0, p_minus_q};
      5'd3:    reg_rd = {16'b0, a_plus_q};
      5'd4:    reg_rd = {16'b0, a_minus_q};
      5'd5:    reg_rd = {{17{w_min_q[14]}}, w_min_q};
      5'd6:    reg_rd = {{17{w_max_q[14]}}, w_max_q};
      default: reg_rd = 32'd0;            // counters 16..26: spk_counters (MCnt)
    endcase
  end

  logic [31:0] neu_rd;
  always_comb begin
    unique case (m_field_q)
      5'd0:    neu_rd = v_q;
      5'd1:    neu_rd = iex_q;
      5'd2:    neu_rd = iin_q;
      5'd3:    neu_rd = {16'b0, r_q};
      5'd4:    neu_rd = {16'b0, x_q};
      5'd5:    neu_rd = {16'b0, y_q[m_bank*16 +: 16]};
      5'd6:    neu_rd = 32'(pset_q);
      5'd8, 5'd9, 5'd10, 5'd11, 5'd12: neu_rd = pta_q;
      5'd13, 5'd14, 5'd15, 5'd16:      neu_rd = ptb_q;
      default: neu_rd = 32'd0;
    endcase
  end

  // ---------------------------------------------------------------------------------------------
  // Memory port control
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    // defaults: everything idle
    na = k_q;
    {v_en, iex_en, iin_en, r_en, x_en, f_en} = '0;
    {v_we, iex_we, iin_we, r_we, x_we, f_we} = '0;
    v_wd = vn_q; iex_wd = iexn_q; iin_wd = iinn_q; r_wd = r_fin; x_wd = xn_q; f_wd = 1'b0;
    pa = k_q; pset_en = 1'b0; pset_we = 1'b0; pset_wd = pm_q;
    pta_a = slot_addr(3'(ph_q), ps_q); pta_en = 1'b0; pta_we = 1'b0; pta_wd = '0;
    ptb_a = Tbw'(slot_addr(3'd0, ps_q)); ptb_en = 1'b0; ptb_we = 1'b0; ptb_wd = '0;
    wa = wa_q; w_en = '0; w_we = '0; w_wd = '0;
    ya = k_row; y_en = '0; y_we = '0; y_wd = '0;
    acc_re = 1'b0; acc_ra = k_row; acc_we = '0; acc_wa = p1_c_q; aex_wd = aex_sum; ain_wd = ain_sum;
    sl_en = 1'b0; sl_we = 1'b0; sl_a = {~sel_q, cur_cnt_q[Nw-1:0]}; sl_wd = k_q;
    in_pop = 1'b0;
    out_push = 1'b0; out_wd = {cur_step_q, {(16-Nw){1'b0}}, k_q};

    // Step-3 write-back runs whenever a chunk was read in the previous cycle.
    if (p1_valid_q) acc_we = '1;

    unique case (state_q)
      StInit, StClr: begin
        // Zero sweep: everything at INIT (rst_ni), dynamic state only at CLR (RESET_STATE). INIT
        // sets pset_k = k mod P and zeroes the parameter tables (model.md §2.2).
        na = ca_q[Nw-1:0];
        pa = ca_q[Nw-1:0];
        pta_a = ca_q[Taw-1:0];
        ptb_a = ca_q[Tbw-1:0];
        if (ca_q <= NLastW) begin
          {v_en, iex_en, iin_en, r_en, x_en, f_en} = '1;
          {v_we, iex_we, iin_we, r_we, x_we, f_we} = '1;
          v_wd = '0; iex_wd = '0; iin_wd = '0; r_wd = '0; x_wd = '0;
          if (state_q == StInit) begin
            pset_en = 1'b1; pset_we = 1'b1;
          end
        end
        if (state_q == StInit) begin
          pta_en = (ca_q < Caw'(5 * P)); pta_we = 1'b1;
          ptb_en = (ca_q < Caw'(4 * P)); ptb_we = 1'b1;
        end
        if (ca_q <= NlLastW) begin
          ya = ca_q[Bw-1:0]; y_en = '1; y_we = '1;
          acc_wa = ca_q[Bw-1:0]; acc_we = '1; aex_wd = '0; ain_wd = '0;
        end
        if (state_q == StInit && w_init) begin
          wa = Waw'(ca_q); w_en = '1; w_we = '1;
        end
      end
      StMark: begin
        na = in_head[Nw-1:0];
        if (in_valid && in_head[31:16] <= cur_step_q) begin
          in_pop = 1'b1;
          if (in_head[31:16] == cur_step_q && in_head[15:0] < {{(16-Nw-1){1'b0}}, NCount}) begin
            f_en = 1'b1; f_we = 1'b1; f_wd = 1'b1;
          end
        end
      end
      StDlvLst: begin
        sl_en = (lidx_q != prev_cnt_q);
        sl_a  = {sel_q, lidx_q[Nw-1:0]};
      end
      StDlvRow: begin
        w_en = '1;
        acc_re = 1'b1; acc_ra = c_q;
      end
      StDlvEnd: begin
        pa = '0; pset_en = 1'b1;                       // pset[0] for neuron 0's ph 0
      end
      StNeu: begin
        // Parameter tables: A slot ph at ph 0..4, B slots 0, 1, 2, 3 at ph 0, 5, 6, 7; the set is
        // pset_q (read ahead) at ph 0 and ps_q after.
        if (ph_q == 4'd0) begin
          pta_a = slot_addr(3'd0, pset_q);
          ptb_a = Tbw'(slot_addr(3'd0, pset_q));
        end
        pta_en = (ph_q <= 4'd4);
        ptb_en = (ph_q == 4'd0) || (ph_q >= 4'd5 && ph_q <= 4'd7);
        if (ph_q >= 4'd5) ptb_a = Tbw'(slot_addr(3'(ph_q - 4'd4), ps_q));
        // pset of the next neuron, once ps_q holds this one's.
        if (ph_q == 4'd1 && k_q != NLast) begin
          pa = k_q + 1'b1; pset_en = 1'b1;
        end
        if (ph_q == 4'd0) begin
          {v_en, iex_en, iin_en, r_en, x_en, f_en} = '1;
          y_en[k_bank] = 1'b1;
          acc_re = 1'b1; acc_ra = k_row;
        end else if (ph_q == 4'd8) begin
          {v_en, iex_en, iin_en, r_en, x_en, f_en} = '1;
          {v_we, iex_we, iin_we, r_we, x_we, f_we} = '1;
          y_en[k_bank] = 1'b1; y_we[k_bank] = 1'b1; y_wd[k_bank*16 +: 16] = yn_q;
          acc_wa = k_row; acc_we[k_bank] = 1'b1; aex_wd = '0; ain_wd = '0;
          if (spike_k) begin
            out_push = 1'b1;
            sl_en = 1'b1; sl_we = 1'b1;
          end
        end
      end
      StPotLst, StDepLst, StIncLst: begin
        sl_en = (lidx_q != cur_cnt_q);
        sl_a  = {~sel_q, lidx_q[Nw-1:0]};
      end
      StPotLstQ: begin
        na = '0; x_en = 1'b1;                          // x[0] for the first StPotRd
      end
      StPotRd: begin
        w_en[kp_bank] = 1'b1;
      end
      StPotWr: begin
        na = j_q + 1'b1; x_en = 1'b1;                  // x[j+1] for the next StPotRd
        w_en[kp_bank] = 1'b1; w_we[kp_bank] = w_kp_plastic;
        w_wd = stdp_wd;
      end
      StDepLstQ: begin
        ya = '0; y_en = '1;                            // y chunk 0 for the first StDepRd
      end
      StDepRd: begin
        w_en = '1;
      end
      StDepWr: begin
        ya = c_q + 1'b1; y_en = '1;                    // y chunk c+1 for the next StDepRd
        w_en = '1;
        for (int b = 0; b < L; b++) w_we[b] = w_q[b*16 + 15];
        w_wd = stdp_wd;
      end
      StIncRd: begin
        na = kp_q; x_en = 1'b1;
        ya = kp_row; y_en[kp_bank] = 1'b1;
      end
      StIncWr: begin
        na = kp_q; x_en = 1'b1; x_we = 1'b1; x_wd = x_inc;
        ya = kp_row; y_en[kp_bank] = 1'b1; y_we[kp_bank] = 1'b1; y_wd[kp_bank*16 +: 16] = y_inc;
      end
      default: ;
    endcase

    // Host access (only while idle, rtl.md): one cycle on the addressed RAM.
    if (m_acc) begin
      na = m_addr_q[Nw-1:0];
      wa = Waw'(m_addr_q >> Lg);
      ya = Bw'(m_addr_q[Nw-1:0] >> Lg);
      if (m_is_neu) begin
        unique case (m_field_q)
          5'd0: begin v_en = 1'b1;   v_we = m_we_q;   v_wd = m_wdata_q;  end
          5'd1: begin iex_en = 1'b1; iex_we = m_we_q; iex_wd = m_wdata_q; end
          5'd2: begin iin_en = 1'b1; iin_we = m_we_q; iin_wd = m_wdata_q; end
          5'd3: begin r_en = 1'b1;   r_we = m_we_q;   r_wd = m_wdata_q[15:0]; end
          5'd4: begin x_en = 1'b1;   x_we = m_we_q;   x_wd = m_wdata_q[15:0]; end
          5'd5: begin
            y_en[m_bank] = 1'b1; y_we[m_bank] = m_we_q; y_wd[m_bank*16 +: 16] = m_wdata_q[15:0];
          end
          5'd6: begin
            pa = m_addr_q[Nw-1:0]; pset_en = 1'b1; pset_we = m_we_q;
            // min(value, P-1) (model.md §2.2)
            pset_wd = (m_wdata_q[15:0] > 16'(PLastI)) ? PLast : Pw'(m_wdata_q[15:0]);
          end
          5'd8, 5'd9, 5'd10, 5'd11, 5'd12, 5'd13, 5'd14, 5'd15, 5'd16: begin
            // Stored zero-extended: the field's own bits only (protocol.md §3).
            pta_a = slot_addr(m_slot[2:0], Pw'(m_addr_q));
            ptb_a = Tbw'(slot_addr(m_slot[2:0], Pw'(m_addr_q)));
            pta_en = !m_slot[3]; pta_we = m_we_q;
            ptb_en = m_slot[3];  ptb_we = m_we_q;
            unique case (m_field_q)
              5'd8, 5'd9, 5'd10: pta_wd = {8'b0, m_wdata_q[23:0]};
              5'd11, 5'd12:      pta_wd = {2'b0, m_wdata_q[29:0]};
              default:           pta_wd = '0;
            endcase
            ptb_wd = (m_field_q == 5'd16) ? {16'b0, m_wdata_q[15:0]} : m_wdata_q;
          end
          default: ;
        endcase
      end
      if (m_is_w) begin
        w_en[m_bank] = 1'b1; w_we[m_bank] = m_we_q; w_wd = {L{m_wdata_q[15:0]}};
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Sequencer
  // ---------------------------------------------------------------------------------------------
  logic step_room;
  assign step_room = (out_cnt <= MaxFill);
  logic stdp_en;
  assign stdp_en = stdp_ctrl_q[0];

  always_comb begin
    state_d = state_q; ph_d = ph_q; k_d = k_q; ca_d = ca_q; lidx_d = lidx_q;
    pm_d = pm_q; ps_d = ps_q; spk_d = spk_q;
    prev_cnt_d = prev_cnt_q; cur_cnt_d = cur_cnt_q; sel_d = sel_q; j_d = j_q; kp_d = kp_q;
    c_d = c_q; wa_d = wa_q; sum_d = sum_q; vn_d = vn_q; iexn_d = iexn_q; iinn_d = iinn_q;
    xn_d = xn_q; yn_d = yn_q; cur_step_d = cur_step_q; run_steps_d = run_steps_q;
    in_flush = 1'b0;

    unique case (state_q)
      StInit: begin
        ca_d = ca_q + 1'b1;
        pm_d = (pm_q == PLast) ? '0 : pm_q + 1'b1;
        if (ca_q == InitLast) state_d = StIdle;
      end
      StIdle: begin
        if (mst_q == MIdle && !mem_req_i) begin
          if (reset_state_i) begin
            ca_d = '0; state_d = StClr;
          end else if (run_start_i) begin
            run_steps_d = run_steps_i; cur_step_d = '0;
            state_d = (run_steps_i == 16'd0) ? StRunEnd : StWait;
          end
        end
      end
      StClr: begin
        ca_d = ca_q + 1'b1;
        if (ca_q == NLastW) begin
          prev_cnt_d = '0; in_flush = 1'b1; state_d = StIdle;
        end
      end
      StWait: begin
        if (step_room) state_d = StMark;
      end
      StMark: begin
        if (!(in_valid && in_head[31:16] <= cur_step_q)) begin
          lidx_d = '0; state_d = StDlvLst;
        end
      end
      StDlvLst: begin
        if (lidx_q == prev_cnt_q) state_d = StDlvEnd;
        else                      state_d = StDlvLstQ;
      end
      StDlvLstQ: begin
        wa_d = Waw'(sl_q) * NlStep; c_d = '0;
        state_d = StDlvRow;
      end
      StDlvRow: begin
        wa_d = wa_q + 1'b1; c_d = c_q + 1'b1;
        if (c_q == NlLast) begin
          lidx_d = lidx_q + 1'b1; state_d = StDlvLst;
        end
      end
      StDlvEnd: begin
        k_d = '0; ph_d = '0; cur_cnt_d = '0; state_d = StNeu;
      end
      StNeu: begin
        ph_d = ph_q + 4'd1;
        unique case (ph_q)
          // 1. membrane: one sum of exact products, one rounding (pipeline above)
          4'd0: ps_d = pset_q;
          4'd1: sum_d = {{12{ptb_q[31]}}, ptb_q, 20'b0} + 64'sd8388608;  // drive Q11.20 * 2^20 + 2^23
          4'd3: begin
            sum_d = add_t;
            xn_d  = tp_rnd;                                          // 5a
          end
          4'd4: begin
            sum_d = add_t;
            yn_d  = tp_rnd;
          end
          4'd5: vn_d = (r_q == 16'd0) ? add_sat : v_q;
          // 2.+3. decay, then the arriving weights (exact sums, x256); 4. threshold, then reset
          4'd6: begin
            iexn_d = add_sat;
            spk_d  = ($signed(vn_q) >= $signed(ptb_q)) || f_q;          // theta
          end
          4'd7: begin
            iinn_d = add_sat;
            if (spk_q) vn_d = ptb_q;                                     // v_reset
          end
          4'd8: begin
            ph_d = '0;
            if (spike_k) cur_cnt_d = cur_cnt_q + 1'b1;
            k_d = k_q + 1'b1;
            if (k_q == NLast) begin
              lidx_d = '0;
              state_d = stdp_en ? StPotLst : StIncLst;
            end
          end
          default: ;
        endcase
      end
      StPotLst: begin
        if (lidx_q == cur_cnt_q) begin
          lidx_d = '0; state_d = StDepLst;
        end else state_d = StPotLstQ;
      end
      StPotLstQ: begin
        kp_d = sl_q; j_d = '0; wa_d = Waw'(sl_q) >> Lg; state_d = StPotRd;
      end
      StPotRd: state_d = StPotWr;
      StPotWr: begin
        j_d = j_q + 1'b1; wa_d = wa_q + NlStep; state_d = StPotRd;
        if (j_q == NLast) begin
          lidx_d = lidx_q + 1'b1; state_d = StPotLst;
        end
      end
      StDepLst: begin
        if (lidx_q == cur_cnt_q) begin
          lidx_d = '0; state_d = StIncLst;
        end else state_d = StDepLstQ;
      end
      StDepLstQ: begin
        wa_d = Waw'(sl_q) * NlStep; c_d = '0; state_d = StDepRd;
      end
      StDepRd: state_d = StDepWr;
      StDepWr: begin
        wa_d = wa_q + 1'b1; c_d = c_q + 1'b1; state_d = StDepRd;
        if (c_q == NlLast) begin
          lidx_d = lidx_q + 1'b1; state_d = StDepLst;
        end
      end
      StIncLst: begin
        if (lidx_q == cur_cnt_q) state_d = StStepEnd;
        else                     state_d = StIncLstQ;
      end
      StIncLstQ: begin
        kp_d = sl_q; state_d = StIncRd;
      end
      StIncRd: state_d = StIncWr;
      StIncWr: begin
        lidx_d = lidx_q + 1'b1; state_d = StIncLst;
      end
      StStepEnd: begin
        sel_d = ~sel_q; prev_cnt_d = cur_cnt_q;
        cur_step_d = cur_step_q + 1'b1;
        state_d = (cur_step_q + 16'd1 == run_steps_q) ? StRunEnd : StWait;
      end
      StRunEnd: begin
        // Events left are for steps >= the run length (protocol.md §3): drop and count them.
        in_flush = 1'b1;
        state_d = StIdle;
      end
      default: state_d = StIdle;
    endcase
  end

  assign in_push = in_push_i && (state_q == StIdle);

  always_comb begin
    in_last_d = in_last_q;
    if (in_flush)     in_last_d = '0;
    else if (in_push) in_last_d = in_step_i;
  end

  // ---------------------------------------------------------------------------------------------
  // Host port FSM: MAcc (RAM cycle) -> MCap (read data registered) -> MAck (ack pulse)
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    mst_d = mst_q;
    m_rdata_d = m_rdata_q;
    unique case (mst_q)
      MIdle:   if (mem_req_i) mst_d = MAcc;
      // A counter read waits for spk_counters (at most 17 cycles).
      MAcc:    mst_d = (m_space_q == 2'd2 && m_is_cnt && !m_we_q) ? MCnt : MCap;
      MCnt: begin
        if (cnt_valid) begin
          m_rdata_d = cnt_data;
          mst_d = MAck;
        end
      end
      MCap: begin
        mst_d = MAck;
        if (m_space_q == 2'd2)                  m_rdata_d = reg_rd;
        else if (m_ok && m_is_neu && !m_we_q)   m_rdata_d = neu_rd;
        else if (m_ok && m_is_w && !m_we_q)     m_rdata_d = {16'b0, w_q[m_bank*16 +: 16]};
        else                                    m_rdata_d = 32'd0;
      end
      MAck:    mst_d = MIdle;
      default: mst_d = MIdle;
    endcase
  end

  logic m_is_cnt;
  assign m_is_cnt   = (m_field_q >= 5'd16) && (m_field_q <= 5'd26);
  assign cnt_rd_req = (mst_q == MAcc) && (m_space_q == 2'd2) && m_is_cnt && !m_we_q;

  spk_counters #(.SopsPerSpike(N), .DropW(InCw), .LutRam(LutRam)) u_counters (
    .clk_i, .rst_ni,
    .step_i      (state_q == StStepEnd),
    .spike_i     (state_q == StNeu && ph_q == 4'd8 && spike_k),
    .sop_i       (state_q == StDlvLstQ),
    .stall_i     (state_q == StWait && !step_room),
    .dropped_i   ((state_q == StRunEnd) ? in_cnt : '0),
    .crc_err_i   (cnt_crc_err_i),
    .frame_err_i (cnt_frame_err_i),
    .nak_i       (cnt_nak_i),
    .rd_req_i    (cnt_rd_req),
    .rd_word_i   (4'(m_field_q - 5'd16)),
    .rd_valid_o  (cnt_valid),
    .rd_data_o   (cnt_data)
  );

  assign mem_ready_o = (mst_q == MIdle);
  assign mem_ack_o   = (mst_q == MAck);
  assign mem_rdata_o = m_rdata_q;

  // ---------------------------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      state_q <= StInit; ph_q <= '0; k_q <= '0; ca_q <= '0; lidx_q <= '0;
      pm_q <= '0; ps_q <= '0; spk_q <= 1'b0;
      prev_cnt_q <= '0; cur_cnt_q <= '0; sel_q <= 1'b0; j_q <= '0; kp_q <= '0;
      c_q <= '0; wa_q <= '0; p1_valid_q <= 1'b0; p1_c_q <= '0;
      ma_q <= '0; mb_q <= '0; pr_q <= '0; ta_q <= '0; tb_q <= '0; tp_q <= '0;
      pot_dq <= '0; dep_dq <= '0;
      sum_q <= '0; vn_q <= '0; iexn_q <= '0; iinn_q <= '0; xn_q <= '0; yn_q <= '0;
      cur_step_q <= '0; run_steps_q <= '0; in_last_q <= '0;
      stdp_ctrl_q <= '0; p_plus_q <= '0; p_minus_q <= '0; a_plus_q <= '0; a_minus_q <= '0;
      w_min_q <= '0; w_max_q <= '0;
      mst_q <= MIdle; m_we_q <= 1'b0; m_space_q <= '0; m_field_q <= '0; m_addr_q <= '0;
      m_wdata_q <= '0; m_rdata_q <= '0;
    end else begin
      state_q <= state_d; ph_q <= ph_d; k_q <= k_d; ca_q <= ca_d; lidx_q <= lidx_d;
      pm_q <= pm_d; ps_q <= ps_d; spk_q <= spk_d;
      prev_cnt_q <= prev_cnt_d; cur_cnt_q <= cur_cnt_d; sel_q <= sel_d; j_q <= j_d; kp_q <= kp_d;
      c_q <= c_d; wa_q <= wa_d;
      p1_valid_q <= (state_q == StDlvRow); p1_c_q <= c_q;
      ma_q <= mul_a; mb_q <= mul_b; pr_q <= pr_d; ta_q <= ta; tb_q <= tb; tp_q <= tp_d;
      pot_dq <= stdp_delta(a_plus_q, x_q); dep_dq <= dep_dd;
      sum_q <= sum_d; vn_q <= vn_d; iexn_q <= iexn_d; iinn_q <= iinn_d; xn_q <= xn_d; yn_q <= yn_d;
      cur_step_q <= cur_step_d; run_steps_q <= run_steps_d; in_last_q <= in_last_d;
      mst_q <= mst_d; m_rdata_q <= m_rdata_d;
      if (mst_q == MIdle && mem_req_i) begin
        m_we_q <= mem_we_i; m_space_q <= mem_space_i; m_field_q <= mem_field_i;
        m_addr_q <= mem_addr_i; m_wdata_q <= mem_wdata_i;
      end
      // Register writes (model.md §2.4), low bits of the value; only while idle.
      if (mst_q == MAcc && m_we_q && m_space_q == 2'd2 && m_ok) begin
        unique case (m_field_q)
          5'd0: stdp_ctrl_q <= m_wdata_q[1:0];
          5'd1: p_plus_q    <= m_wdata_q[23:0];
          5'd2: p_minus_q   <= m_wdata_q[23:0];
          5'd3: a_plus_q    <= m_wdata_q[15:0];
          5'd4: a_minus_q   <= m_wdata_q[15:0];
          5'd5: w_min_q     <= m_wdata_q[14:0];
          5'd6: w_max_q     <= m_wdata_q[14:0];
          default: ;
        endcase
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Outputs
  // ---------------------------------------------------------------------------------------------
  assign busy_o         = (state_q != StIdle);
  assign in_count_o     = 16'(in_cnt);
  assign in_last_step_o = in_last_q;
  assign spk_count_o    = 16'(out_cnt);
endmodule
