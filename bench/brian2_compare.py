#!/usr/bin/python3
"""spikecore versus Brian2 (numpy target, `exact` integration, same dt) on the same networks in physical units.

Protocols: a single neuron under DC (spikes + membrane), a PSP protocol (one source, one synapse, sub-threshold
membrane), and a recurrent network (N = 64, 256: DC-driven LIF, random excitatory/inhibitory all-to-all weights).
Prints spike agreement, membrane RMS error versus the quantization bound of docs/model.md §5, and wall time per
simulated second. Run: /usr/bin/python3 bench/brian2_compare.py [--backends golden,sim] [--duration MS]
"""
import argparse
import time

import numpy as np

import spikecore as sc

DT = 0.1   # ms
P = dict(tau_m=20.0, cm=250.0, v_rest=-65.0, v_reset=-70.0, v_thresh=-50.0, tau_refrac=0.0, tau_syn_E=2.0,
         tau_syn_I=5.0)


def dc_net(dur):
    net = sc.Network(dt=DT, duration=dur)
    net.add(sc.Population(1, sc.IF_curr_exp(**P, i_offset=420.0), label="n"))
    return net, None


def psp_net(dur):
    net = sc.Network(dt=DT, duration=dur)
    src = sc.Population(1, sc.SpikeSourceArray([[5.0, 25.0, 27.0, 60.0]]), label="src")
    n = sc.Population(1, sc.IF_curr_exp(**P), label="n")
    net.add(sc.Projection(src, n, 800.0))
    return net, None


def rec_net(n, dur, seed=1):
    rng = np.random.default_rng(seed)
    net = sc.Network(dt=DT, duration=dur)
    pop = sc.Population(n, sc.IF_curr_exp(**{**P, "tau_refrac": 0.0}, i_offset=rng.uniform(350, 450, n)), label="n")
    w = rng.normal(0, 1, (n, n)) * (40.0 * np.sqrt(64 / n))
    w[:, :] = np.where(rng.random((n, n)) < 0.8, np.abs(w), -4 * np.abs(w))   # 80 % excitatory rows mixed
    net.add(sc.Projection(pop, pop, w))
    return net, None


def run_brian(net, probe):
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"
    b2.prefs.logging.file_log = False
    b2.start_scope()
    b2.defaultclock.dt = net.dt * b2.ms
    pops, mons, objs = {}, {}, []
    for p in net.populations:
        if p.spike_source:
            idx = np.concatenate([np.full(len(t), i) for i, t in enumerate(p.celltype.spike_times)]).astype(int)
            tt = np.concatenate(p.celltype.spike_times)
            g = b2.SpikeGeneratorGroup(p.size, idx, tt * b2.ms)
        else:
            q = {k: np.broadcast_to(np.asarray(p.celltype.parameters[k], float), p.size)
                 for k in list(P) + ["i_offset"] if k in p.celltype.parameters}
            q.setdefault("i_offset", np.zeros(p.size))
            eqs = """dv/dt = -(v - v_rest)/tau_m + (Iex + Iin + i_off)/c_m : volt (unless refractory)
                     dIex/dt = -Iex/tau_e : amp
                     dIin/dt = -Iin/tau_i : amp
                     v_rest : volt
                     v_reset : volt
                     v_th : volt
                     tau_m : second
                     tau_e : second
                     tau_i : second
                     c_m : farad
                     i_off : amp"""
            g = b2.NeuronGroup(p.size, eqs, threshold="v >= v_th", reset="v = v_reset",
                               refractory=float(q["tau_refrac"][0]) * b2.ms, method="exact")
            g.v_rest, g.v_reset, g.v_th = q["v_rest"] * b2.mV, q["v_reset"] * b2.mV, q["v_thresh"] * b2.mV
            g.tau_m, g.tau_e, g.tau_i = q["tau_m"] * b2.ms, q["tau_syn_E"] * b2.ms, q["tau_syn_I"] * b2.ms
            g.c_m, g.i_off = q["cm"] * b2.pF, q["i_offset"] * b2.pA
            g.v = q["v_rest"] * b2.mV
            mons["v"] = b2.StateMonitor(g, "v", record=True) if probe else None
        pops[p.label] = g
        objs.append(g)
        m = b2.SpikeMonitor(g)
        mons[p.label] = m
        objs.append(m)
    for pr in net.projections:
        w = pr.weight_matrix()
        for sign, var in ((1, "Iex"), (-1, "Iin")):
            i, j = np.nonzero(w * sign > 0)
            if len(i) == 0:
                continue
            s = b2.Synapses(pops[pr.pre.label], pops[pr.post.label], "w : amp", on_pre=f"{var}_post += w",
                            delay=net.dt * b2.ms)   # spikecore delivers a spike one step later (model.md §1)
            s.connect(i=i, j=j)
            s.w = w[i, j] * b2.pA
            objs.append(s)
    if mons.get("v") is not None:
        objs.append(mons["v"])
    bnet = b2.Network(objs)
    t0 = time.perf_counter()
    bnet.run(net.duration * b2.ms)
    wall = time.perf_counter() - t0
    out = {}
    for p in net.populations:
        m = mons[p.label]
        out[p.label] = (np.rint(np.asarray(m.t / b2.ms) / net.dt).astype(int), np.asarray(m.i).astype(int))
    v = np.asarray(mons["v"].v / b2.mV).T if mons.get("v") is not None else None
    return out, v, wall


def run_spikecore(net, backend, probe):
    dev = sc.Device(backend)
    dev.program(net)
    t0 = time.perf_counter()
    r = dev.run(probe=[net.first(net.populations[-1])] if probe else None, chunk=100000)
    wall = time.perf_counter() - t0
    return r, dev, wall


def v_bound_mV(net, v, w_lsb, n_arrivals):
    """docs/model.md §5 membrane bound for the last population's neuron 0, mV (raw formula, hls/spk_error_bound.hpp)."""
    p = net.populations[-1].celltype.parameters
    p22 = np.exp(-net.dt / p["tau_m"])
    worst = 0.0
    for tau_s in (p["tau_syn_E"], p["tau_syn_I"]):
        p11 = np.exp(-net.dt / tau_s)
        a = net.dt / tau_s - net.dt / p["tau_m"]
        p21 = net.dt / p["cm"] * p22 * (-np.expm1(-a) / a)
        i_max = 2000.0 / w_lsb * 256
        e_i = (0.5 + 2 ** -25 * i_max) / (1 - p11) + n_arrivals * 0.5 * 256
        c21 = p21 * w_lsb * 256
        v_max = np.max(np.abs(v - p["v_rest"])) * 65536
        e_v = (0.5 + 2 ** -5 + 2 ** -25 * (v_max + 2 * i_max) + c21 * e_i) / (1 - p22)
        worst = max(worst, e_v)
    return worst * 2 ** -16


def agreement(a, b):
    sa, sb = set(zip(*a)), set(zip(*b))
    both = len(sa & sb)
    diff = sorted((sa ^ sb))
    first = diff[0][0] * DT if diff else None
    return both, len(sa), len(sb), first


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", default="golden,sim")
    ap.add_argument("--duration", type=float, default=200.0, help="ms of each recurrent run")
    a = ap.parse_args()
    backends = a.backends.split(",")
    cases = [("DC, 1 neuron", dc_net(200.0), True), ("PSP, 1 synapse", psp_net(100.0), True)]
    cases += [(f"recurrent N={n}", rec_net(n, a.duration), False) for n in (64, 256)]
    print(f"dt = {DT} ms; Brian2 numpy target, method 'exact'; wall time per simulated second")
    print(f"| case | spikes Brian2 | backend | spikes | identical (step, id) | first difference | V RMS err (mV) "
          f"| bound (mV) | wall s/sim s: Brian2 | spikecore |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, (net, _), probe in cases:
        bspk, bv, bwall = run_brian(net, probe)
        label = net.populations[-1].label
        for be in backends:
            r, dev, wall = run_spikecore(net, be, probe)
            first = net.first(label)
            sel = r.ids >= first
            ours = (r.steps[sel], r.ids[sel] - first)
            both, na, nb, fd = agreement(ours, bspk[label])
            rms = bnd = "–"
            if probe:
                # Brian2 records v at the start of step k (= after k updates) = spikecore's V after step k-1.
                ref = bv[1:len(r.v) + 1, 0]
                ok = np.ones(len(ref), bool)
                for s in ours[0]:             # exclude the step of each spike (V is reset there in both)
                    ok[max(0, s - 1):s + 2] = False
                rms = f"{np.sqrt(np.mean((r.v[:len(ref), 0][ok] - ref[ok]) ** 2)):.2e}"
                n_arr = 3 if name.startswith("PSP") else 0
                bnd = f"{v_bound_mV(net, r.v[:, 0], dev.w_lsb, n_arr):.2e}"
            sim_s = net.duration * 1e-3
            print(f"| {name} | {nb} | {be} | {na} | {both}/{max(na, nb)} | "
                  f"{'none' if fd is None else f'{fd:.1f} ms'} | {rms} | {bnd} | {bwall / sim_s:.3g} | "
                  f"{wall / sim_s:.3g} |", flush=True)


if __name__ == "__main__":
    main()
