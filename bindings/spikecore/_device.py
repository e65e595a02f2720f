"""Device: program a network on a backend, run it, read spikes, state, weights and counters as NumPy arrays."""
import warnings

import numpy as np

from . import _core
from ._network import Network, Population


class QuantizationWarning(UserWarning):
    """A quantization-report warning (saturation, a decay rounding to 1, weights rounding to 0, STDP steps
    below one weight LSB), raised by Device.program through Python's ``warnings`` module."""


class RunResult:
    """What one ``Device.run`` returned.

    steps: int64 array [n_spikes], step of each spike (0 = first step of this run), ascending (step, id).
    ids: int64 array [n_spikes], device neuron of each spike (forced input spikes included).
    times: float64 array [n_spikes], ms (= steps * dt).
    v: float64 array [T, len(probe)], membrane potential in mV after each step (empty without probes).
    i_ex, i_in: float64 arrays [T, len(probe)], synaptic currents in pA after each step.
    probe: the probed device neurons; n_steps: T; n: neurons of the programmed network; dt: ms.
    """

    def __init__(self, steps, ids, v, i_ex, i_in, probe, n_steps, n, dt):
        self.steps, self.ids, self.v, self.i_ex, self.i_in = steps, ids, v, i_ex, i_in
        self.probe, self.n_steps, self.n, self.dt = list(probe), n_steps, n, dt

    @property
    def times(self):
        return self.steps * self.dt

    def raster(self):
        """bool array [T, n]: raster[t, k] is True when neuron k spiked at step t."""
        r = np.zeros((self.n_steps, self.n), dtype=bool)
        r[self.steps, self.ids] = True
        return r

    def counts(self):
        """int64 array [n]: spikes per neuron."""
        return np.bincount(self.ids, minlength=self.n).astype(np.int64)

    def __repr__(self):
        return f"RunResult({len(self.steps)} spikes in {self.n_steps} steps)"


def _events(inputs, n_used, dt):
    """(steps, ids) int64 arrays from a bool raster [T, N] or a (times_ms, ids) pair."""
    if inputs is None:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if isinstance(inputs, tuple):
        if len(inputs) != 2:
            raise ValueError(f"run: inputs tuple has {len(inputs)} items; expected (times_ms, ids)")
        t = np.asarray(inputs[0], dtype=np.float64)
        ids = np.asarray(inputs[1], dtype=np.int64)
        if t.shape != ids.shape or t.ndim != 1:
            raise ValueError(f"run: inputs times has shape {t.shape} and ids {ids.shape}; expected two 1-D arrays of "
                             "equal length")
        if not np.all(np.isfinite(t)):
            raise ValueError("run: inputs times must be finite (ms)")
        return np.rint(t / dt).astype(np.int64), ids   # a time t is forced at step round(t/dt), as Stimulus
    a = np.asarray(inputs)
    if a.dtype != bool or a.ndim != 2:
        raise ValueError(f"run: inputs raster has dtype {a.dtype} and shape {a.shape}; expected a bool array "
                         f"[T, {n_used}] or a (times_ms, ids) tuple")
    if a.shape[1] != n_used:
        raise ValueError(f"run: inputs raster has shape {a.shape}; expected [T, {n_used}] (T steps x neurons of "
                         "the programmed network)")
    steps, ids = np.nonzero(a)
    return steps.astype(np.int64), ids.astype(np.int64)


class Device:
    """One spikecore core behind a backend.

    target: "golden" (C++ golden model), "golden-link" (protocol to an in-process golden device), "sim"
    (Verilated RTL in-process), or whatever else the host library's ``open_backend`` accepts (serial
    "/dev/ttyUSB1@3000000", "tcp://127.0.0.1:7000" where built in; "golden:w9" for a golden device
    storing 9-bit weight words, docs/model.md §2.3; "golden:p8" for one with 8 neuron parameter sets,
    §2.2). Networks are compiled for the device's ``weight_bits`` and ``param_sets``. The backend is opened by ``program`` with the network's neuron count unless
    ``n_neurons`` is given here. Raises TransportError (OSError) for an absent device, ConfigError for a
    malformed target.
    """

    def __init__(self, target="golden", n_neurons=None):
        self.target = target
        self._dev = None
        self._compiled = None
        self._net = None
        if n_neurons is not None:
            self._dev = _core.Device(target, int(n_neurons))

    # --- set-up ---------------------------------------------------------------------------------------------
    def _open(self, n):
        if self._dev is None or self._dev.n < n:
            self._dev = _core.Device(self.target, int(n))
        return self._dev

    def program(self, net):
        """Compiles ``net`` (Network) for this core and writes every parameter, register and weight.
        Returns the QuantizationReport (also ``self.report``); each report warning is also issued as a
        QuantizationWarning. Raises ConfigError, LinkError, TransportError."""
        if not isinstance(net, Network):
            raise TypeError(f"program: expected a Network, not {type(net).__name__}")
        core_net = net.to_core()
        _core.validate(core_net)
        dev = self._open(max(1, net.size))
        self._compiled = _core.compile(core_net, dev.n, dev.weight_bits, dev.param_sets)
        dev.program(self._compiled)
        self._net = net
        for w in self._compiled.report.warnings:
            warnings.warn(w, QuantizationWarning, stacklevel=2)
        return self._compiled.report

    def _need(self):
        if self._compiled is None:
            raise RuntimeError("device: call program(net) first")
        return self._dev

    @property
    def compiled(self):
        """The CompiledNetwork last programmed (raw fields, slices, w_lsb, report)."""
        self._need()
        return self._compiled

    @property
    def report(self):
        """QuantizationReport of the last program()."""
        return self.compiled.report

    @property
    def n(self):
        """Neurons of the device core (CAPS n)."""
        return self._need().n

    @property
    def w_lsb(self):
        """Weight LSB of the programmed network, pA."""
        return self._need().w_lsb

    @property
    def caps(self):
        """dict of the device's CAPS (protocol, model_format, n, lanes, weight_bits, param_sets, max_body, in_depth,
        out_depth, build_id)."""
        if self._dev is None:
            raise RuntimeError("device: not open yet (call program(net) or pass n_neurons)")
        return self._dev.caps

    @property
    def param_sets(self):
        """Neuron parameter sets of the device (CAPS param_sets, docs/model.md §2.2): neurons with equal
        parameters share one; a network needs at most this many distinct parameter tuples."""
        if self._dev is None:
            raise RuntimeError("device: not open yet (call program(net) or pass n_neurons)")
        return self._dev.param_sets

    def slice(self, pop):
        """(first, size) of population ``pop`` (Population or label) on the device. Raises KeyError."""
        label = pop.label if isinstance(pop, Population) else pop
        pops = self.compiled.populations
        if label not in pops:
            raise KeyError(f"no population {label!r}")
        return pops[label]

    # --- running --------------------------------------------------------------------------------------------
    def run(self, steps=None, inputs=None, probe=None, chunk=1000):
        """Runs ``steps`` timesteps (default: the network's duration with its SpikeSourceArray stimulus).

        inputs: forced spikes, either a bool array [T, N] (T <= steps, N = neurons of the network) or a tuple
        (times_ms, ids) of 1-D arrays (a time t is forced at step round(t/dt); ids are device neurons, see
        ``slice``). Given inputs replace the network's stimulus.
        probe: device neurons whose V (mV), I_ex and I_in (pA) are read back after every step (slow on links).
        chunk: steps per device call; the GIL is released while the device runs and Ctrl-C is honoured between
        chunks (raises KeyboardInterrupt; the device stays usable).
        Returns a RunResult. Raises ConfigError (ValueError) for an input outside [0, steps) x [0, N).
        """
        dev = self._need()
        c = self._compiled
        if inputs is None and steps is None:
            in_steps, in_ids = np.asarray(c.input_steps), np.asarray(c.input_ids)
        else:
            in_steps, in_ids = _events(inputs, c.n_used, c.dt)
        if steps is None:
            steps = c.steps
            if inputs is not None and not isinstance(inputs, tuple):
                steps = max(steps, np.asarray(inputs).shape[0])
        steps = int(steps)
        if steps < 0:
            raise ValueError(f"run: steps = {steps}: expected >= 0")
        probe = [] if probe is None else [int(p) for p in np.atleast_1d(probe)]
        s, ids, v, iex, iin = dev.run(steps, in_steps, in_ids, probe, int(chunk))
        return RunResult(s, ids, v, iex, iin, probe, steps, c.n_used, c.dt)

    def reset_state(self):
        """RESET_STATE: V, I, refractory counters and traces to 0; keeps parameters and weights."""
        self._need().reset_state()

    def set_plasticity(self, enabled):
        """Turns on-chip STDP on or off (programming turns it on when the network has an STDP rule)."""
        self._need().set_plasticity(bool(enabled))

    # --- reading back ---------------------------------------------------------------------------------------
    def weights(self, pre=None, post=None):
        """Current weights in pA, float64: the full [n, n] matrix [pre][post] of the network's neurons, or the
        [pre.size, post.size] block of two populations (Population or label)."""
        w = self._need().read_weights_pA()
        if pre is None and post is None:
            return w
        f0, n0 = self.slice(pre)
        f1, n1 = self.slice(post)
        return w[f0:f0 + n0, f1:f1 + n1].copy()

    def weight_words(self):
        """Raw weight words, uint16 [n, n] (bit 15 plastic, bits 14:0 signed weight in w_lsb)."""
        return self._need().read_weight_words()

    def v(self):
        """Membrane potentials, float64 [n], mV."""
        return self._need().read_v_mV()

    def i_syn(self):
        """(I_ex, I_in), float64 arrays [n], pA."""
        d = self._need()
        return d.read_i_pA(True), d.read_i_pA(False)

    def counters(self):
        """dict of device counters (cycles, timesteps, spikes, sops, stall_cycles, in_dropped, rx_crc_errors,
        rx_frame_errors, naks)."""
        return self._need().counters()

    # --- raw access (docs/model.md §2) ----------------------------------------------------------------------
    def write_field(self, field, first, values):
        """Writes raw words (uint32 array) of neuron field ``field`` (name as docs/model.md: "theta", "V", ...)
        at addresses first, first+1, ...: neurons for the state fields and "pset", parameter sets for the
        parameter fields (P22 .. n_ref; neuron k uses set ``compiled.fields["pset"][k]``, docs/model.md §2.2).
        Raises KeyError for an unknown field, LinkError if the device refuses."""
        self._need().write_neuron(_core.FIELDS[field], int(first), np.asarray(values, dtype=np.uint32))

    def read_field(self, field, first, count):
        """Raw words (uint32 array [count]) of neuron field ``field`` (addresses as in ``write_field``)."""
        return self._need().read_neuron(_core.FIELDS[field], int(first), int(count))
