// SPDX-License-Identifier: Apache-2.0
// LinkBackend: docs/protocol.md §2 (retransmission with the same seq), §3 (commands, chunking), §5.
#include "spikecore/link_backend.hpp"

#include <algorithm>
#include <chrono>

#include "run_inputs.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/errors.hpp"
#include "spk_golden.hpp"

namespace spikecore {

namespace {
[[noreturn]] void bad_response(std::uint8_t type, const std::string& why) {
  throw LinkError(std::string(proto::command_name(type)) + ": malformed response: " + why);
}
}  // namespace

LinkBackend::LinkBackend(std::unique_ptr<Transport> transport, LinkOptions opt)
    : transport_(std::move(transport)), opt_(opt) {
  if (!transport_) throw TransportError("LinkBackend: no transport");
  proto::CapsBody c;
  if (!proto::parse_caps(transact(proto::CAPS, {}), c))
    bad_response(proto::CAPS, "body is not " + std::to_string(proto::CAPS_BODY_BYTES) + " bytes");
  if (c.proto != proto::VERSION)
    throw LinkError("device answered protocol v" + std::to_string(c.proto) + ", host speaks v" +
                    std::to_string(proto::VERSION) + " (" + transport_->describe() + ")");
  if (c.model_format != 1)
    throw LinkError("device uses model format " + std::to_string(c.model_format) +
                    ", host speaks model format 1 (" + transport_->describe() + ")");
  caps_.protocol = c.proto;
  caps_.model_format = c.model_format;
  caps_.n = c.n;
  caps_.lanes = c.lanes;
  caps_.weight_bits = c.weight_bits;
  caps_.max_body = c.max_body;
  caps_.in_depth = c.in_depth;
  caps_.out_depth = c.out_depth;
  caps_.build_id = c.build_id;
  caps_.param_sets = c.param_sets;
  if (c.max_body < 16 || c.n == 0 || c.in_depth == 0)
    throw LinkError("CAPS: device reports max_body " + std::to_string(c.max_body) + ", n " + std::to_string(c.n) +
                    ", in_depth " + std::to_string(c.in_depth) + ": expected max_body >= 16, n >= 1, in_depth >= 1");
  if (!hls::weight_bits_ok(c.weight_bits))
    throw LinkError(weight_bits_error("CAPS: device reports weight_bits", c.weight_bits));
  if (c.param_sets < 1 || c.param_sets > c.n)
    throw LinkError("CAPS: device reports param_sets = " + std::to_string(c.param_sets) + ": expected 1.." +
                    std::to_string(c.n) + " (1..n, model.md §2.2; " + transport_->describe() + ")");
}

std::size_t LinkBackend::max_body() const {
  return std::min(static_cast<std::size_t>(caps_.max_body), frame_limit_);
}

std::vector<std::uint8_t> LinkBackend::transact(std::uint8_t type, const std::vector<std::uint8_t>& body) {
  seq_ = static_cast<std::uint8_t>(seq_ + 1);
  const auto bytes = proto::encode({proto::VERSION, type, seq_, body});
  std::string last;
  int last_code = 0;
  std::uint8_t buf[4096];
  for (int attempt = 0; attempt <= opt_.retries; ++attempt) {
    if (attempt > 0) {
      ++resends_;
      clean_run_ = 0;
      frame_limit_ = std::max<std::size_t>(64, std::min(frame_limit_, max_body()) / 2);
    }
    transport_->write(bytes.data(), bytes.size());
    bool resend = false;
    while (!resend) {
      const std::size_t got = transport_->read(buf, sizeof buf, opt_.timeout);
      if (got == 0) {   // timeout: the request or its response was lost
        last_code = 0;
        break;
      }
      rx_.feed(buf, got);
      proto::Frame r;
      while (rx_.next(r)) {
        if (r.ver != proto::VERSION)   // a valid frame in another protocol version: retrying cannot help
          throw LinkError("device answered protocol v" + std::to_string(r.ver) + ", host speaks v" +
                          std::to_string(proto::VERSION) + " (" + transport_->describe() + ")");
        if (r.seq != seq_) continue;   // stale response to an earlier attempt
        if (r.type == proto::RESPONSE + type) {
          if (attempt == 0 && ++clean_run_ >= 8) {
            clean_run_ = 0;
            frame_limit_ = std::min<std::size_t>(frame_limit_ * 2, 1u << 30);
          }
          return std::move(r.body);
        }
        if (r.type != proto::NAK) continue;
        proto::NakBody nak;
        if (!proto::parse_nak(r.body, nak)) bad_response(type, "NAK body is not 2 bytes");
        const std::string msg = std::string(proto::command_name(type)) + ": device NAK " + proto::nak_name(nak.code) +
                                " (code " + std::to_string(nak.code) + ")";
        if (nak.code == proto::NAK_VERSION)
          throw LinkError("device rejected protocol v" + std::to_string(proto::VERSION) +
                          " frames (NAK VERSION): it speaks another protocol version (" + transport_->describe() + ")",
                          nak.code);
        if (nak.code != proto::NAK_CRC && nak.code != proto::NAK_LENGTH) throw LinkError(msg, nak.code);
        last = msg;
        last_code = nak.code;
        resend = true;   // the frame was damaged on the way: send it again, same seq
        break;
      }
    }
  }
  const std::string tries = std::to_string(opt_.retries + 1) + (opt_.retries == 0 ? " try" : " tries");
  if (last_code == 0)
    throw LinkError(std::string(proto::command_name(type)) + ": no answer from " + transport_->describe() + " after " +
                    tries + " (" + std::to_string(opt_.timeout.count()) + " ms each)");
  throw LinkError(std::string(proto::command_name(type)) + ": failed after " + tries + "; last: " + last, last_code);
}

void LinkBackend::write_neuron(int field, int first, const std::vector<std::uint32_t>& values) {
  const std::size_t per = (max_body() - 5) / 4;
  for (std::size_t i = 0; i < values.size(); i += per) {
    const std::size_t k = std::min(per, values.size() - i);
    transact(proto::WRITE_NEURON,
             proto::write_neuron_body(static_cast<std::uint8_t>(field), static_cast<std::uint16_t>(first + i),
                                      std::vector<std::uint32_t>(values.begin() + i, values.begin() + i + k)));
  }
}

std::vector<std::uint32_t> LinkBackend::read_neuron(int field, int first, int count) {
  const std::size_t per = max_body() / 4;
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < std::size_t(count); i += per) {
    const std::size_t k = std::min(per, std::size_t(count) - i);
    std::vector<std::uint32_t> v;
    if (!proto::parse_u32_list(transact(proto::READ_NEURON,
                                        proto::read_neuron_body(static_cast<std::uint8_t>(field),
                                                                static_cast<std::uint16_t>(first + i),
                                                                static_cast<std::uint16_t>(k))),
                               v) || v.size() != k)
      bad_response(proto::READ_NEURON, "expected " + std::to_string(k) + " values");
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

void LinkBackend::write_reg(int reg, std::uint32_t value) {
  transact(proto::WRITE_REG, proto::write_reg_body(static_cast<std::uint8_t>(reg), value));
}

std::vector<std::uint32_t> LinkBackend::read_regs(int reg, int count) {
  std::vector<std::uint32_t> v;
  if (!proto::parse_u32_list(transact(proto::READ_REG, proto::read_reg_body(static_cast<std::uint8_t>(reg),
                                                                            static_cast<std::uint8_t>(count))),
                             v) || v.size() != std::size_t(count))
    bad_response(proto::READ_REG, "expected " + std::to_string(count) + " values");
  return v;
}

void LinkBackend::write_weights(std::uint32_t addr, const std::vector<std::uint16_t>& words) {
  const std::size_t per = std::min<std::size_t>((max_body() - 6) / 2, 65535);
  for (std::size_t i = 0; i < words.size(); i += per) {
    const std::size_t k = std::min(per, words.size() - i);
    transact(proto::WRITE_WEIGHTS, proto::write_weights_body(static_cast<std::uint32_t>(addr + i),
                                                             std::vector<std::uint16_t>(words.begin() + i,
                                                                                        words.begin() + i + k)));
  }
}

std::vector<std::uint16_t> LinkBackend::read_weights(std::uint32_t addr, std::uint32_t count) {
  const std::size_t per = std::min<std::size_t>(max_body() / 2, 65535);
  std::vector<std::uint16_t> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; i += per) {
    const std::size_t k = std::min(per, std::size_t(count) - i);
    std::vector<std::uint16_t> v;
    if (!proto::parse_u16_list(transact(proto::READ_WEIGHTS,
                                        proto::read_weights_body(static_cast<std::uint32_t>(addr + i),
                                                                 static_cast<std::uint16_t>(k))),
                               v) || v.size() != k)
      bad_response(proto::READ_WEIGHTS, "expected " + std::to_string(k) + " words");
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

std::vector<SpikeEvent> LinkBackend::run(std::uint32_t steps, const std::vector<InputEvent>& inputs) {
  detail::check_inputs(steps, inputs, caps_.n);
  const std::size_t in_depth = static_cast<std::size_t>(caps_.in_depth);
  const std::size_t per_load = (max_body() - 2) / 4;
  const auto max_read = static_cast<std::uint16_t>(std::min<std::size_t>((max_body() - 3) / 4, 65535));
  std::vector<SpikeEvent> out;
  std::size_t next = 0;
  for (std::uint32_t start = 0; start < steps;) {
    std::uint32_t len = std::min<std::uint32_t>(steps - start, 65535);
    // Inputs of [start, start+len); shorten the run when they do not fit the input buffer.
    std::size_t end = next;
    while (end < inputs.size() && inputs[end].step < start + len) ++end;
    if (end - next > in_depth) {
      len = inputs[next + in_depth].step - start;
      if (len == 0)
        throw ConfigError("run: inputs at step " + std::to_string(start) + " = more than " + std::to_string(in_depth) +
                          " events: expected at most in_depth = " + std::to_string(in_depth) + " per step");
      end = next;
      while (end < inputs.size() && inputs[end].step < start + len) ++end;
    }
    for (std::size_t i = next; i < end; i += per_load) {
      std::vector<proto::Event> ev;
      for (std::size_t j = i; j < std::min(end, i + per_load); ++j)
        ev.push_back({static_cast<std::uint16_t>(inputs[j].step - start), inputs[j].neuron});
      transact(proto::LOAD_INPUTS, proto::load_inputs_body(ev));
    }
    next = end;
    transact(proto::RUN, proto::run_body(static_cast<std::uint16_t>(len)));
    // Poll until the run is over and the FIFO drained. Between polls that found the FIFO short of a full
    // read, let the device work (exponential back-off, 10 us .. 1 ms of device time) instead of flooding
    // the link with polls.
    std::chrono::microseconds wait{10};
    for (;;) {
      proto::SpikesBody s;
      if (!proto::parse_spikes(transact(proto::READ_SPIKES, proto::read_spikes_body(max_read)), s))
        bad_response(proto::READ_SPIKES, "body length does not match its count");
      for (const auto& e : s.events) out.push_back({start + e.step, e.neuron});
      if (!s.running && s.events.size() < max_read) break;
      if (s.events.size() < max_read) {
        transport_->idle(wait);
        wait = s.events.empty() ? std::min(wait * 2, std::chrono::microseconds{1000}) : std::chrono::microseconds{10};
      }
    }
    start += len;
  }
  return out;
}

void LinkBackend::reset_state() { transact(proto::RESET_STATE, {}); }

Counters LinkBackend::counters() {
  const auto r = read_regs(16, 11);   // CYCLES_LO .. NAKS (protocol.md §4)
  Counters c;
  c.cycles = r[0] | (std::uint64_t(r[1]) << 32);
  c.timesteps = r[2];
  c.spikes = r[3];
  c.sops = r[4] | (std::uint64_t(r[5]) << 32);
  c.stall_cycles = r[6];
  c.in_dropped = r[7];
  c.rx_crc_errors = r[8];
  c.rx_frame_errors = r[9];
  c.naks = r[10];
  return c;
}

}  // namespace spikecore
