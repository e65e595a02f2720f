// SPDX-License-Identifier: Apache-2.0
// Network description, YAML I/O and the quantizing compiler, bound one-to-one (field names as in network.hpp).
// Vectors cross as Python lists (copies): assign whole lists, do not append in place.
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "spikecore/compiler.hpp"
#include "spikecore/network.hpp"
#include "spikecore/yaml_io.hpp"
#include "spk_golden.hpp"

namespace py = pybind11;

namespace spikecore::py_bind {
namespace {

const char* field_name(int id) {
  switch (id) {
    case hls::F_PSET: return "pset";
    case hls::F_P22: return "P22";
    case hls::F_P11EX: return "P11ex";
    case hls::F_P11IN: return "P11in";
    case hls::F_C21EX: return "C21ex";
    case hls::F_C21IN: return "C21in";
    case hls::F_DRIVE: return "drive";
    case hls::F_THETA: return "theta";
    case hls::F_VRESET: return "v_reset";
    case hls::F_NREF: return "n_ref";
    default: return "?";
  }
}

}  // namespace

void init_network(py::module_& m) {
  py::class_<NeuronParams>(m, "NeuronParams", "IF_curr_exp parameters; each a list of 1 or population-size values")
      .def(py::init<>())
      .def_readwrite("tau_m", &NeuronParams::tau_m)
      .def_readwrite("cm", &NeuronParams::cm)
      .def_readwrite("v_rest", &NeuronParams::v_rest)
      .def_readwrite("v_reset", &NeuronParams::v_reset)
      .def_readwrite("v_thresh", &NeuronParams::v_thresh)
      .def_readwrite("tau_refrac", &NeuronParams::tau_refrac)
      .def_readwrite("tau_syn_E", &NeuronParams::tau_syn_E)
      .def_readwrite("tau_syn_I", &NeuronParams::tau_syn_I)
      .def_readwrite("i_offset", &NeuronParams::i_offset)
      .def(py::self == py::self);

  py::class_<Population>(m, "Population")
      .def(py::init<>())
      .def_readwrite("name", &Population::name)
      .def_readwrite("size", &Population::size)
      .def_readwrite("spike_source", &Population::spike_source)
      .def_readwrite("params", &Population::params);

  py::class_<Projection>(m, "Projection")
      .def(py::init<>())
      .def_readwrite("pre", &Projection::pre)
      .def_readwrite("post", &Projection::post)
      .def_readwrite("weights", &Projection::weights)
      .def_readwrite("plastic", &Projection::plastic);

  py::enum_<Pairing>(m, "Pairing").value("AllToAll", Pairing::AllToAll).value("Nearest", Pairing::Nearest);

  py::class_<StdpRule>(m, "StdpRule")
      .def(py::init<>())
      .def_readwrite("tau_plus", &StdpRule::tau_plus)
      .def_readwrite("tau_minus", &StdpRule::tau_minus)
      .def_readwrite("A_plus", &StdpRule::A_plus)
      .def_readwrite("A_minus", &StdpRule::A_minus)
      .def_readwrite("w_min", &StdpRule::w_min)
      .def_readwrite("w_max", &StdpRule::w_max)
      .def_readwrite("pairing", &StdpRule::pairing);

  py::class_<Stimulus>(m, "Stimulus")
      .def(py::init<>())
      .def_readwrite("population", &Stimulus::population)
      .def_readwrite("spike_times", &Stimulus::spike_times);

  py::class_<Network>(m, "Network")
      .def(py::init<>())
      .def_readwrite("dt", &Network::dt)
      .def_readwrite("w_lsb", &Network::w_lsb)
      .def_readwrite("duration", &Network::duration)
      .def_readwrite("populations", &Network::populations)
      .def_readwrite("projections", &Network::projections)
      .def_readwrite("stdp", &Network::stdp)
      .def_readwrite("stimuli", &Network::stimuli)
      .def("size", &Network::size)
      .def(py::self == py::self);

  m.def("validate", &validate, py::arg("net"), "Raises ConfigError naming field, value and allowed range.");
  m.def("load_network", &load_network, py::arg("path"));
  m.def("parse_network", &parse_network, py::arg("yaml"), py::arg("name") = "<string>");
  m.def("dump_network", &dump_network, py::arg("net"));
  m.def("save_network", &save_network, py::arg("net"), py::arg("path"));
  m.def("auto_w_lsb", &auto_w_lsb, py::arg("net"), py::arg("weight_bits") = 16);

  py::class_<QuantEntry>(m, "QuantEntry")
      .def_readonly("name", &QuantEntry::name)
      .def_readonly("population", &QuantEntry::population)
      .def_readonly("neuron", &QuantEntry::neuron)
      .def_readonly("value", &QuantEntry::value)
      .def_readonly("quantized", &QuantEntry::quantized)
      .def_readonly("unit", &QuantEntry::unit)
      .def_property_readonly("abs_error", &QuantEntry::abs_error)
      .def_property_readonly("rel_error", &QuantEntry::rel_error)
      .def("__repr__", [](const QuantEntry& e) {
        return "<QuantEntry " + e.name + " " + e.population + "[" + std::to_string(e.neuron) + "] " +
               std::to_string(e.value) + " -> " + std::to_string(e.quantized) + " " + e.unit + ">";
      });

  py::class_<QuantizationReport>(m, "QuantizationReport",
                                 "What quantization did to each parameter (worst neuron per population).")
      .def_readonly("entries", &QuantizationReport::entries, "list of QuantEntry")
      .def_readonly("warnings", &QuantizationReport::warnings, "list of str (saturation, decays rounding to 1, ...)")
      .def_readonly("param_sets_used", &QuantizationReport::param_sets_used, "parameter sets the image uses")
      .def_readonly("param_sets", &QuantizationReport::param_sets, "of the device's parameter sets")
      .def("table", &QuantizationReport::table, "Fixed-width text table followed by the warnings.")
      .def("__str__", &QuantizationReport::table);

  py::class_<CompiledNetwork>(m, "CompiledNetwork", "Raw image of a network for one core (compiler.hpp).")
      .def_readonly("n", &CompiledNetwork::n, "device neuron count")
      .def_readonly("n_used", &CompiledNetwork::n_used, "neurons used by the network (0..n_used-1)")
      .def_readonly("dt", &CompiledNetwork::dt, "ms")
      .def_readonly("w_lsb", &CompiledNetwork::w_lsb, "pA per raw weight unit")
      .def_readonly("weight_bits", &CompiledNetwork::weight_bits, "weight word bits it was quantized for")
      .def_readonly("param_sets", &CompiledNetwork::param_sets, "parameter sets of the device it was compiled for")
      .def_readonly("param_sets_used", &CompiledNetwork::param_sets_used,
                    "parameter sets the image writes (fields 8..16 have this many words)")
      .def("pset", &CompiledNetwork::pset, py::arg("neuron"), "parameter set of device neuron `neuron`")
      .def_readonly("steps", &CompiledNetwork::steps, "run length of the network's duration, steps")
      .def_readonly("report", &CompiledNetwork::report)
      .def_property_readonly("populations", [](const CompiledNetwork& c) {
        py::dict d;   // insertion order = network order
        for (const auto& [name, s] : c.populations) d[py::str(name)] = py::make_tuple(s.first, s.size);
        return d;
      }, "dict name -> (first neuron, size)")
      .def_property_readonly("fields", [](const CompiledNetwork& c) {
        py::dict d;
        for (const auto& [id, words] : c.fields)
          d[py::str(field_name(id))] = py::array_t<std::uint32_t>(py::ssize_t(words.size()), words.data());
        return d;
      }, "dict field name -> uint32 array: pset [n] (the set of each neuron); P22, P11ex, P11in, C21ex, C21in,\n"
         "drive, theta, v_reset, n_ref [param_sets_used] (indexed by set: neuron k's is [pset[k]])")
      .def_property_readonly("input_steps", [](const CompiledNetwork& c) {
        py::array_t<std::int64_t> a(py::ssize_t(c.inputs.size()));
        for (std::size_t i = 0; i < c.inputs.size(); ++i) a.mutable_at(i) = c.inputs[i].step;
        return a;
      }, "int64 array: steps of the network's stimulus, ascending")
      .def_property_readonly("input_ids", [](const CompiledNetwork& c) {
        py::array_t<std::int64_t> a(py::ssize_t(c.inputs.size()));
        for (std::size_t i = 0; i < c.inputs.size(); ++i) a.mutable_at(i) = c.inputs[i].neuron;
        return a;
      }, "int64 array: device neurons of the stimulus");

  m.def("compile", &compile, py::arg("net"), py::arg("device_n"), py::arg("weight_bits") = 16,
        py::arg("param_sets") = 0,
        "Quantizes `net` for a core of device_n neurons storing weight_bits (9..16) bits per weight word with\n"
        "param_sets (1..device_n; 0 = device_n) neuron parameter sets. Raises ConfigError.");

  py::dict ids;
  for (int id : {hls::F_V, hls::F_IEX, hls::F_IIN, hls::F_R, hls::F_X, hls::F_Y, hls::F_PSET, hls::F_P22,
                 hls::F_P11EX, hls::F_P11IN, hls::F_C21EX, hls::F_C21IN, hls::F_DRIVE, hls::F_THETA, hls::F_VRESET,
                 hls::F_NREF})
    ids[py::str(id < hls::F_PSET ? std::vector<const char*>{"V", "I_ex", "I_in", "r", "x", "y"}[id] : field_name(id))] = id;
  m.attr("FIELDS") = ids;
}

}  // namespace spikecore::py_bind
