// SPDX-License-Identifier: Apache-2.0
// Link protocol codec (docs/protocol.md, version 1): HDLC-style framing with byte stuffing, CRC-32, and the
// body layout of every command and response. Pure functions, no I/O; used by LinkBackend, the golden loopback
// device and the RTL link tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace spikecore::proto {

constexpr std::uint8_t VERSION = 1;
constexpr std::uint8_t FLAG = 0x7E;
constexpr std::uint8_t ESC = 0x7D;
constexpr std::uint8_t ESC_XOR = 0x20;
constexpr std::size_t HEADER_BYTES = 5;           // ver, type, seq, len (u16)
constexpr std::size_t CRC_BYTES = 4;
constexpr std::size_t MIN_CONTENT = HEADER_BYTES + CRC_BYTES;
constexpr std::uint8_t RESPONSE = 0x80;           // ACK type = RESPONSE + command

/// Command types (protocol.md §3).
enum Cmd : std::uint8_t {
  CAPS = 0x01, WRITE_NEURON = 0x02, READ_NEURON = 0x03, WRITE_REG = 0x04, READ_REG = 0x05,
  WRITE_WEIGHTS = 0x06, READ_WEIGHTS = 0x07, LOAD_INPUTS = 0x08, RUN = 0x09, READ_SPIKES = 0x0A,
  RESET_STATE = 0x0B, NAK = 0xFF
};
/// NAK codes (protocol.md §2).
enum NakCode : std::uint8_t {
  NAK_CRC = 1, NAK_LENGTH = 2, NAK_VERSION = 3, NAK_TYPE = 4, NAK_ARG = 5, NAK_BUSY = 6, NAK_FULL = 7,
  NAK_ORDER = 8
};
/// Read-only registers (protocol.md §4).
enum StatusReg : std::uint8_t { R_RX_CRC_ERR = 24, R_RX_FRAME_ERR = 25, R_NAKS = 26 };

/// "WRITE_NEURON", "ACK WRITE_NEURON", "NAK", or "type 0x42".
const char* command_name(std::uint8_t type);
/// "CRC", "LENGTH", ... or "unknown".
const char* nak_name(std::uint8_t code);

/// One frame's content before stuffing; `len` is body.size() (must be <= 65535).
struct Frame {
  std::uint8_t ver = 1, type = 0, seq = 0;
  std::vector<std::uint8_t> body;
};

/// CRC-32 of protocol.md §1 (IEEE 802.3, reflected; Boost crc_32_type). crc32("123456789") = 0xCBF43926.
std::uint32_t crc32(const std::uint8_t* data, std::size_t n);

/// FLAG stuffed(ver type seq len body crc) FLAG. Throws std::length_error if the body exceeds 65535 bytes.
std::vector<std::uint8_t> encode(const Frame& f);

/// Incremental receiver. Frames failing the CRC or length checks are dropped and counted; a garbage run between
/// frames costs at most one counted frame error. The version byte is not checked here (the caller decides).
class Decoder {
 public:
  void feed(const std::uint8_t* data, std::size_t n);
  /// Pops the oldest complete, valid frame; false if none is ready.
  bool next(Frame& out);
  std::uint64_t crc_errors() const { return crc_errors_; }
  /// Frames shorter than 9 content bytes, len != content-9, aborted (0x7D FLAG) or longer than 9+65535.
  std::uint64_t frame_errors() const { return frame_errors_; }
 private:
  void finish();
  std::vector<std::uint8_t> buf_;
  std::vector<Frame> ready_;
  std::size_t ready_head_ = 0;
  bool esc_ = false, overflow_ = false;
  std::uint64_t crc_errors_ = 0, frame_errors_ = 0;
};

// ---- little-endian helpers -------------------------------------------------------------------------------
void put_u8(std::vector<std::uint8_t>& b, std::uint8_t v);
void put_u16(std::vector<std::uint8_t>& b, std::uint16_t v);
void put_u32(std::vector<std::uint8_t>& b, std::uint32_t v);
std::uint16_t get_u16(const std::uint8_t* p);
std::uint32_t get_u32(const std::uint8_t* p);

// ---- request bodies (host -> device) ---------------------------------------------------------------------
std::vector<std::uint8_t> write_neuron_body(std::uint8_t field, std::uint16_t first,
                                            const std::vector<std::uint32_t>& values);
std::vector<std::uint8_t> read_neuron_body(std::uint8_t field, std::uint16_t first, std::uint16_t count);
std::vector<std::uint8_t> write_reg_body(std::uint8_t reg, std::uint32_t value);
std::vector<std::uint8_t> read_reg_body(std::uint8_t reg, std::uint8_t count);
std::vector<std::uint8_t> write_weights_body(std::uint32_t addr, const std::vector<std::uint16_t>& words);
std::vector<std::uint8_t> read_weights_body(std::uint32_t addr, std::uint16_t count);
/// Events as (step offset within the next RUN, neuron).
struct Event {
  std::uint16_t step = 0, neuron = 0;
  bool operator==(const Event& o) const { return step == o.step && neuron == o.neuron; }
};
std::vector<std::uint8_t> load_inputs_body(const std::vector<Event>& events);
std::vector<std::uint8_t> run_body(std::uint16_t steps);
std::vector<std::uint8_t> read_spikes_body(std::uint16_t max);

// ---- request parsers (device side; each returns false when the body length is wrong for the type) ---------
struct NeuronAccess { std::uint8_t field = 0; std::uint16_t first = 0, count = 0; std::vector<std::uint32_t> values; };
bool parse_write_neuron(const std::vector<std::uint8_t>& body, NeuronAccess& out);
bool parse_read_neuron(const std::vector<std::uint8_t>& body, NeuronAccess& out);
struct RegAccess { std::uint8_t reg = 0, count = 0; std::uint32_t value = 0; };
bool parse_write_reg(const std::vector<std::uint8_t>& body, RegAccess& out);
bool parse_read_reg(const std::vector<std::uint8_t>& body, RegAccess& out);
struct WeightAccess { std::uint32_t addr = 0; std::uint16_t count = 0; std::vector<std::uint16_t> words; };
bool parse_write_weights(const std::vector<std::uint8_t>& body, WeightAccess& out);
bool parse_read_weights(const std::vector<std::uint8_t>& body, WeightAccess& out);
bool parse_load_inputs(const std::vector<std::uint8_t>& body, std::vector<Event>& out);
bool parse_u16_body(const std::vector<std::uint8_t>& body, std::uint16_t& out);   // RUN steps, READ_SPIKES max

// ---- response bodies --------------------------------------------------------------------------------------
struct CapsBody {
  std::uint8_t proto = 1, model_format = 1;
  std::uint16_t n = 0;
  std::uint8_t lanes = 0;
  std::uint8_t weight_bits = 16;
  std::uint16_t max_body = 0, in_depth = 0, out_depth = 0;
  std::uint32_t build_id = 0;
  std::uint16_t param_sets = 0;   ///< P, parameter sets (model.md §2.2), 1..n; bytes 16..17
};
constexpr std::size_t CAPS_BODY_BYTES = 18;
std::vector<std::uint8_t> caps_body(const CapsBody& c);
bool parse_caps(const std::vector<std::uint8_t>& body, CapsBody& out);
std::vector<std::uint8_t> u32_list_body(const std::vector<std::uint32_t>& values);   // READ_NEURON, READ_REG
bool parse_u32_list(const std::vector<std::uint8_t>& body, std::vector<std::uint32_t>& out);
std::vector<std::uint8_t> u16_list_body(const std::vector<std::uint16_t>& words);     // READ_WEIGHTS
bool parse_u16_list(const std::vector<std::uint8_t>& body, std::vector<std::uint16_t>& out);
struct SpikesBody { bool running = false; std::vector<Event> events; };
std::vector<std::uint8_t> spikes_body(const SpikesBody& s);
bool parse_spikes(const std::vector<std::uint8_t>& body, SpikesBody& out);
struct NakBody { std::uint8_t code = 0, type = 0; };
std::vector<std::uint8_t> nak_body(NakBody n);
bool parse_nak(const std::vector<std::uint8_t>& body, NakBody& out);

}  // namespace spikecore::proto
