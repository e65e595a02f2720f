#!/usr/bin/python3
"""Parameter-search prototype of the digits scheme: a numpy model of the fixed-point core (docs/model.md §4).

Used to pick the scheme and parameters of digits.yaml before the C++ driver existed; it follows the same
numerics but not the driver's PRNG, so its accuracies match the driver's only statistically (the driver on
the golden model or the RTL is the reference). Run: /usr/bin/python3 prototype.py [--help]
"""
import argparse
import math
import pathlib

import numpy as np

I32MIN, I32MAX = -(1 << 31), (1 << 31) - 1


def rsr(x, s):
    return (x + (1 << (s - 1))) >> s


def sat32(x):
    return np.clip(x, I32MIN, I32MAX)


def q24(p):
    return min(int(round(p * 2**24)), 2**24 - 1)


def lround(x):
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)

class Core:
    def __init__(s,N):
        s.N=N; z=lambda:np.zeros(N,np.int64)
        s.V,s.Iex,s.Iin,s.r,s.x,s.y=z(),z(),z(),z(),z(),z()
        s.P22,s.P11ex,s.P11in,s.C21ex,s.C21in,s.drive,s.theta,s.vreset,s.nref=[z() for _ in range(9)]
        s.W=np.zeros((N,N),np.int64); s.plastic=np.zeros((N,N),bool)
        s.en=False; s.PP=s.PM=s.AP=s.AM=0; s.WMIN=s.WMAX=0
        s.Sprev=np.zeros(N,bool)
    def reset_state(s):
        for a in (s.V,s.Iex,s.Iin,s.r,s.x,s.y): a[:]=0
        s.Sprev[:]=False
    def step(s,forced):
        nr=s.r==0
        Vn=sat32(rsr(s.P22*s.V + s.C21ex*s.Iex + s.C21in*s.Iin + s.drive*(1<<24),24))
        s.V=np.where(nr,Vn,s.V); s.r=np.where(nr,s.r,s.r-1)
        s.Iex=rsr(s.P11ex*s.Iex,24); s.Iin=rsr(s.P11in*s.Iin,24)
        if s.Sprev.any():
            Wa=s.W[s.Sprev]
            s.Iex=sat32(s.Iex+256*np.where(Wa>0,Wa,0).sum(0)); s.Iin=sat32(s.Iin+256*np.where(Wa<0,Wa,0).sum(0))
        sp=(s.V>=s.theta)|forced
        s.V=np.where(sp,s.vreset,s.V); s.r=np.where(sp,s.nref,s.r)
        s.x=rsr(s.PP*s.x,24); s.y=rsr(s.PM*s.y,24)
        if s.en and sp.any():
            dp=rsr(s.AP*s.x,18); m=s.plastic & sp[None,:]
            s.W=np.where(m,np.clip(s.W+dp[:,None],s.WMIN,s.WMAX),s.W)
            dm=rsr(s.AM*s.y,18); m=s.plastic & sp[:,None]
            s.W=np.where(m,np.clip(s.W-dm[None,:],s.WMIN,s.WMAX),s.W)
        s.x=np.where(sp,np.minimum(s.x+16384,65535),s.x); s.y=np.where(sp,np.minimum(s.y+16384,65535),s.y)
        s.Sprev=sp
        return sp

def neuron_params(dt,tau_m,C_m,tau_ex,tau_in,v_th_rel,v_reset_rel,t_ref,w_lsb,i_offset=0.0):
    P22=math.exp(-dt/tau_m)
    def p21(ts):
        a=dt/ts-dt/tau_m; f=1.0 if abs(a)<1e-12 else -math.expm1(-a)/a
        return dt/C_m*P22*f
    P20=tau_m/C_m*(1-P22)
    return dict(P22=q24(P22),P11ex=q24(math.exp(-dt/tau_ex)),P11in=q24(math.exp(-dt/tau_in)),
        C21ex=lround(p21(tau_ex)*w_lsb*256*2**24),C21in=lround(p21(tau_in)*w_lsb*256*2**24),
        drive=lround(P20*i_offset*2**16),theta=lround(v_th_rel*2**16),vreset=lround(v_reset_rel*2**16),
        nref=int(math.ceil(t_ref/dt-1e-9)))



def load(data_dir):
    d = np.loadtxt(data_dir / "digits.csv", delimiter=",", skiprows=1, dtype=np.int64)
    split = np.genfromtxt(data_dir / "split.csv", delimiter=",", skip_header=1, dtype=str)
    tr = np.array([int(i) for i, s in split if s == "train"])
    te = np.array([int(i) for i, s in split if s == "test"])
    return d[tr, 1:], d[tr, 0], d[te, 1:], d[te, 0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=pathlib.Path(__file__).parent / "data")
    ap.add_argument("--ttrain", type=int, default=12, help="training presentation, steps")
    ap.add_argument("--ptrain", type=float, default=0.3)
    ap.add_argument("--train-code", choices=["bernoulli", "regular"], default="regular")
    ap.add_argument("--ttest", type=int, default=32, help="test presentation, steps")
    ap.add_argument("--ptest", type=float, default=0.5)
    ap.add_argument("--tau-stdp", type=float, default=200.0, help="tau_plus = tau_minus, ms")
    ap.add_argument("--wmax", type=float, default=1000.0, help="pA; w_min = -w_max")
    ap.add_argument("--aplus", type=float, default=3.0, help="pA; A_minus = A_plus/9")
    ap.add_argument("--vth", type=float, default=10.0, help="label threshold above rest, mV")
    ap.add_argument("--taum", type=float, default=100.0)
    ap.add_argument("--tausyn", type=float, default=2.0)
    ap.add_argument("--ntrain", type=int, default=1270)
    ap.add_argument("--ntest", type=int, default=594)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    xtr, ytr, xte, yte = load(a.data)
    ni, nl = 64, 10
    n = ni + nl
    w_lsb = a.wmax / 16383
    c = Core(n)
    lab = neuron_params(1.0, a.taum, 250.0, a.tausyn, a.tausyn, a.vth, 0.0, 0.0, w_lsb)
    for k, v in lab.items():
        getattr(c, k)[ni:] = v
    c.theta[:ni] = I32MAX   # spike sources
    c.plastic[:ni, ni:] = True
    c.PP = c.PM = q24(math.exp(-1.0 / a.tau_stdp))
    c.AP = round(a.aplus / w_lsb * 16)
    c.AM = round(a.aplus / 9 / w_lsb * 16)
    c.WMIN, c.WMAX = -16383, 16383
    rng = np.random.default_rng(a.seed)

    def encode(img, steps, p, code):
        if code == "bernoulli":
            return rng.random((steps, 64)) < p * img / 16
        ph = rng.random(64)
        t = np.arange(steps)[:, None]
        return np.floor((t + 1) * p * img / 16 + ph) > np.floor(t * p * img / 16 + ph)

    by_class = [np.where(ytr == k)[0] for k in range(10)]
    order = [by_class[i % 10][(i // 10) % len(by_class[i % 10])] for i in range(a.ntrain)]
    theta = c.theta[ni:].copy()
    c.theta[ni:] = I32MAX
    c.en = True
    for idx in order:
        c.reset_state()
        sp = encode(xtr[idx], a.ttrain - 2, a.ptrain, a.train_code)
        for t in range(a.ttrain):
            f = np.zeros(n, bool)
            if t == 0:
                f[ni:] = True
                f[ni + ytr[idx]] = False
            elif t == a.ttrain - 1:
                f[ni + ytr[idx]] = True
            else:
                f[:ni] = sp[t - 1]
            c.step(f)
    w = c.W[:ni, ni:]
    print(f"weights {w.min()}..{w.max()} LSB; ideal-input accuracy of the templates "
          f"{((xte @ w).argmax(1) == yte).mean():.4f}")
    c.en = False
    c.theta[ni:] = theta
    correct = 0
    m = min(a.ntest, len(yte))
    for i in range(m):
        c.reset_state()
        sp = encode(xte[i], a.ttest, a.ptest, "bernoulli")
        cnt = np.zeros(10, int)
        first = np.full(10, 1 << 30)
        for t in range(a.ttest):
            f = np.zeros(n, bool)
            f[:ni] = sp[t]
            s = c.step(f)[ni:]
            cnt += s
            first = np.where(s & (first > t), t, first)
        if cnt.max() > 0:
            cand = np.where(cnt == cnt.max())[0]
            correct += cand[np.argmin(first[cand])] == yte[i]
    print(f"test accuracy {correct / m:.4f} ({correct}/{m})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
