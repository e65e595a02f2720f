// SPDX-License-Identifier: Apache-2.0
// spikecore._core: the compiled half of the Python package; the PyNN-style layer is spikecore/__init__.py.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "spikecore host library bindings (glue only; see the spikecore package for the documented API)";
  m.attr("__version__") = SPIKECORE_VERSION;
  spikecore::py_bind::init_errors(m);
  spikecore::py_bind::init_network(m);
  spikecore::py_bind::init_device(m);
}
