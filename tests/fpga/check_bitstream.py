#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Runs scripts/bitstream for a board's default configuration and checks the outcome (docs/fpga.md §5).

Fails on a fatal Yosys warning class (latch, multiple drivers, undriven net: the script exits with that message),
on a design that does not fit or place, on unmet timing, on a missing or short bitstream, on resources above the
device, and, for Xilinx, when the weight memory is not in block RAM or the Yosys sta bound is below a floor.
"""
import argparse
import logging
import subprocess
import sys
from pathlib import Path


def read_kv(path: Path) -> dict:
    out = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            k, v = line.split("=", 1)
            out[k.strip()] = v.split("#")[0].strip().strip('"')
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--board", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--design", default="spikecore", choices=["spikecore", "uart-echo"])
    ap.add_argument("--clk-hz", type=int, help="override the board clock")
    ap.add_argument("--n", type=int, help="neurons (default: the board's)")
    ap.add_argument("--weight-bits", type=int, help="stored bits per weight word (default: the board's)")
    ap.add_argument("--min-fmax-bound", type=float,
                    help="xc7 without Vivado: the Yosys sta bound (cell delays) must reach this many MHz")
    ap.add_argument("--expect-timing-fail", action="store_true",
                    help="the build must stop with 'timing not met' and a reported Fmax below the clock")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    board = read_kv(args.root / "constraints" / "boards" / f"{args.board}.board")
    cmd = [str(args.root / "scripts" / "bitstream"), "--board", args.board, "--out", str(args.out),
           "--design", args.design]
    if args.clk_hz:
        cmd += ["--clk-hz", str(args.clk_hz)]
    if args.n:
        cmd += ["--n", str(args.n)]
    if args.weight_bits:
        cmd += ["--weight-bits", str(args.weight_bits)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    text = res.stdout + res.stderr
    logging.info("%s", text[-3000:])
    errors = []
    if args.expect_timing_fail:
        rep = read_kv(args.out / "report.txt") if (args.out / "report.txt").exists() else {}
        fmax, clk = float(rep.get("FMAX_MHZ") or 0), float(rep.get("CLK_MHZ") or 0)
        if res.returncode == 0 or "timing not met" not in text:
            errors.append(f"expected 'timing not met' (rc {res.returncode})")
        if not 0 < fmax < clk:
            errors.append(f"reported Fmax {fmax} MHz is not below the clock {clk} MHz")
        if list(args.out.glob("*.bin")):
            errors.append("a bitstream was written although timing failed")
        for e in errors:
            logging.error("FAIL %s", e)
        return 1 if errors else 0
    for bad in ("fatal Yosys warning", "timing not met", "Traceback", "Segmentation"):
        if bad in text:
            errors.append(f"scripts/bitstream reported: {bad}")
    rep_file = args.out / "report.txt"
    if not rep_file.exists():
        errors.append("no report.txt written")
        rep = {}
    else:
        rep = read_kv(rep_file)
    n = args.n or int(board["NEURONS"])
    if rep and int(rep["N"]) != n:
        errors.append(f"report N={rep['N']} but {n} was asked for")
    if rep and board["FAMILY"] == "ice40":
        over = [f"{k} {rep[k]} > {cap}" for k, cap in (("LUT", 5280), ("BRAM", 30), ("SPRAM", 4), ("DSP", 8))
                if int(rep.get(k) or 0) > cap]
        if res.returncode == 0:
            binf = args.out / f"{args.board}.bin"
            fmax, clk = float(rep["FMAX_MHZ"]), float(rep["CLK_MHZ"])
            if rep.get("FIT") != "yes" or over:
                errors.append(f"built but resources over the device: {over}")
            if fmax < clk:
                errors.append(f"Fmax {fmax} MHz below the board clock {clk} MHz but the script passed")
            if not binf.exists() or binf.stat().st_size < 100_000:   # a UP5K image is 104090 bytes
                errors.append(f"bitstream {binf} missing or short")
            logging.info("PASS: bitstream %s, Fmax %.2f MHz >= %.2f MHz", binf, fmax, clk)
        else:
            errors.append(f"scripts/bitstream failed (rc {res.returncode}): {over or 'see the log above'}")
    elif rep:
        if res.returncode != 0:
            errors.append(f"scripts/bitstream failed (rc {res.returncode})")
        # Block RAM bits including the parity bits, which the 9-bit weight words use (4K x 9 per RAMB36).
        bits = int(rep.get("RAMB36") or 0) * 36864 + int(rep.get("RAMB18") or 0) * 18432
        need = n * n * int(rep.get("WEIGHT_BITS") or 16)
        if bits < need:
            errors.append(f"weight memory not in block RAM: {bits} RAMB bits < {need}")
        if int(rep.get("LUTRAM") or 0) > 2000:
            errors.append(f"{rep['LUTRAM']} LUT RAM cells: some large memory went to LUT RAM")
        if rep.get("FIT") != "yes":
            errors.append("xc7 estimate does not fit the device")
        bound = float(rep.get("FMAX_BOUND_MHZ") or 0)
        if args.min_fmax_bound and "FMAX_MHZ" not in rep and bound < args.min_fmax_bound:
            errors.append(f"Yosys sta bound {bound} MHz < {args.min_fmax_bound} MHz")
    for e in errors:
        logging.error("FAIL %s", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
