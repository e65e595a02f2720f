// Copyright spikecore contributors.
// Licensed under the Apache License, Version 2.0.
// SPDX-License-Identifier: Apache-2.0
//
// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), one byte per call, combinational.
// The caller holds the register: init 0xFFFFFFFF, final xor 0xFFFFFFFF (protocol.md section 1).
// Running the register over content followed by its own little-endian CRC leaves the constant
// residue CRC_RESIDUE (0xDEBB20E3), which is how spk_link_rx checks a frame without knowing
// where the CRC starts until the closing FLAG arrives.
module spk_crc32 (
  input  logic [31:0] crc_i,
  input  logic [7:0]  data_i,
  output logic [31:0] crc_o
);
  always_comb begin
    crc_o = crc_i ^ {24'h0, data_i};
    for (int i = 0; i < 8; i++) begin
      crc_o = crc_o[0] ? ((crc_o >> 1) ^ 32'hEDB88320) : (crc_o >> 1);
    end
  end
endmodule
