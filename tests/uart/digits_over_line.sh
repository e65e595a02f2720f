#!/usr/bin/env bash
# Digits training + inference on spikecore-sim (bit-level UART, pty) over a line with bit errors, driven by the
# unchanged spikecore-digits; every output file must equal the in-process golden run's, and the injector must
# have flipped bits (so the CRC/NAK/retry path was exercised). Args: SIM_EXE DIGITS_EXE WORKDIR
set -euo pipefail
sim="$1"; digits="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
"$sim" --n 74 --link "$work/pty" --ber 1e-4 --seed 7 > "$work/sim.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -e "$work/pty" ] && break; sleep 0.05; done
args=(--train 6 --test 4 --quiet)
"$digits" --target "$work/pty" --out "$work/line" "${args[@]}" > "$work/line.txt"
"$digits" --target golden --out "$work/golden" "${args[@]}" > "$work/golden.txt"
kill -INT $pid; wait $pid || true
trap - EXIT
for f in spikes weights predictions confusion; do
  cmp "$work/line/$f.csv" "$work/golden/$f.csv" || { echo "FAIL: $f.csv differs from golden"; exit 1; }
done
flips=$(grep -o 'flipped_bits=[0-9]*' "$work/sim.log" | awk -F= '{s += $2} END {print s + 0}')
echo "identical to golden; bits flipped on the line: $flips"
[ "$flips" -gt 0 ] || { echo "FAIL: the fault injector flipped no bit"; cat "$work/sim.log"; exit 1; }
