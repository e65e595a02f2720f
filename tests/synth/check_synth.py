#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Synthesis check of rtl/spk_core.sv with Yosys (toolchain.md §7, §8).

Runs `synth_ice40 -spram` or `synth_xilinx`, then fails when the log or `stat` shows latches,
multiple drivers, undriven nets, or when the weight memory (Lanes banks of N*N/Lanes x 16 bit) did
not map to block RAM: SB_SPRAM256KA on iCE40 (16K x 16 each), RAMB36E1/RAMB18E1 on Xilinx.
"""
import argparse
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

RTL_FILES = ["spk_ram_sp.sv", "spk_ram_1r1w.sv", "spk_fifo.sv", "spk_counters.sv", "spk_core.sv"]

# Log lines that mean the netlist is not what the RTL intends.
BAD_LOG = [
    (re.compile(r"(?<!No )Latch inferred"), "latch inferred"),   # yosys also logs "No latch inferred"
    (re.compile(r"multiple conflicting drivers", re.I), "multiple drivers"),
    (re.compile(r"is used but has no driver", re.I), "undriven net"),
    (re.compile(r"Warning: .*undriven", re.I), "undriven net"),
]
LATCH_CELLS = re.compile(r"^\s*(\$dlatch\w*|\$_DLATCH\w*|LDCE|LDPE|\$sr\b|\$_SR_\w*)\s+(\d+)", re.M)


def cell_count(stat: str, cell: str) -> int:
    """Count of `cell` in the last (top-level) `stat` table; 0 when absent."""
    hits = re.findall(r"^\s*" + re.escape(cell) + r"\s+(\d+)\s*$", stat, re.M)
    return int(hits[-1]) if hits else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rtl", required=True, type=Path, help="rtl/ folder")
    ap.add_argument("--target", required=True, choices=["ice40", "xilinx"])
    ap.add_argument("--n", type=int, required=True, help="NumNeurons")
    ap.add_argument("--lanes", type=int, required=True)
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--yosys", default="yosys")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    args.workdir.mkdir(parents=True, exist_ok=True)
    log = args.workdir / f"{args.target}_n{args.n}.log"
    stat_file = args.workdir / f"{args.target}_n{args.n}_stat.txt"
    files = " ".join(str(args.rtl / f) for f in RTL_FILES)
    synth = "synth_ice40 -spram -top spk_core" if args.target == "ice40" else \
            "synth_xilinx -family xc7 -top spk_core"
    script = (f"read_verilog -sv {files}; "
              f"chparam -set NumNeurons {args.n} -set Lanes {args.lanes} spk_core; "
              f"{synth}; check; tee -o {stat_file} stat")
    cmd = [args.yosys, "-q", "-e", "is used but has no driver", "-l", str(log), "-p", script]
    t0 = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.monotonic() - t0
    logging.info("yosys %s N=%d Lanes=%d: %.1f s (exit %d)", args.target, args.n, args.lanes, elapsed,
                 res.returncode)
    if res.returncode != 0:
        logging.error("yosys failed:\n%s\n%s", res.stdout[-4000:], res.stderr[-4000:])
        return 1

    errors = []
    text = log.read_text(errors="replace")
    for pat, what in BAD_LOG:
        for line in text.splitlines():
            if pat.search(line):
                errors.append(f"{what}: {line.strip()}")
    stat = stat_file.read_text(errors="replace")
    for m in LATCH_CELLS.finditer(stat):
        if int(m.group(2)) > 0:
            errors.append(f"latch cells in stat: {m.group(1)} x {m.group(2)}")

    weight_bits = args.n * args.n * 16
    if args.target == "ice40":
        spram = cell_count(stat, "SB_SPRAM256KA")
        need = args.lanes * -(-(args.n * args.n // args.lanes) // 16384)
        logging.info("SB_SPRAM256KA %d (weight memory needs %d), SB_RAM40_4K %d, SB_LUT4 %d", spram, need,
                     cell_count(stat, "SB_RAM40_4K"), cell_count(stat, "SB_LUT4"))
        if spram < need:
            errors.append(f"weight memory not in SPRAM: {spram} SB_SPRAM256KA, expected >= {need}")
    else:
        r36, r18 = cell_count(stat, "RAMB36E1"), cell_count(stat, "RAMB18E1")
        bits = r36 * 32768 + r18 * 16384
        logging.info("RAMB36E1 %d, RAMB18E1 %d (%d data bits; weights need %d), DSP48E1 %d", r36, r18, bits,
                     weight_bits, cell_count(stat, "DSP48E1"))
        if bits < weight_bits:
            errors.append(f"weight memory not in block RAM: {bits} RAMB data bits < {weight_bits}")
    for e in errors:
        logging.error("FAIL %s", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
