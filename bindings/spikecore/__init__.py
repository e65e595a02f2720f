"""spikecore: script networks for the spikecore neuromorphic core with NumPy.

Networks are described in physical units with PyNN's ``IF_curr_exp`` names, compiled by the host library
(quantization report included) and run on any backend ``open_backend`` accepts ("golden", "golden-link",
"sim", and the serial/TCP targets of the host library as they exist).

Units everywhere (docs/model.md): time ms, potential mV, capacitance **pF**, current **pA** (NEST units; PyNN
uses nF and nA: multiply PyNN values of ``cm``, ``i_offset`` and weights by 1000).

Exceptions (the C++ message is passed through unchanged):

- ``ConfigError`` (a ``ValueError``): invalid network, parameter or argument; names field, value and range.
- ``LinkError`` (a ``RuntimeError``): the device refused a command or the protocol failed.
- ``TransportError`` (an ``OSError``): no such device or target, broken stream.
- ``TypeError``: an unknown parameter name; ``KeyboardInterrupt``: Ctrl-C during ``Device.run`` (the device
  stops between chunks of steps and stays usable).
"""
from ._core import (ConfigError, LinkError, TransportError, QuantizationReport, QuantEntry,  # noqa: F401
                    CompiledNetwork, __version__)
from ._network import (IF_curr_exp, SpikeSourceArray, Population, Projection, STDP, Network,  # noqa: F401
                       load, from_yaml)
from ._device import Device, RunResult, QuantizationWarning  # noqa: F401

__all__ = ["IF_curr_exp", "SpikeSourceArray", "Population", "Projection", "STDP", "Network", "load",
           "from_yaml", "Device", "RunResult", "ConfigError", "LinkError", "TransportError",
           "QuantizationReport", "CompiledNetwork", "__version__"]
