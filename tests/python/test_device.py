"""Device: run, spikes as arrays and raster, probes in physical units, weights, counters, bad inputs."""
import numpy as np
import pytest

import spikecore as sc


def dc_neuron(i_offset=300.0, v_thresh=-50.0):
    net = sc.Network(dt=1.0, duration=100)
    net.add(sc.Population(1, sc.IF_curr_exp(tau_m=20, cm=250, v_rest=-65, v_reset=-65, v_thresh=v_thresh,
                                            tau_refrac=0, i_offset=i_offset), label="n"))
    return net


def test_dc_membrane_follows_the_closed_form_within_the_bound():
    dev = sc.Device("golden")
    dev.program(dc_neuron(v_thresh=0.0))      # never reaches threshold
    r = dev.run(100, probe=[0])
    assert r.v.shape == (100, 1) and r.v.dtype == np.float64
    t = np.arange(1, 101)                     # V after step t
    exact = -65 + 300.0 * 20 / 250 * (1 - np.exp(-t / 20))
    e_v = (0.5 + 2 ** -5 + 2 ** -25 * 24 * 2 ** 16) / (1 - np.exp(-1 / 20)) * 2 ** -16   # model.md §5, mV
    assert np.max(np.abs(r.v[:, 0] - exact)) <= e_v
    np.testing.assert_array_equal(r.i_ex, 0)


def test_dc_spike_times_match_the_closed_form_period():
    dev = sc.Device("golden")
    dev.program(dc_neuron())
    r = dev.run(100)
    # i_offset acts from step 0, so V after step s is 24 (1 - exp(-(s+1)/20)) mV; it crosses 15 mV at
    # s+1 >= -20 ln(1 - 15/24) = 19.6, i.e. s = 19, and again 20 steps after each reset (no refractory time).
    np.testing.assert_array_equal(r.steps, [19, 39, 59, 79, 99])
    assert r.steps.dtype == np.int64 and r.ids.dtype == np.int64
    np.testing.assert_array_equal(r.times, [19.0, 39.0, 59.0, 79.0, 99.0])
    ras = r.raster()
    assert ras.shape == (100, 1) and ras.dtype == bool and ras.sum() == 5 and ras[19, 0]
    c = dev.counters()
    assert c["timesteps"] == 100 and c["spikes"] == 5


def two_sources():
    net = sc.Network(dt=1.0, duration=20)
    src = sc.Population(2, sc.SpikeSourceArray(), label="src")
    post = sc.Population(1, sc.IF_curr_exp(v_thresh=1000.0, tau_syn_E=5, tau_syn_I=5), label="post")
    net.add(sc.Projection(src, post, np.array([[100.0], [-50.0]])))
    return net


def test_raster_and_event_inputs_give_the_same_run():
    dev = sc.Device("golden")
    dev.program(two_sources())
    raster = np.zeros((20, 3), dtype=bool)
    raster[[2, 5, 5], [0, 0, 1]] = True
    a = dev.run(20, inputs=raster, probe=[2])
    dev.reset_state()
    b = dev.run(20, inputs=(np.array([5.0, 2.0, 5.0]), np.array([1, 0, 0])), probe=[2])
    np.testing.assert_array_equal(a.steps, [2, 5, 5])
    np.testing.assert_array_equal(a.ids, [0, 0, 1])
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.i_ex, b.i_ex)
    # The spike at step 2 arrives at step 3 (one step delay): I_ex jumps by the weight, then decays by exp(-1/5).
    w_lsb = dev.w_lsb
    assert a.i_ex[2, 0] == 0
    assert abs(a.i_ex[3, 0] - 100.0) <= w_lsb / 2
    assert abs(a.i_ex[4, 0] - 100.0 * np.exp(-1 / 5)) <= w_lsb
    assert abs(a.i_in[6, 0] + 50.0) <= w_lsb / 2


def test_weights_are_a_pre_by_post_array_in_pA():
    dev = sc.Device("golden")
    dev.program(two_sources())
    w = dev.weights("src", "post")
    assert w.shape == (2, 1) and w.dtype == np.float64
    assert np.all(np.abs(w - [[100.0], [-50.0]]) <= dev.w_lsb / 2)
    assert dev.weights().shape == (3, 3)
    assert dev.weight_words().dtype == np.uint16


@pytest.mark.parametrize("inputs, message", [
    (np.zeros((20, 2), dtype=bool), "run: inputs raster has shape (20, 2); expected [T, 3] (T steps x neurons of the "
                                    "programmed network)"),
    (np.zeros((20, 3)), "run: inputs raster has dtype float64 and shape (20, 3); expected a bool array [T, 3] or a "
                        "(times_ms, ids) tuple"),
    ((np.array([25.0]), np.array([0])), "run: input step = 25: expected 0..19 (steps = 20)"),
    ((np.array([1.0]), np.array([7])), "run: input neuron = 7: expected 0..2 (neurons of the programmed network)"),
    ((np.array([1.0, 2.0]), np.array([0])), "run: inputs times has shape (2,) and ids (1,); expected two 1-D "
                                            "arrays of equal length"),
])
def test_bad_inputs_are_refused_with_the_exact_message(inputs, message):
    dev = sc.Device("golden")
    dev.program(two_sources())
    with pytest.raises(ValueError) as e:
        dev.run(20, inputs=inputs)
    assert str(e.value) == message


def test_unknown_target_is_refused_naming_it():
    # The host library decides whether a malformed target is a ConfigError or a TransportError.
    with pytest.raises((sc.ConfigError, sc.TransportError)) as e:
        sc.Device("no-such-target", n_neurons=4)
    assert "no-such-target" in str(e.value)


def test_link_backend_gives_the_golden_spikes_and_counters():
    runs = []
    for target in ("golden", "golden-link"):
        dev = sc.Device(target)
        dev.program(dc_neuron(i_offset=400.0))
        r = dev.run(200, chunk=7)             # chunking must not change the run
        runs.append((r.steps, dev.counters()["spikes"]))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    assert runs[0][1] == runs[1][1] == len(runs[0][0]) > 0


def test_ctrl_c_interrupts_a_long_run_cleanly():
    """SIGINT during a long simulated-RTL run raises KeyboardInterrupt between chunks; the process ends promptly."""
    import os
    import signal
    import subprocess
    import sys
    import time
    code = ("import spikecore as sc, sys\n"
            "net = sc.Network(dt=1.0, duration=1)\n"
            "net.add(sc.Population(4, sc.IF_curr_exp(i_offset=900.0), label='n'))\n"
            "dev = sc.Device('sim'); dev.program(net)\n"
            "print('running', flush=True)\n"
            "try:\n"
            "    dev.run(50_000_000)\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted', flush=True); sys.exit(3)\n")
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ))
    assert p.stdout.readline().strip() == "running"
    time.sleep(1.0)
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 3, err
    assert "interrupted" in out
    assert time.monotonic() - t0 < 30


def test_quantization_warnings_are_python_warnings():
    net = sc.Network(dt=1.0, duration=10)
    src = sc.Population(1, sc.SpikeSourceArray(), label="src")
    out = sc.Population(1, sc.IF_curr_exp(tau_m=10, cm=250), label="out")
    net.add(src, out, sc.Projection(src, out, np.array([[1000.0]]), plastic=True),
            sc.STDP(tau_plus=20, tau_minus=20, A_plus=0.01, A_minus=0.01, w_min=0, w_max=1000))
    dev = sc.Device("golden")
    with pytest.warns(sc.QuantizationWarning) as record:
        rep = dev.program(net)
    texts = [str(w.message) for w in record]
    assert any("below 1 weight LSB" in t for t in texts)
    assert texts == list(rep.warnings)


def two_populations():
    """Two populations of 20 LIF neurons, two parameter tuples, both firing on their own."""
    net = sc.Network(dt=0.1, duration=30)
    a = sc.Population(20, sc.IF_curr_exp(tau_m=10, cm=250, v_rest=-70, v_reset=-70, v_thresh=-55, tau_refrac=2,
                                          i_offset=420.0), label="a")
    b = sc.Population(20, sc.IF_curr_exp(tau_m=15, cm=250, v_rest=-70, v_reset=-70, v_thresh=-52, tau_refrac=1,
                                          i_offset=330.0), label="b")
    rng = np.random.default_rng(4)
    net.add(a, b, sc.Projection(a, b, rng.uniform(-200, 500, (20, 20))),
            sc.Projection(b, a, rng.uniform(-400, 300, (20, 20))))
    return net


def test_param_sets_of_the_device_and_compile():
    dev = sc.Device("golden:p8", n_neurons=16)
    assert dev.param_sets == 8 and dev.caps["param_sets"] == 8 and dev.caps["n"] == 16
    dev.program(two_sources())                  # 3 neurons <= 8 sets: one set each
    assert dev.compiled.param_sets == 8 and dev.compiled.param_sets_used == 8
    np.testing.assert_array_equal(dev.compiled.fields["pset"], [0, 1, 2, 3, 4, 5, 6, 7] + [7] * 8)
    np.testing.assert_array_equal(dev.read_field("pset", 0, 16), dev.compiled.fields["pset"])
    assert sc.Device("golden", n_neurons=16).param_sets == 16
    small = sc.Device("golden:p8")
    small.program(two_sources())   # 3 neurons on an emulated core of 8 (a board with 8 sets has N >= 8)
    assert small.caps["n"] == 8 and small.param_sets == 8
    with pytest.raises(sc.ConfigError, match=r"target = golden:p0: parameter sets '0': expected golden:pSETS"):
        sc.Device("golden:p0", n_neurons=4)


@pytest.mark.parametrize("target", ["golden:p2", "golden-link:p2"])
def test_shared_parameter_sets_run_like_one_set_per_neuron(target):
    own, shared = sc.Device("golden"), sc.Device(target)
    own.program(two_populations())
    shared.program(two_populations())
    assert own.param_sets == 40 and shared.param_sets == 2
    assert shared.compiled.param_sets_used == 2
    np.testing.assert_array_equal(shared.compiled.fields["pset"], [0] * 20 + [1] * 20)
    a = own.run(600, probe=range(40))
    b = shared.run(600, probe=range(40))
    assert len(a.steps) > 100 and set(a.ids.tolist()) >= {0, 39}   # both populations fire
    np.testing.assert_array_equal(a.steps, b.steps)
    np.testing.assert_array_equal(a.ids, b.ids)
    np.testing.assert_array_equal(a.v, b.v)
    np.testing.assert_array_equal(a.i_ex, b.i_ex)
    # A parameter field is addressed by set: one write changes the threshold of the whole population b.
    shared.write_field("theta", 1, [0x7FFFFFFF])
    shared.reset_state()
    r = shared.run(600)
    assert r.ids.size > 0 and r.ids.max() < 20
