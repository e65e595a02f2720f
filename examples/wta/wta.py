#!/usr/bin/python3
"""Winner-take-all by lateral inhibition (e.g. Oster, Douglas & Liu 2009): five LIF neurons each driven by
its own Poisson input of increasing rate, all-to-all inhibition between them. Without inhibition every neuron
fires at a rate following its input; with it, the most strongly driven neuron wins and silences the others.

    python3 examples/wta/wta.py [--backend golden|sim] [--out DIR]   -> DIR/wta.png
"""
import argparse
import os

import numpy as np

import spikecore

K, T = 5, 500                                  # neurons, steps (dt = 1 ms)
RATES = np.array([100, 130, 160, 190, 220.0])       # Hz of each neuron's input


def network(w_inh):
    net = spikecore.Network(dt=1.0)
    inp = spikecore.Population(K, spikecore.SpikeSourceArray(), label="input")
    out = spikecore.Population(K, spikecore.IF_curr_exp(tau_m=20, cm=250, v_thresh=-55, tau_refrac=2,
                                                      tau_syn_E=5, tau_syn_I=5), label="wta")
    net.add(spikecore.Projection(inp, out, 700.0 * np.eye(K)))                 # one input per neuron
    net.add(spikecore.Projection(out, out, w_inh * (1 - np.eye(K))))            # lateral inhibition
    return net


def run(w_inh, backend="golden", seed=3):
    """Returns (steps, ids - K) of the wta neurons' spikes for inhibition w_inh (pA, <= 0)."""
    rng = np.random.default_rng(seed)
    raster = np.zeros((T, 2 * K), dtype=bool)
    raster[:, :K] = rng.random((T, K)) < RATES * 1e-3
    dev = spikecore.Device(backend)
    dev.program(network(w_inh))
    r = dev.run(T, inputs=raster)
    sel = r.ids >= K
    return r.steps[sel], r.ids[sel] - K


def main():
    ap = argparse.ArgumentParser(description="winner-take-all by lateral inhibition")
    ap.add_argument("--backend", default="golden")
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), gridspec_kw={"width_ratios": [3, 3, 2]})
    rates = {}
    for ax, (name, w) in zip(axes, [("no inhibition", 0.0), ("lateral inhibition −5000 pA", -5000.0)]):
        s, i = run(w, a.backend)
        rates[name] = np.bincount(i, minlength=K) / (T * 1e-3)
        ax.plot(s, i, "|", ms=9, color="tab:blue" if w == 0 else "tab:red")
        ax.set_yticks(range(K), [f"{r:g} Hz in" for r in RATES])
        ax.set_ylim(-0.5, K - 0.5)
        ax.set_xlabel("time (ms)")
        ax.set_title(name)
        print(f"{name}: output rates (Hz) {np.round(rates[name], 1).tolist()}")
    x = np.arange(K)
    for off, (name, r) in zip((-0.2, 0.2), rates.items()):
        axes[2].bar(x + off, r, width=0.4, label=name, color="tab:blue" if off < 0 else "tab:red")
    axes[2].set_xticks(x, [f"{r:g}" for r in RATES])
    axes[2].set_xlabel("input rate (Hz)")
    axes[2].set_ylabel("output rate (Hz)")
    axes[2].legend(fontsize=8)
    fig.suptitle(f"winner-take-all on spikecore ({a.backend})")
    fig.tight_layout()
    os.makedirs(a.out, exist_ok=True)
    fig.savefig(os.path.join(a.out, "wta.png"), dpi=110)
    print(f"wrote {a.out}/wta.png")


if __name__ == "__main__":
    main()
