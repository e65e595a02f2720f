// SPDX-License-Identifier: Apache-2.0
// An in-process device that speaks docs/protocol.md over the golden model: the reference peer for LinkBackend
// tests and the "golden-link" target. Includes fault injection (lost responses, corrupted requests).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "spikecore/golden_backend.hpp"
#include "spikecore/protocol.hpp"
#include "spikecore/transport.hpp"

namespace spikecore {

struct GoldenLinkConfig {
  int n = 16;                 ///< neurons
  int max_body = 1024;        ///< MAX_BODY, bytes (CAPS max_body)
  int in_depth = 256;         ///< input-event buffer capacity
  int out_depth = 0;          ///< spike FIFO capacity; 0 = max(n, 256). Must be >= n.
  int weight_bits = 16;       ///< stored bits per weight word (model.md §2.3), 9..16
  int param_sets = 0;         ///< P, parameter sets (model.md §2.2), 1..n; 0 = n
};

class GoldenTransport : public Transport {
 public:
  explicit GoldenTransport(const GoldenLinkConfig& cfg);
  void write(const std::uint8_t* data, std::size_t n) override;
  std::size_t read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) override;
  std::string describe() const override;

  /// Fault injection: the next `k` responses are lost on the wire (the command still executes).
  void drop_responses(int k) { drop_ = k; }
  /// Fault injection: the next `k` requests arrive with a CRC error (answered with NAK CRC, not executed).
  void corrupt_requests(int k) { corrupt_ = k; }
  /// Commands executed (duplicates that were only re-answered are not counted).
  [[nodiscard]] std::uint64_t executed() const { return executed_; }
  /// Sequence numbers of every request frame received, in order.
  [[nodiscard]] const std::vector<std::uint8_t>& received_seqs() const { return seqs_; }

 private:
  std::vector<std::uint8_t> handle(const proto::Frame& f, bool& nak);
  std::vector<std::uint8_t> execute(const proto::Frame& f, std::uint8_t& nak_code);
  /// ARG check of WRITE_NEURON/READ_NEURON (field known, count >= 1, first + count <= N, or <= P for 8..16).
  bool neuron_arg_ok(const proto::NeuronAccess& a) const;
  void advance_run();
  void send(const proto::Frame& f);

  GoldenLinkConfig cfg_;
  GoldenBackend core_;
  proto::Decoder rx_;
  std::deque<std::uint8_t> tx_;
  // Duplicate suppression (protocol.md §2): last executed (seq, type) and its response frame.
  bool have_last_ = false;
  std::uint8_t last_seq_ = 0, last_type_ = 0;
  std::vector<std::uint8_t> last_response_;
  // Run state.
  std::vector<proto::Event> inputs_;
  std::deque<proto::Event> fifo_;
  bool running_ = false;
  std::uint32_t run_len_ = 0, run_pos_ = 0;
  std::size_t next_input_ = 0;
  std::uint64_t naks_ = 0, in_dropped_ = 0, executed_ = 0;
  int drop_ = 0, corrupt_ = 0;
  std::vector<std::uint8_t> seqs_;
};

}  // namespace spikecore
