#!/usr/bin/python3
"""The classic STDP window (Bi & Poo 1998; Song, Miller & Abbott 2000) measured on the core with the pair
protocol: one pre and one post spike Δt apart (both forced), weight change read back, against the closed form

    Δw(Δt) = +A_plus  exp(-Δt/tau_plus)    for Δt > 0 (pre before post)
    Δw(Δt) = -A_minus exp(+Δt/tau_minus)   for Δt < 0
    Δw(0)  = 0                             (coincident spikes do not pair, docs/model.md §4)

    python3 examples/stdp_window/stdp_window.py [--backend golden|sim] [--out DIR]   -> DIR/stdp_window.png
"""
import argparse
import os

import numpy as np

import spikecore

TAU_PLUS, TAU_MINUS, A_PLUS, A_MINUS, W0, W_MAX = 16.8, 33.7, 10.0, 5.0, 500.0, 1000.0   # ms, pA


def network(dt=1.0):
    """pre -> post, one plastic synapse of W0 pA; pre is a spike source, post a LIF neuron whose threshold is
    out of reach (it spikes only when forced)."""
    net = spikecore.Network(dt=dt)
    pre = spikecore.Population(1, spikecore.SpikeSourceArray(), label="pre")
    post = spikecore.Population(1, spikecore.IF_curr_exp(v_thresh=1000.0), label="post")
    net.add(spikecore.Projection(pre, post, W0, plastic=True))
    net.add(spikecore.STDP(tau_plus=TAU_PLUS, tau_minus=TAU_MINUS, A_plus=A_PLUS, A_minus=A_MINUS, w_min=0.0, w_max=W_MAX))
    return net


def closed_form(dt_ms):
    """Δw in pA for spike-time differences dt_ms = t_post - t_pre (array, ms)."""
    d = np.asarray(dt_ms, dtype=float)
    return np.where(d > 0, A_PLUS * np.exp(-d / TAU_PLUS), np.where(d < 0, -A_MINUS * np.exp(d / TAU_MINUS), 0.0))


def bound_pA(dt_ms, w_lsb, dt=1.0):
    """Quantization bound of one pair update (docs/model.md §5, hls/spk_error_bound.hpp stdp_update), pA."""
    d = np.asarray(dt_ms, dtype=float)
    tau = np.where(d >= 0, TAU_PLUS, TAU_MINUS)
    a = np.where(d >= 0, A_PLUS, A_MINUS) / w_lsb
    p = np.exp(-dt / tau)
    e_trace = (0.5 + 2.0 ** -25 * 16384) / (1 - p)
    return (0.5 + np.exp(-np.abs(d) / tau) / 32 + a * e_trace / 16384) * w_lsb


def measure(backend="golden", delays=range(-60, 61), dt=1.0):
    """Returns (Δt ms array, Δw pA array, w_lsb pA) from one pair per Δt (the network is reprogrammed each time)."""
    dev = spikecore.Device(backend)
    net = network(dt)
    dw = []
    for k in delays:
        dev.program(net)
        w_before = dev.weights("pre", "post")[0, 0]
        t_pre = 5 + max(0, -k)
        r = dev.run(t_pre + max(0, k) + 3, inputs=(np.array([t_pre, t_pre + k]) * dt, [0, 1]))
        assert len(r.ids) == 2
        dw.append(dev.weights("pre", "post")[0, 0] - w_before)
    return np.array(list(delays), float) * dt, np.array(dw), dev.w_lsb


def main():
    ap = argparse.ArgumentParser(description="STDP pair-protocol window")
    ap.add_argument("--backend", default="golden")
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    d, dw, w_lsb = measure(a.backend)
    err = np.abs(dw - closed_form(d))
    print(f"STDP window ({a.backend}): {len(d)} pairs, w_lsb = {w_lsb:.4g} pA, max |Δw - closed form| = "
          f"{err.max():.4g} pA (bound {bound_pA(d, w_lsb).max():.4g} pA)")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4.2))
    fine = np.linspace(d.min(), d.max(), 1201)
    ax.plot(fine[fine > 0], closed_form(fine[fine > 0]), "k-", lw=1, label="closed form")
    ax.plot(fine[fine < 0], closed_form(fine[fine < 0]), "k-", lw=1)
    ax.plot(d, dw, "o", ms=3.5, color="tab:blue", label=f"spikecore ({a.backend})")
    ax.axhline(0, color="0.7", lw=0.8)
    ax.axvline(0, color="0.7", lw=0.8)
    ax.set_xlabel("Δt = t_post − t_pre (ms)")
    ax.set_ylabel("Δw (pA)")
    ax.set_title(f"pair STDP window: A+ = {A_PLUS:g} pA, τ+ = {TAU_PLUS:g} ms, A− = {A_MINUS:g} pA, τ− = {TAU_MINUS:g} ms",
                 fontsize=10)
    ax.legend()
    fig.tight_layout()
    os.makedirs(a.out, exist_ok=True)
    fig.savefig(os.path.join(a.out, "stdp_window.png"), dpi=110)
    print(f"wrote {a.out}/stdp_window.png")


if __name__ == "__main__":
    main()
