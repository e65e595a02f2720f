#!/usr/bin/python3
"""The digits job (README.md in this folder) through the Python API: same network file, data, scheme, spike
encoding and seed as the C++ driver spikecore-digits, hence the same spikes and accuracy.

    python3 examples/digits/digits.py [--backend golden|sim] [--train N] [--test M] [--seed S] [--out DIR]

Prints the accuracy; writes DIR/digits_raster.png, DIR/digits_weights.png and DIR/spikes.csv (same format as
the C++ driver's). DIR defaults to the current directory.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np

import spikecore

HERE = os.path.dirname(os.path.abspath(__file__))
PIXELS, CLASSES = 64, 10
M64 = (1 << 64) - 1
PHASE_TRAIN, PHASE_TEST = 1, 2


def _mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class SampleRng:
    """Counter-based SplitMix64 stream of presentation `index` in `phase` (encoding.hpp SampleRng)."""

    def __init__(self, seed, phase, index):
        self.s = _mix(_mix(seed) ^ (phase << 56) ^ index)

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M64
        return _mix(self.s)


def encode(pixels, code, p_max, first_step, steps, input_first, rng, out):
    """encode_pixels of encoding.cpp: appends (step, neuron) events, ascending."""
    rate = [int(np.floor(p_max * g / 16.0 * (1 << 24) + 0.5)) for g in range(17)]   # llround, x >= 0
    r = [rate[g] for g in pixels]
    if code == "bernoulli":
        for t in range(steps):
            for j in range(PIXELS):
                if (rng.next() >> 40) < r[j]:
                    out.append((first_step + t, input_first + j))
        return
    phase = [rng.next() >> 40 for _ in range(PIXELS)]
    for t in range(steps):
        for j in range(PIXELS):
            acc = phase[j] + t * r[j]
            if ((acc + r[j]) >> 24) > (acc >> 24):
                out.append((first_step + t, input_first + j))


def training_events(pixels, label, steps, p_max, input_first, label_first, rng):
    ev = [(0, label_first + k) for k in range(CLASSES) if k != label]   # wrong labels first: depression
    encode(pixels, "regular", p_max, 1, steps - 2, input_first, rng, ev)
    ev.append((steps - 1, label_first + label))                         # right label last: potentiation
    return ev


def load_data(data_dir):
    with open(os.path.join(data_dir, "digits.csv")) as f:
        rows = list(csv.reader(f))[1:]
    labels = np.array([int(r[0]) for r in rows])
    images = np.array([[int(v) for v in r[1:]] for r in rows])
    train, test = [], []
    with open(os.path.join(data_dir, "split.csv")) as f:
        for idx, which in list(csv.reader(f))[1:]:
            (train if which == "train" else test).append(int(idx))
    return images, labels, train, test


def balanced_schedule(labels, train, count):
    by_class = [[i for i in train if labels[i] == k] for k in range(CLASSES)]
    return [by_class[i % CLASSES][(i // CLASSES) % len(by_class[i % CLASSES])] for i in range(count)]


def predict(steps, ids, label_first):
    """Most spikes; among equals the earliest first spike; then the lowest label; -1 without label spikes."""
    k = ids - label_first
    sel = (k >= 0) & (k < CLASSES)
    if not sel.any():
        return -1
    counts = np.bincount(k[sel], minlength=CLASSES)
    first = np.full(CLASSES, np.iinfo(np.int64).max)
    np.minimum.at(first, k[sel], steps[sel])
    cand = [c for c in range(CLASSES) if counts[c] == counts.max()]
    return min(cand, key=lambda c: (first[c], c))


def run_job(backend="golden", n_train=None, n_test=None, seed=1, data_dir=os.path.join(HERE, "data"),
            net_file=os.path.join(HERE, "digits.yaml"), train_steps=12, train_p=0.3, test_steps=32, test_p=0.5,
            progress=False):
    """Trains and tests; returns a dict with accuracy, predictions, weights [64, 10] (pA), spikes (list of
    (phase, sample, image, step, neuron)), the label neuron offset, and wall times."""
    images, labels, train, test = load_data(data_dir)
    net = spikecore.load(net_file)
    dev = spikecore.Device(backend)
    t0 = time.time()
    dev.program(net)
    in_first, _ = dev.slice("input")
    lab_first, lab_n = dev.slice("label")
    # Labels spike only when forced while learning: theta, a field of their parameter sets (docs/model.md §2.2),
    # is out of reach until the test phase. No other neuron may share those sets.
    pset = dev.compiled.fields["pset"]
    lab_sets = list(dict.fromkeys(pset[lab_first:lab_first + lab_n].tolist()))
    others = np.concatenate([pset[:lab_first], pset[lab_first + lab_n:]])
    if np.isin(others, lab_sets).any():
        raise ValueError("digits network: a neuron outside 'label' shares a parameter set with the label neurons")
    theta = {s: int(dev.compiled.fields["theta"][s]) for s in lab_sets}
    for s in lab_sets:
        dev.write_field("theta", s, [0x7FFFFFFF])
    dev.set_plasticity(True)
    t_prog = time.time() - t0

    spikes = []
    if n_train is None:
        n_train = CLASSES * max(sum(labels[i] == k for i in train) for k in range(CLASSES))
    t0 = time.time()
    for i, img in enumerate(balanced_schedule(labels, train, n_train)):
        ev = training_events(images[img], labels[img], train_steps, train_p, in_first, lab_first,
                             SampleRng(seed, PHASE_TRAIN, i))
        dev.reset_state()
        r = dev.run(train_steps, inputs=(np.array([e[0] for e in ev], float) * net.dt, [e[1] for e in ev]))
        spikes += [("train", i, img, s, n) for s, n in zip(r.steps.tolist(), r.ids.tolist())]
        if progress and (i + 1) % 100 == 0:
            print(f"\rtrain {i + 1}/{n_train}", end="", file=sys.stderr)
    t_train = time.time() - t0

    t0 = time.time()
    dev.set_plasticity(False)
    for s in lab_sets:
        dev.write_field("theta", s, [theta[s]])
    n_test = len(test) if n_test is None else min(n_test, len(test))
    preds = []
    for i, img in enumerate(test[:n_test]):
        ev = []
        encode(images[img], "bernoulli", test_p, 0, test_steps, in_first, SampleRng(seed, PHASE_TEST, i), ev)
        dev.reset_state()
        r = dev.run(test_steps, inputs=(np.array([e[0] for e in ev], float) * net.dt, [e[1] for e in ev]))
        spikes += [("test", i, img, s, n) for s, n in zip(r.steps.tolist(), r.ids.tolist())]
        preds.append(predict(r.steps, r.ids, lab_first))
        if progress and (i + 1) % 100 == 0:
            print(f"\rtest  {i + 1}/{n_test}", end="", file=sys.stderr)
    if progress:
        print(file=sys.stderr)
    t_test = time.time() - t0
    truth = [int(labels[i]) for i in test[:n_test]]
    correct = sum(p == t for p, t in zip(preds, truth))
    return dict(accuracy=correct / max(1, n_test), correct=correct, n_test=n_test, n_train=n_train,
                predictions=preds, truth=truth, weights=dev.weights("input", "label"), spikes=spikes,
                input_first=in_first, label_first=lab_first, w_lsb=dev.w_lsb, seconds=(t_prog, t_train, t_test),
                images=images)


def write_spikes(path, res):
    with open(path, "w") as f:
        f.write(f"# neurons {res['input_first']}..{res['input_first'] + PIXELS - 1} = pixels 0..63, "
                f"{res['label_first']}..{res['label_first'] + CLASSES - 1} = labels 0..9\n")
        f.write("phase,sample,image,step,neuron\n")
        for s in res["spikes"]:
            f.write(",".join(map(str, s)) + "\n")


def plot(res, out_dir, n_show=8, test_steps=32):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Raster of the first test presentations, laid end to end.
    fig, ax = plt.subplots(figsize=(10, 5))
    sp = [s for s in res["spikes"] if s[0] == "test" and s[1] < n_show]
    t = np.array([s[1] * test_steps + s[3] for s in sp])
    n = np.array([s[4] for s in sp])
    lab = n >= res["label_first"]
    ax.scatter(t[~lab], n[~lab], s=3, c="0.4", marker="|", label="pixel inputs (forced)")
    ax.scatter(t[lab], n[lab], s=12, c="tab:red", marker="|", label="label neurons")
    for i in range(n_show):
        ax.axvline(i * test_steps, color="0.8", lw=0.8)
        p, tr = res["predictions"][i], res["truth"][i]
        ax.text(i * test_steps + test_steps / 2, res["label_first"] + CLASSES + 1.5, f"true {tr}\npred {p}",
                ha="center", va="bottom", fontsize=8, color="tab:green" if p == tr else "tab:red")
    ax.set_ylim(-1, res["label_first"] + CLASSES + 6)
    ax.set_xlabel("step (1 ms) across test presentations")
    ax.set_ylabel("device neuron")
    ax.set_title(f"digits: first {n_show} test presentations (neurons {res['label_first']}+ = labels 0..9)")
    ax.legend(loc="center right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, "digits_raster.png"), dpi=110)
    plt.close(fig)

    # Learned input->label weights as ten 8x8 templates.
    w = res["weights"]
    lim = np.abs(w).max() or 1.0
    fig, axes = plt.subplots(2, 5, figsize=(10, 4.6))
    for k, ax in enumerate(axes.flat):
        im = ax.imshow(w[:, k].reshape(8, 8), cmap="RdBu_r", vmin=-lim, vmax=lim)
        ax.set_title(f"label {k}")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axes, shrink=0.85, label="weight (pA)")
    fig.suptitle(f"learned input->label weights (accuracy {100 * res['accuracy']:.1f} % on {res['n_test']} images)")
    fig.savefig(os.path.join(out_dir, "digits_weights.png"), dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", default="golden", help="golden, sim, or another open_backend target")
    ap.add_argument("--train", type=int, default=None, help="training presentations (default: full schedule)")
    ap.add_argument("--test", type=int, default=None, help="first M test images (default: all 594)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=".", help="directory for the PNGs and spikes.csv")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    res = run_job(a.backend, a.train, a.test, a.seed, progress=sys.stderr.isatty())
    tp, tt, te = res["seconds"]
    print(f"digits ({a.backend}, seed {a.seed}): {res['n_train']} training presentations, {res['n_test']} test images, "
          f"w_lsb = {res['w_lsb']:.6g} pA")
    print(f"wall time: program {tp:.2f} s, train {tt:.2f} s, test {te:.2f} s")
    print(f"accuracy: {res['correct']}/{res['n_test']} = {100 * res['accuracy']:.2f} %")
    write_spikes(os.path.join(a.out, "spikes.csv"), res)
    plot(res, a.out)
    print(f"wrote {a.out}/digits_raster.png, {a.out}/digits_weights.png, {a.out}/spikes.csv")


if __name__ == "__main__":
    main()
