"""The module imports and carries the CMake project version."""
import os
import re

import spikecore
from conftest import SOURCE_DIR


def test_version_is_the_cmake_project_version():
    with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
        expected = re.search(r"project\(spikecore VERSION ([0-9.]+)", f.read()).group(1)
    assert spikecore.__version__ == expected


def test_exceptions_derive_from_the_documented_builtins():
    assert issubclass(spikecore.ConfigError, ValueError)
    assert issubclass(spikecore.LinkError, RuntimeError)
    assert issubclass(spikecore.TransportError, OSError)
