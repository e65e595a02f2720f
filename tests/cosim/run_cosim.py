#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""CTest driver for spikecore-cosim: generates a network with cosim_netgen, runs the co-simulation and checks
the exit status, required output lines and (optionally) that an FST file exists with a valid FST header.

run_cosim.py --cosim BIN --netgen BIN --workdir DIR --gen "random 16 1" [--inject STEP,NEURON]
             [--expect-rc 0] [--expect TEXT ...] [--fst NAME] -- [cosim args...]
"""
import argparse
import os
import struct
import shutil
import re
import subprocess
import sys


def check_fst(path):
    """FST header block (GTKWave fstapi.h): type FST_BL_HDR = 0, u64 big-endian section length 329, then
    start/end time (u64 each) and the endianness test double e = 2.718281828... (native byte order)."""
    if not os.path.exists(path):
        return f"{path}: missing"
    data = open(path, "rb").read(64)
    if len(data) < 41:
        return f"{path}: {len(data)} bytes, too short for an FST header"
    if data[0] != 0:
        return f"{path}: first block type {data[0]}, expected 0 (FST_BL_HDR)"
    (seclen,) = struct.unpack(">Q", data[1:9])
    if seclen != 329:
        return f"{path}: header section length {seclen}, expected 329"
    (e,) = struct.unpack("<d", data[25:33])
    if abs(e - 2.718281828459045) > 1e-15:
        return f"{path}: endianness test double {e}, expected e"
    start, end = struct.unpack(">QQ", data[9:25])
    if end <= start:
        return f"{path}: end time {end} <= start time {start}: nothing dumped"
    # Read it back with GTKWave's own FST reader (fst2vcd, Debian package gtkwave): the file must parse whole
    # and hold the clock's value changes.
    tool = shutil.which("fst2vcd")
    if not tool:
        return "fst2vcd (Debian package gtkwave) not found: cannot check that GTKWave reads the FST"
    p = subprocess.run([tool, path], capture_output=True, text=True, errors="replace")
    if p.returncode != 0:
        return f"{path}: fst2vcd failed ({p.returncode}): {p.stderr.strip()[:200]}"
    vcd = p.stdout
    if "$enddefinitions" not in vcd or not re.search(r"\$var \S+ 1 \S+ clk", vcd) or vcd.count("\n#") < 10:
        return f"{path}: GTKWave's reader found no clock signal or fewer than 10 time steps"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cosim", required=True)
    ap.add_argument("--netgen", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--gen", required=True, help="cosim_netgen arguments without the output file")
    ap.add_argument("--inject")
    ap.add_argument("--expect-rc", type=int, default=0)
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--fst")
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    net = os.path.join(a.workdir, "net.yaml")
    subprocess.run([a.netgen] + a.gen.split() + [net], check=True)
    env = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    env.pop("SPIKECORE_COSIM_INJECT", None)
    if a.inject:
        env["SPIKECORE_COSIM_INJECT"] = a.inject
    rest = [x for x in a.rest if x != "--"]
    fst = os.path.join(a.workdir, a.fst) if a.fst else None
    if fst:
        if os.path.exists(fst):
            os.remove(fst)
        rest += ["--trace", fst]
    p = subprocess.run([a.cosim, net] + rest, env=env, capture_output=True, text=True, timeout=120)
    out = p.stdout + p.stderr
    sys.stdout.write(out)
    errors = []
    if p.returncode != a.expect_rc:
        errors.append(f"exit status {p.returncode}, expected {a.expect_rc}")
    for text in a.expect:
        if text not in out:
            errors.append(f"output lacks {text!r}")
    if fst:
        err = check_fst(fst)
        if err:
            errors.append(err)
    for e in errors:
        print("run_cosim: FAIL:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
