"""Shared fixtures: paths to the source tree and its examples (importable as modules)."""
import os
import sys

SOURCE_DIR = os.environ.get("SPIKECORE_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
for sub in ("examples/digits", "examples/stdp_window", "examples/wta"):
    sys.path.insert(0, os.path.join(SOURCE_DIR, sub))
