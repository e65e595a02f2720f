// SPDX-License-Identifier: Apache-2.0
// Per-area init functions of the spikecore._core module (style.md item 12: one file per area, glue only).
#pragma once

#include <pybind11/pybind11.h>

namespace spikecore::py_bind {

void init_errors(pybind11::module_& m);
void init_network(pybind11::module_& m);
void init_device(pybind11::module_& m);

}  // namespace spikecore::py_bind
