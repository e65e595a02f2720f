"""Network description: round trips through the host library and YAML, shapes, and error messages."""
import numpy as np
import pytest

import spikecore as sc
from conftest import SOURCE_DIR

SMALL = SOURCE_DIR + "/tests/host/data/small.yaml"


def small_by_hand():
    """tests/host/data/small.yaml built through the Python API."""
    net = sc.Network(dt=1.0, duration=50)
    inp = sc.Population(2, sc.SpikeSourceArray([[1, 10, 20], [5, 15]]), label="input")
    exc = sc.Population(3, sc.IF_curr_exp(tau_m=10, cm=250, v_rest=-70, v_reset=-70, v_thresh=[-55, -55, -54],
                                          tau_refrac=2, tau_syn_E=2, tau_syn_I=2, i_offset=[0, 0, 100]), label="exc")
    net.add(sc.Projection(inp, exc, np.array([[2500, 2500, 0], [0, 2500, 2500]]), plastic=True))
    net.add(sc.Projection(exc, exc, np.array([[0, -300, 0], [0, 0, 0], [-300, 0, 0]])))
    net.add(sc.STDP(tau_plus=20, tau_minus=20, A_plus=10, A_minus=12, w_min=0, w_max=4000))
    return net


def test_network_built_in_python_equals_the_yaml_file():
    assert small_by_hand() == sc.load(SMALL)


def test_yaml_text_round_trip(tmp_path):
    net = small_by_hand()
    assert sc.from_yaml(net.to_yaml()) == net
    net.save(tmp_path / "n.yaml")
    back = sc.load(tmp_path / "n.yaml")
    assert back == net
    w = back.projections[0].weights
    assert w.dtype == np.float64 and w.shape == (2, 3)
    np.testing.assert_array_equal(w, [[2500, 2500, 0], [0, 2500, 2500]])
    assert back.projections[0].plastic.dtype == bool
    np.testing.assert_array_equal(back.populations[1].celltype.parameters["v_thresh"], [-55, -55, -54])


def test_unknown_parameter_names_the_parameter():
    with pytest.raises(TypeError) as e:
        sc.IF_curr_exp(v_th=-50)
    assert str(e.value) == ("IF_curr_exp: unknown parameter 'v_th'; expected one of tau_m, cm, v_rest, v_reset, "
                            "v_thresh, tau_refrac, tau_syn_E, tau_syn_I, i_offset")


def test_weight_matrix_of_wrong_shape_is_refused():
    a = sc.Population(2, sc.SpikeSourceArray(), label="a")
    b = sc.Population(3, sc.IF_curr_exp(), label="b")
    with pytest.raises(ValueError) as e:
        sc.Projection(a, b, np.zeros((3, 2)))
    assert str(e.value) == "Projection a->b: weights has shape (3, 2); expected (2, 3) = (pre.size, post.size) or a scalar"


def test_out_of_range_value_gives_the_host_library_message():
    net = small_by_hand()
    net.populations[1].celltype.parameters["tau_m"] = -5.0
    with pytest.raises(sc.ConfigError) as e:
        net.validate()
    assert str(e.value) == "populations[1].params.tau_m = -5: expected a number > 0 (ms)"
    with pytest.raises(ValueError):
        sc.Device("golden").program(net)


def test_yaml_error_names_file_and_line(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("dt: 1.0\nduration: 10\npopulations:\n  - name: a\n    size: 0\n")
    with pytest.raises(sc.ConfigError) as e:
        sc.load(p)
    assert str(e.value).startswith(f"{p}:5: populations[0].size = 0: expected")


def test_compile_reports_quantization():
    c = small_by_hand().compile(16)
    assert c.n == 16 and c.n_used == 5
    assert c.w_lsb == pytest.approx(4000 / 16383)
    assert c.populations == {"input": (0, 2), "exc": (2, 3)}
    assert c.weight_bits == 16
    narrow = small_by_hand().compile(16, weight_bits=9)   # a 9-bit weight word holds -127..127 (model.md §2.3)
    assert narrow.weight_bits == 9 and narrow.w_lsb == pytest.approx(4000 / 127)
    with pytest.raises(sc.ConfigError, match="weight_bits = 8: expected 9..16"):
        small_by_hand().compile(16, weight_bits=8)
    p22 = [e for e in c.report.entries if e.name == "P22"][0]
    assert p22.value == pytest.approx(np.exp(-1 / 10))
    assert abs(p22.quantized - p22.value) <= 2 ** -25
    assert c.fields["P22"].dtype == np.uint32 and c.fields["P22"].shape == (16,)
    assert c.fields["P22"][2] == round(np.exp(-0.1) * 2 ** 24)


def test_stdp_parameters_are_required():
    with pytest.raises(TypeError, match="A_plus"):
        sc.STDP(tau_plus=20, tau_minus=20, A_minus=1, w_min=0, w_max=10)


def test_install_destination_is_on_the_interpreters_path():
    """`cmake --install build --component python` (run by scripts/build) must land where this Python looks."""
    import os
    import sys
    dest = os.environ.get("SPIKECORE_PY_INSTALL_DIR")
    if dest is None:
        pytest.fail("SPIKECORE_PY_INSTALL_DIR not passed by CTest")
    assert os.path.realpath(dest) in [os.path.realpath(p) for p in sys.path]


def test_compile_with_param_sets_shares_sets_between_equal_neurons():
    own = small_by_hand().compile(16)               # param_sets = device_n: one set per neuron
    assert own.param_sets == 16 and own.param_sets_used == 16
    np.testing.assert_array_equal(own.fields["pset"], np.arange(16))
    c = small_by_hand().compile(16, param_sets=4)   # 2 sources, exc 0-1 alike, exc 2: 3 distinct tuples
    assert c.param_sets == 4 and c.param_sets_used == 3
    np.testing.assert_array_equal(c.fields["pset"], [0, 0, 1, 1, 2] + [0] * 11)
    assert c.fields["pset"].dtype == np.uint32 and c.fields["theta"].shape == (3,)
    np.testing.assert_array_equal(c.fields["theta"], [0x7FFFFFFF, 15 << 16, 16 << 16])
    for name in ("P22", "P11ex", "P11in", "C21ex", "C21in", "drive", "theta", "v_reset", "n_ref"):
        for k in range(16):
            assert c.fields[name][c.pset(k)] == own.fields[name][k], (name, k)
    assert c.report.param_sets_used == 3 and c.report.param_sets == 4
    assert "parameter sets: 3 of 4 (one per distinct neuron parameter tuple)\n" in c.report.table()
    assert "parameter sets: 16 of 16 (one per neuron)\n" in own.report.table()
    with pytest.raises(sc.ConfigError, match=r"^compile: network needs 3 parameter sets \(distinct neuron parameter "
                                             r"tuples\): expected at most the device's param_sets = 2$"):
        small_by_hand().compile(16, param_sets=2)
    with pytest.raises(sc.ConfigError, match=r"param_sets = 17: expected 1\.\.16"):
        small_by_hand().compile(16, param_sets=17)
    with pytest.raises(TypeError):
        small_by_hand().compile(16, param_sets=2.5)
