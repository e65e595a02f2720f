// SPDX-License-Identifier: Apache-2.0
// Host-library exceptions as Python classes; the message is passed through unchanged.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "spikecore/errors.hpp"
#include "spikecore/transport.hpp"

namespace py = pybind11;

namespace spikecore::py_bind {

void init_errors(py::module_& m) {
  // ConfigError is a ValueError (bad network or argument); LinkError a RuntimeError (the device refused or the
  // protocol failed); TransportError an OSError (no device, broken stream).
  py::register_exception<ConfigError>(m, "ConfigError", PyExc_ValueError);
  py::register_exception<LinkError>(m, "LinkError", PyExc_RuntimeError);
  py::register_exception<TransportError>(m, "TransportError", PyExc_OSError);
}

}  // namespace spikecore::py_bind
