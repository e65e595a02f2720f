"""examples/digits/digits.py reproduces the C++ driver spike for spike on a reduced set."""
import os
import subprocess

import pytest

import digits


def test_rng_matches_splitmix64_reference():
    # SplitMix64 (Steele et al. 2014) from state 0: first output 0xE220A8397B1DCDAF.
    r = digits.SampleRng(0, 0, 0)
    r.s = 0
    assert r.next() == 0xE220A8397B1DCDAF


@pytest.mark.skipif("SPIKECORE_DIGITS_EXE" not in os.environ, reason="spikecore-digits not built")
def test_python_digits_gives_the_cpp_drivers_spikes(tmp_path):
    subprocess.run([os.environ["SPIKECORE_DIGITS_EXE"], "--backend", "golden", "--train", "60", "--test", "20",
                    "--out", str(tmp_path), "--quiet"], check=True, capture_output=True)
    res = digits.run_job("golden", n_train=60, n_test=20)
    digits.write_spikes(tmp_path / "py_spikes.csv", res)
    cpp = (tmp_path / "spikes.csv").read_text().splitlines()
    py = (tmp_path / "py_spikes.csv").read_text().splitlines()
    assert len(cpp) > 1000
    assert py == cpp
