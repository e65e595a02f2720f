// SPDX-License-Identifier: Apache-2.0
// Device side of docs/protocol.md (§2 NAKs and duplicate suppression, §3 commands) over GoldenBackend.
// A RUN advances lazily: timesteps execute when the host polls READ_SPIKES, and only while the spike FIFO has
// room for N events (protocol.md §3), so a host that does not read stalls the run exactly as the RTL does.
#include "spikecore/golden_transport.hpp"

#include <algorithm>

#include "spikecore/errors.hpp"
#include "spk_golden.hpp"

namespace spikecore {

GoldenTransport::GoldenTransport(const GoldenLinkConfig& cfg)
    : cfg_(cfg), core_(cfg.n, cfg.weight_bits, cfg.param_sets) {
  if (cfg_.param_sets == 0) cfg_.param_sets = cfg_.n;
  if (cfg_.out_depth == 0) cfg_.out_depth = std::max(cfg_.n, 256);
  if (cfg_.out_depth < cfg_.n || cfg_.max_body < 16 || cfg_.max_body > 65535 || cfg_.in_depth < 1 ||
      cfg_.in_depth > 65535 || cfg_.out_depth > 65535)
    throw ConfigError("golden-link: out_depth >= n, 16 <= max_body <= 65535, 1 <= in_depth <= 65535 required");
}

std::string GoldenTransport::describe() const { return "golden-link N=" + std::to_string(cfg_.n); }

void GoldenTransport::send(const proto::Frame& f) {
  const auto bytes = proto::encode(f);
  if (drop_ > 0) {
    --drop_;
    return;
  }
  tx_.insert(tx_.end(), bytes.begin(), bytes.end());
}

void GoldenTransport::write(const std::uint8_t* data, std::size_t n) {
  rx_.feed(data, n);
  proto::Frame f;
  while (rx_.next(f)) {
    seqs_.push_back(f.seq);
    if (corrupt_ > 0) {
      --corrupt_;
      ++naks_;
      send({1, proto::NAK, f.seq, proto::nak_body({proto::NAK_CRC, 0})});
      continue;
    }
    bool nak = false;
    auto body = handle(f, nak);
    proto::Frame r{1, static_cast<std::uint8_t>(nak ? proto::NAK : proto::RESPONSE + f.type), f.seq, std::move(body)};
    send(r);
  }
}

std::size_t GoldenTransport::read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds) {
  const std::size_t k = std::min(max, tx_.size());
  std::copy_n(tx_.begin(), k, buf);
  tx_.erase(tx_.begin(), tx_.begin() + static_cast<std::ptrdiff_t>(k));
  return k;   // 0 = timeout: nothing will ever arrive unasked
}

std::vector<std::uint8_t> GoldenTransport::handle(const proto::Frame& f, bool& nak) {
  if (f.ver != proto::VERSION) {
    nak = true;
    ++naks_;
    return proto::nak_body({proto::NAK_VERSION, f.type});
  }
  if (have_last_ && f.seq == last_seq_ && f.type == last_type_) return last_response_;   // re-send, don't execute
  std::uint8_t code = 0;
  auto body = execute(f, code);
  if (code) {
    nak = true;
    ++naks_;
    return proto::nak_body({code, code == proto::NAK_TYPE ? std::uint8_t(0) : f.type});
  }
  ++executed_;
  have_last_ = true;
  last_seq_ = f.seq;
  last_type_ = f.type;
  last_response_ = body;
  return body;
}

void GoldenTransport::advance_run() {
  const std::uint32_t n = static_cast<std::uint32_t>(cfg_.n);
  while (running_ && fifo_.size() + n <= std::size_t(cfg_.out_depth)) {
    std::vector<InputEvent> step_in;
    for (; next_input_ < inputs_.size() && inputs_[next_input_].step == run_pos_; ++next_input_)
      step_in.push_back({0, inputs_[next_input_].neuron});
    std::sort(step_in.begin(), step_in.end(), [](auto& a, auto& b) { return a.neuron < b.neuron; });
    for (const auto& s : core_.run(1, step_in)) fifo_.push_back({static_cast<std::uint16_t>(run_pos_), s.neuron});
    if (++run_pos_ == run_len_) {
      running_ = false;
      in_dropped_ += inputs_.size() - next_input_;
      inputs_.clear();
    }
  }
}

bool GoldenTransport::neuron_arg_ok(const proto::NeuronAccess& a) const {
  // As rtl/spk_link.sv: a known field (state 0..6, parameter-set fields 8..16), count >= 1, and the range inside
  // the field's address space: parameter sets (P) for 8..16, neurons (N) otherwise (protocol.md §3).
  const bool set_field = a.field >= hls::F_P22 && a.field <= hls::F_NREF;
  const bool field_ok = a.field <= hls::F_PSET || set_field;
  const std::size_t limit = static_cast<std::size_t>(set_field ? cfg_.param_sets : cfg_.n);
  return field_ok && a.count != 0 && a.first + std::size_t(a.count) <= limit;
}

std::vector<std::uint8_t> GoldenTransport::execute(const proto::Frame& f, std::uint8_t& code) {
  const std::size_t n = static_cast<std::size_t>(cfg_.n), mb = static_cast<std::size_t>(cfg_.max_body);
  if (f.body.size() > mb) {
    code = proto::NAK_LENGTH;
    return {};
  }
  if (running_ && f.type != proto::CAPS && f.type != proto::READ_REG && f.type != proto::READ_SPIKES) {
    code = proto::NAK_BUSY;
    return {};
  }
  const auto fail = [&](std::uint8_t c) {
    code = c;
    return std::vector<std::uint8_t>{};
  };
  try {
    switch (f.type) {
      case proto::CAPS: {
        if (!f.body.empty()) return fail(proto::NAK_LENGTH);
        proto::CapsBody c;
        c.n = static_cast<std::uint16_t>(n);
        c.lanes = 1;
        c.weight_bits = static_cast<std::uint8_t>(cfg_.weight_bits);
        c.max_body = static_cast<std::uint16_t>(mb);
        c.in_depth = static_cast<std::uint16_t>(cfg_.in_depth);
        c.out_depth = static_cast<std::uint16_t>(cfg_.out_depth);
        c.build_id = 0x60D0E1;
        c.param_sets = static_cast<std::uint16_t>(cfg_.param_sets);
        return proto::caps_body(c);
      }
      case proto::WRITE_NEURON: {
        proto::NeuronAccess a;
        if (!proto::parse_write_neuron(f.body, a)) return fail(proto::NAK_LENGTH);
        if (!neuron_arg_ok(a)) return fail(proto::NAK_ARG);
        core_.write_neuron(a.field, a.first, a.values);
        return {};
      }
      case proto::READ_NEURON: {
        proto::NeuronAccess a;
        if (!proto::parse_read_neuron(f.body, a)) return fail(proto::NAK_LENGTH);
        if (!neuron_arg_ok(a) || 4 * std::size_t(a.count) > mb) return fail(proto::NAK_ARG);
        return proto::u32_list_body(core_.read_neuron(a.field, a.first, a.count));
      }
      case proto::WRITE_REG: {
        proto::RegAccess a;
        if (!proto::parse_write_reg(f.body, a)) return fail(proto::NAK_LENGTH);
        if (a.reg > 6) return fail(proto::NAK_ARG);
        core_.write_reg(a.reg, a.value);
        return {};
      }
      case proto::READ_REG: {
        proto::RegAccess a;
        if (!proto::parse_read_reg(f.body, a)) return fail(proto::NAK_LENGTH);
        if (a.count == 0 || 4 * std::size_t(a.count) > mb) return fail(proto::NAK_ARG);
        std::vector<std::uint32_t> v;
        for (int r = a.reg; r < a.reg + a.count; ++r) {
          if (r <= 6 || (r >= hls::R_CYCLES_LO && r <= hls::R_IN_DROPPED)) {
            std::uint32_t x = core_.read_regs(r, 1)[0];
            if (r == hls::R_IN_DROPPED) x += static_cast<std::uint32_t>(in_dropped_);
            v.push_back(x);
          } else if (r == proto::R_RX_CRC_ERR) {
            v.push_back(static_cast<std::uint32_t>(rx_.crc_errors()));
          } else if (r == proto::R_RX_FRAME_ERR) {
            v.push_back(static_cast<std::uint32_t>(rx_.frame_errors()));
          } else if (r == proto::R_NAKS) {
            v.push_back(static_cast<std::uint32_t>(naks_));
          } else {
            return fail(proto::NAK_ARG);
          }
        }
        return proto::u32_list_body(v);
      }
      case proto::WRITE_WEIGHTS: {
        proto::WeightAccess a;
        if (!proto::parse_write_weights(f.body, a)) return fail(proto::NAK_LENGTH);
        if (a.count == 0 || std::uint64_t(a.addr) + a.count > std::uint64_t(n) * n) return fail(proto::NAK_ARG);
        core_.write_weights(a.addr, a.words);
        return {};
      }
      case proto::READ_WEIGHTS: {
        proto::WeightAccess a;
        if (!proto::parse_read_weights(f.body, a)) return fail(proto::NAK_LENGTH);
        if (a.count == 0 || std::uint64_t(a.addr) + a.count > std::uint64_t(n) * n || 2 * std::size_t(a.count) > mb)
          return fail(proto::NAK_ARG);
        return proto::u16_list_body(core_.read_weights(a.addr, a.count));
      }
      case proto::LOAD_INPUTS: {
        std::vector<proto::Event> ev;
        if (!proto::parse_load_inputs(f.body, ev)) return fail(proto::NAK_LENGTH);
        std::uint16_t last = inputs_.empty() ? 0 : inputs_.back().step;
        for (const auto& e : ev) {
          if (e.neuron >= n) return fail(proto::NAK_ARG);
          if (e.step < last) return fail(proto::NAK_ORDER);
          last = e.step;
        }
        if (inputs_.size() + ev.size() > std::size_t(cfg_.in_depth)) return fail(proto::NAK_FULL);
        inputs_.insert(inputs_.end(), ev.begin(), ev.end());
        return {};
      }
      case proto::RUN: {
        std::uint16_t steps = 0;
        if (!proto::parse_u16_body(f.body, steps)) return fail(proto::NAK_LENGTH);
        if (steps == 0) return fail(proto::NAK_ARG);
        running_ = true;
        run_len_ = steps;
        run_pos_ = 0;
        next_input_ = 0;
        return {};
      }
      case proto::READ_SPIKES: {
        std::uint16_t max = 0;
        if (!proto::parse_u16_body(f.body, max)) return fail(proto::NAK_LENGTH);
        if (max == 0 || 3 + 4 * std::size_t(max) > mb) return fail(proto::NAK_ARG);
        advance_run();
        proto::SpikesBody s;
        s.running = running_;
        while (!fifo_.empty() && s.events.size() < max) {
          s.events.push_back(fifo_.front());
          fifo_.pop_front();
        }
        return proto::spikes_body(s);
      }
      case proto::RESET_STATE:
        if (!f.body.empty()) return fail(proto::NAK_LENGTH);
        core_.reset_state();
        inputs_.clear();
        return {};
      default:
        return fail(proto::NAK_TYPE);
    }
  } catch (const LinkError&) {   // the golden backend rejects unknown field/register ids
    return fail(proto::NAK_ARG);
  }
}

}  // namespace spikecore
