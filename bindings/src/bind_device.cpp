// SPDX-License-Identifier: Apache-2.0
// Device glue: open_backend + Device, runs in chunks with the GIL released and Ctrl-C checked between chunks,
// results as NumPy arrays.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/device.hpp"
#include "spikecore/errors.hpp"

namespace py = pybind11;

namespace spikecore::py_bind {
namespace {

using I64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using U32Array = py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>;

class PyDevice {
 public:
  PyDevice(const std::string& target, int n_neurons) {
    py::gil_scoped_release nogil;
    dev_ = std::make_unique<Device>(open_backend(target, n_neurons));
  }
  Device& dev() { return *dev_; }

  // Runs `steps` steps with forced spikes (in_steps[i], in_ids[i]); records V, I_ex, I_in of `probe` neurons
  // after every step when probe is non-empty. Returns (spike steps, spike ids, v, i_ex, i_in).
  py::tuple run(std::uint32_t steps, const I64Array& in_steps, const I64Array& in_ids, const std::vector<int>& probe,
                std::uint32_t chunk) {
    if (in_steps.ndim() != 1 || in_ids.ndim() != 1 || in_steps.size() != in_ids.size())
      throw ConfigError("run: input steps and ids must be 1-D arrays of equal length (got " +
                        std::to_string(in_steps.size()) + " and " + std::to_string(in_ids.size()) + ")");
    const int n_used = dev_->n_used();
    std::vector<InputEvent> ev(static_cast<std::size_t>(in_steps.size()));
    const auto s = in_steps.unchecked<1>();
    const auto id = in_ids.unchecked<1>();
    for (py::ssize_t i = 0; i < in_steps.size(); ++i) {
      if (s(i) < 0 || s(i) >= std::int64_t(steps))
        throw ConfigError("run: input step = " + std::to_string(s(i)) + ": expected 0.." +
                          std::to_string(std::int64_t(steps) - 1) + " (steps = " + std::to_string(steps) + ")");
      if (id(i) < 0 || id(i) >= n_used)
        throw ConfigError("run: input neuron = " + std::to_string(id(i)) + ": expected 0.." +
                          std::to_string(n_used - 1) + " (neurons of the programmed network)");
      ev[std::size_t(i)] = {std::uint32_t(s(i)), std::uint16_t(id(i))};
    }
    std::stable_sort(ev.begin(), ev.end(), [](const InputEvent& a, const InputEvent& b) {
      return a.step != b.step ? a.step < b.step : a.neuron < b.neuron;
    });
    for (int p : probe)
      if (p < 0 || p >= n_used)
        throw ConfigError("run: probe neuron = " + std::to_string(p) + ": expected 0.." + std::to_string(n_used - 1));
    if (!probe.empty()) chunk = 1;   // state is read back after every step
    if (chunk == 0) chunk = 1;

    const std::size_t np = probe.size();
    std::vector<double> v, iex, iin;
    if (np) {
      v.reserve(std::size_t(steps) * np);
      iex.reserve(std::size_t(steps) * np);
      iin.reserve(std::size_t(steps) * np);
    }
    std::vector<SpikeEvent> out;
    std::size_t next = 0;
    for (std::uint32_t t0 = 0; t0 < steps; t0 += chunk) {
      const std::uint32_t len = std::min(chunk, steps - t0);
      std::vector<InputEvent> part;
      while (next < ev.size() && ev[next].step < t0 + len) {
        part.push_back({ev[next].step - t0, ev[next].neuron});
        ++next;
      }
      {
        py::gil_scoped_release nogil;
        for (const auto& e : dev_->run(len, part)) out.push_back({e.step + t0, e.neuron});
        if (np) {
          const auto vv = dev_->read_v_mV(), ie = dev_->read_i_pA(true), ii = dev_->read_i_pA(false);
          for (int p : probe) {
            v.push_back(vv[std::size_t(p)]);
            iex.push_back(ie[std::size_t(p)]);
            iin.push_back(ii[std::size_t(p)]);
          }
        }
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();   // Ctrl-C: stop between chunks
    }
    py::array_t<std::int64_t> o_steps(py::ssize_t(out.size())), o_ids(py::ssize_t(out.size()));
    for (std::size_t i = 0; i < out.size(); ++i) {
      o_steps.mutable_at(i) = out[i].step;
      o_ids.mutable_at(i) = out[i].neuron;
    }
    const std::vector<py::ssize_t> shape{py::ssize_t(np ? steps : 0), py::ssize_t(np)};
    return py::make_tuple(o_steps, o_ids, py::array_t<double>(shape, v.data()), py::array_t<double>(shape, iex.data()),
                          py::array_t<double>(shape, iin.data()));
  }

 private:
  std::unique_ptr<Device> dev_;
};

py::array_t<double> square(const std::vector<double>& a, int n) {
  return py::array_t<double>({py::ssize_t(n), py::ssize_t(n)}, a.data());
}

}  // namespace

void init_device(py::module_& m) {
  py::class_<PyDevice>(m, "Device")
      .def(py::init<const std::string&, int>(), py::arg("target"), py::arg("n_neurons"),
           "open_backend(target, n_neurons) + Device. Raises TransportError for an unknown or absent target.")
      .def_property_readonly("caps", [](PyDevice& d) {
        const Caps c = d.dev().backend().caps();
        py::dict r;
        r["protocol"] = c.protocol; r["model_format"] = c.model_format; r["n"] = c.n; r["lanes"] = c.lanes;
        r["max_body"] = c.max_body; r["in_depth"] = c.in_depth; r["out_depth"] = c.out_depth;
        r["weight_bits"] = c.weight_bits; r["param_sets"] = c.param_sets; r["build_id"] = c.build_id;
        return r;
      })
      .def_property_readonly("n", [](PyDevice& d) { return d.dev().n(); })
      .def_property_readonly("weight_bits", [](PyDevice& d) { return d.dev().weight_bits(); },
                             "stored bits per weight word (CAPS weight_bits, model.md §2.3)")
      .def_property_readonly("param_sets", [](PyDevice& d) { return d.dev().param_sets(); },
                             "neuron parameter sets (CAPS param_sets, model.md §2.2)")
      .def_property_readonly("n_used", [](PyDevice& d) { return d.dev().n_used(); })
      .def_property_readonly("w_lsb", [](PyDevice& d) { return d.dev().w_lsb(); })
      .def("program", [](PyDevice& d, const CompiledNetwork& c) { d.dev().program(c); }, py::arg("net"),
           py::call_guard<py::gil_scoped_release>())
      .def("set_plasticity", [](PyDevice& d, bool on) { d.dev().set_plasticity(on); }, py::arg("enabled"),
           py::call_guard<py::gil_scoped_release>())
      .def("reset_state", [](PyDevice& d) { d.dev().reset_state(); }, py::call_guard<py::gil_scoped_release>())
      .def("run", &PyDevice::run, py::arg("steps"), py::arg("in_steps"), py::arg("in_ids"), py::arg("probe"),
           py::arg("chunk"))
      .def("read_weights_pA", [](PyDevice& d) { return square(d.dev().read_weights_pA(), d.dev().n_used()); })
      .def("read_weight_words", [](PyDevice& d) {
        const auto w = d.dev().read_weight_matrix();
        const auto n = py::ssize_t(d.dev().n_used());
        return py::array_t<std::uint16_t>({n, n}, w.data());
      })
      .def("read_v_mV", [](PyDevice& d) { const auto v = d.dev().read_v_mV(); return py::array_t<double>(v.size(), v.data()); })
      .def("read_i_pA", [](PyDevice& d, bool ex) {
        const auto v = d.dev().read_i_pA(ex);
        return py::array_t<double>(v.size(), v.data());
      }, py::arg("excitatory"))
      .def("write_neuron", [](PyDevice& d, int field, int first, const U32Array& values) {
        std::vector<std::uint32_t> v(values.data(), values.data() + values.size());
        py::gil_scoped_release nogil;
        d.dev().backend().write_neuron(field, first, v);
      }, py::arg("field"), py::arg("first"), py::arg("values"))
      .def("read_neuron", [](PyDevice& d, int field, int first, int count) {
        const auto v = d.dev().backend().read_neuron(field, first, count);
        return py::array_t<std::uint32_t>(v.size(), v.data());
      }, py::arg("field"), py::arg("first"), py::arg("count"))
      .def("write_reg", [](PyDevice& d, int reg, std::uint32_t value) { d.dev().backend().write_reg(reg, value); },
           py::arg("reg"), py::arg("value"))
      .def("read_regs", [](PyDevice& d, int reg, int count) { return d.dev().backend().read_regs(reg, count); },
           py::arg("reg"), py::arg("count"))
      .def("counters", [](PyDevice& d) {
        const Counters c = d.dev().backend().counters();
        py::dict r;
        r["cycles"] = c.cycles; r["timesteps"] = c.timesteps; r["spikes"] = c.spikes; r["sops"] = c.sops;
        r["stall_cycles"] = c.stall_cycles; r["in_dropped"] = c.in_dropped; r["rx_crc_errors"] = c.rx_crc_errors;
        r["rx_frame_errors"] = c.rx_frame_errors; r["naks"] = c.naks;
        return r;
      });
}

}  // namespace spikecore::py_bind
