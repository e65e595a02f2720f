"""PyNN-style network description; converts to and from the host library's ``Network`` (network.hpp).

Range checks are the host library's (``validate``): they run in ``Network.validate``, ``Network.save`` and
``Device.program`` and raise ``ConfigError`` (a ``ValueError``) naming field path, value and allowed range.
Only what the flat C++ structures cannot see (array shapes, parameter names) is checked here.
"""
import operator
import itertools

import numpy as np

from . import _core

_PARAMS = ("tau_m", "cm", "v_rest", "v_reset", "v_thresh", "tau_refrac", "tau_syn_E", "tau_syn_I", "i_offset")
_UNITS = {"tau_m": "ms", "cm": "pF", "v_rest": "mV", "v_reset": "mV", "v_thresh": "mV", "tau_refrac": "ms",
          "tau_syn_E": "ms", "tau_syn_I": "ms", "i_offset": "pA"}
_labels = itertools.count()


class IF_curr_exp:
    """Current-based LIF with exponential synaptic currents (NEST iaf_psc_exp), PyNN parameter names.

    Each parameter is a float (whole population) or a 1-D array of one value per neuron. Units: tau_m,
    tau_refrac, tau_syn_E, tau_syn_I ms; cm pF; v_rest, v_reset, v_thresh mV; i_offset pA. Omitted ones keep
    PyNN's defaults (tau_m 20, cm 1000, v_rest -65, v_reset -65, v_thresh -50, tau_refrac 0.1, tau_syn 5, i_offset 0).

    Raises TypeError for an unknown parameter name, ValueError for a value that is not a finite-size
    1-D array of numbers.
    """

    def __init__(self, **params):
        self.parameters = {}
        for name, value in params.items():
            if name not in _PARAMS:
                raise TypeError(f"IF_curr_exp: unknown parameter '{name}'; expected one of {', '.join(_PARAMS)}")
            a = np.asarray(value, dtype=np.float64)
            if a.ndim > 1:
                raise ValueError(f"IF_curr_exp: {name} has shape {a.shape}; expected a scalar or a 1-D array")
            self.parameters[name] = float(a) if a.ndim == 0 else a.copy()

    def __repr__(self):
        return f"IF_curr_exp({', '.join(f'{k}={v!r}' for k, v in self.parameters.items())})"


class SpikeSourceArray:
    """A spike source: fires only when forced. ``spike_times``: one ascending sequence of times (ms) per
    neuron, or None (no stimulus in the network file; inject inputs at ``Device.run``)."""

    def __init__(self, spike_times=None):
        self.spike_times = None if spike_times is None else [np.asarray(t, dtype=np.float64) for t in spike_times]

    def __repr__(self):
        return "SpikeSourceArray()" if self.spike_times is None else f"SpikeSourceArray({len(self.spike_times)} trains)"


class Population:
    """``size`` neurons of ``celltype`` (IF_curr_exp or SpikeSourceArray), called ``label`` (unique in a
    network; default ``pop<k>``). Populations are laid out on the device in the order they are added."""

    def __init__(self, size, celltype, label=None):
        if not isinstance(celltype, (IF_curr_exp, SpikeSourceArray)):
            raise TypeError(f"Population: celltype must be IF_curr_exp or SpikeSourceArray, not {type(celltype).__name__}")
        self.size = int(size)
        self.celltype = celltype
        self.label = label if label is not None else f"pop{next(_labels)}"
        if isinstance(celltype, SpikeSourceArray) and celltype.spike_times is not None \
                and len(celltype.spike_times) != self.size:
            raise ValueError(f"Population {self.label}: spike_times has {len(celltype.spike_times)} trains; "
                             f"expected {self.size} (one per neuron)")

    @property
    def spike_source(self):
        return isinstance(self.celltype, SpikeSourceArray)

    def __len__(self):
        return self.size

    def __repr__(self):
        return f"Population({self.size}, {self.celltype!r}, label={self.label!r})"


def _matrix(name, what, value, shape, dtype):
    a = np.asarray(value, dtype=dtype)
    if a.ndim == 0:
        return a
    if a.shape != shape:
        raise ValueError(f"Projection {name}: {what} has shape {a.shape}; expected {shape} = (pre.size, post.size) "
                         "or a scalar")
    return a.copy()


class Projection:
    """Dense connection ``pre`` -> ``post`` (Population objects).

    weights: float or array [pre.size, post.size] (float64, pA); the sign picks the channel (> 0 excitatory,
    < 0 inhibitory, 0 no synapse). plastic: bool or bool array of the same shape (True = STDP may change it).
    Raises ValueError for a wrong shape.
    """

    def __init__(self, pre, post, weights, plastic=False):
        self.pre, self.post = pre, post
        name = f"{pre.label}->{post.label}"
        self.weights = _matrix(name, "weights", weights, (pre.size, post.size), np.float64)
        self.plastic = _matrix(name, "plastic", plastic, (pre.size, post.size), bool)

    def weight_matrix(self):
        """Weights as a float64 array [pre.size, post.size], pA."""
        return np.broadcast_to(self.weights, (self.pre.size, self.post.size)).copy()

    def __repr__(self):
        return f"Projection({self.pre.label} -> {self.post.label})"


class STDP:
    """Pair-based additive STDP, one rule per network (docs/model.md §1).

    tau_plus, tau_minus: ms (> 0); A_plus, A_minus: pA per pairing at trace 1.0 (>= 0); w_min <= w_max: pA;
    pairing: "all-to-all" or "nearest". All but ``pairing`` are required (as in the YAML format): a rule with
    A_plus = w_max = 0 would silently clip every plastic weight to 0. Raises ValueError for another pairing.
    """

    def __init__(self, *, tau_plus, tau_minus, A_plus, A_minus, w_min, w_max, pairing="all-to-all"):
        if pairing not in ("all-to-all", "nearest"):
            raise ValueError(f"STDP: pairing = {pairing!r}: expected 'all-to-all' or 'nearest'")
        self.tau_plus, self.tau_minus = float(tau_plus), float(tau_minus)
        self.A_plus, self.A_minus = float(A_plus), float(A_minus)
        self.w_min, self.w_max = float(w_min), float(w_max)
        self.pairing = pairing

    def __repr__(self):
        return (f"STDP(tau_plus={self.tau_plus}, tau_minus={self.tau_minus}, A_plus={self.A_plus}, "
                f"A_minus={self.A_minus}, w_min={self.w_min}, w_max={self.w_max}, pairing={self.pairing!r})")


class Network:
    """A network: dt (ms, > 0), w_lsb (pA; 0 = automatic), duration (ms; the run length when Device.run gets
    no ``steps``), populations, projections and an optional STDP rule. Build it with ``add``."""

    def __init__(self, dt=1.0, w_lsb=0.0, duration=0.0, stdp=None):
        self.dt, self.w_lsb, self.duration = float(dt), float(w_lsb), float(duration)
        self.populations, self.projections = [], []
        self.stdp = stdp

    def add(self, *items):
        """Adds Population, Projection and STDP objects (a Projection's populations are added if missing).
        Returns the last item."""
        for it in items:
            if isinstance(it, Population):
                if it not in self.populations:
                    self.populations.append(it)
            elif isinstance(it, Projection):
                self.add(it.pre, it.post)
                self.projections.append(it)
            elif isinstance(it, STDP):
                self.stdp = it
            else:
                raise TypeError(f"Network.add: cannot add {type(it).__name__}")
        return items[-1] if items else None

    @property
    def size(self):
        """Total neuron count."""
        return sum(p.size for p in self.populations)

    def population(self, label):
        """The population called ``label``; raises KeyError."""
        for p in self.populations:
            if p.label == label:
                return p
        raise KeyError(f"no population {label!r}")

    def first(self, pop):
        """Device index of the first neuron of ``pop`` (Population or label)."""
        label = pop.label if isinstance(pop, Population) else pop
        i = 0
        for p in self.populations:
            if p.label == label:
                return i
            i += p.size
        raise KeyError(f"no population {label!r}")

    # --- conversion to and from the host library ---------------------------------------------------------
    def to_core(self):
        """The host library's ``_core.Network`` (copies)."""
        net = _core.Network()
        net.dt, net.w_lsb, net.duration = self.dt, self.w_lsb, self.duration
        pops, stims = [], []
        for p in self.populations:
            c = _core.Population()
            c.name, c.size, c.spike_source = p.label, p.size, p.spike_source
            if p.spike_source:
                if p.celltype.spike_times is not None:
                    s = _core.Stimulus()
                    s.population = p.label
                    s.spike_times = [np.atleast_1d(t).tolist() for t in p.celltype.spike_times]
                    stims.append(s)
            else:
                params = _core.NeuronParams()
                for k, v in p.celltype.parameters.items():
                    setattr(params, k, np.atleast_1d(v).tolist())
                c.params = params
            pops.append(c)
        net.populations, net.stimuli = pops, stims
        projs = []
        for pr in self.projections:
            c = _core.Projection()
            c.pre, c.post = pr.pre.label, pr.post.label
            c.weights = np.ravel(pr.weights).tolist()
            c.plastic = np.ravel(pr.plastic).astype(np.uint8).tolist()
            projs.append(c)
        net.projections = projs
        if self.stdp is not None:
            r = _core.StdpRule()
            for k in ("tau_plus", "tau_minus", "A_plus", "A_minus", "w_min", "w_max"):
                setattr(r, k, getattr(self.stdp, k))
            r.pairing = _core.Pairing.Nearest if self.stdp.pairing == "nearest" else _core.Pairing.AllToAll
            net.stdp = r
        return net

    @classmethod
    def from_core(cls, net):
        """A Network from a host-library ``_core.Network``."""
        self = cls(dt=net.dt, w_lsb=net.w_lsb, duration=net.duration)
        stim = {s.population: s.spike_times for s in net.stimuli}
        by_name = {}
        for c in net.populations:
            if c.spike_source:
                ct = SpikeSourceArray(stim.get(c.name))
            else:
                ct = IF_curr_exp(**{k: (lambda v: v[0] if len(v) == 1 else v)(getattr(c.params, k)) for k in _PARAMS})
            by_name[c.name] = Population(c.size, ct, label=c.name)
            self.populations.append(by_name[c.name])
        for c in net.projections:
            pre, post = by_name[c.pre], by_name[c.post]
            shape = (pre.size, post.size)
            w = np.asarray(c.weights, dtype=np.float64)
            pl = np.asarray(c.plastic, dtype=bool)
            self.projections.append(Projection(pre, post, w.reshape(shape) if w.size > 1 else w[0],
                                               pl.reshape(shape) if pl.size > 1 else pl[0]))
        if net.stdp is not None:
            r = net.stdp
            self.stdp = STDP(tau_plus=r.tau_plus, tau_minus=r.tau_minus, A_plus=r.A_plus, A_minus=r.A_minus,
                             w_min=r.w_min, w_max=r.w_max,
                             pairing="nearest" if r.pairing == _core.Pairing.Nearest else "all-to-all")
        return self

    def validate(self):
        """Raises ConfigError (ValueError) naming the field path, value and allowed range."""
        _core.validate(self.to_core())

    def to_yaml(self):
        """The network as YAML text (docs/network-format.md)."""
        return _core.dump_network(self.to_core())

    def save(self, path):
        """Validates and writes the network as YAML to ``path``. Raises ConfigError."""
        net = self.to_core()
        _core.validate(net)
        _core.save_network(net, str(path))

    def compile(self, device_n, weight_bits=16, param_sets=None):
        """Quantizes for a core of ``device_n`` neurons storing ``weight_bits`` (9..16) bits per weight word with
        ``param_sets`` (1..device_n; None = device_n) neuron parameter sets (docs/model.md §2.2): a
        CompiledNetwork (``.report`` is the quantization report; ``.fields["pset"]`` the set of each neuron,
        the parameter fields one word per set). Raises ConfigError, e.g. for more distinct neuron parameter
        tuples than ``param_sets``."""
        return _core.compile(self.to_core(), operator.index(device_n), operator.index(weight_bits),
                             0 if param_sets is None else operator.index(param_sets))

    def __eq__(self, other):
        return isinstance(other, Network) and self.to_core() == other.to_core()

    def __repr__(self):
        return f"Network(dt={self.dt}, {len(self.populations)} populations, {self.size} neurons)"


def load(path):
    """Loads and validates a YAML network file. Raises ConfigError ``FILE:LINE: FIELD = VALUE: expected RANGE``."""
    return Network.from_core(_core.load_network(str(path)))


def from_yaml(text, name="<string>"):
    """Parses YAML network text; ``name`` stands in for the file name in error messages. Raises ConfigError."""
    return Network.from_core(_core.parse_network(text, name))
