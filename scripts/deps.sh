#!/usr/bin/env bash
# Installs the Debian packages spikecore needs, only those missing.
# Sourced by scripts/demo and scripts/test; safe to re-run.
set -euo pipefail
SPIKECORE_PKGS=(
  build-essential cmake ninja-build pkg-config zlib1g-dev
  verilator iverilog libsystemc-dev
  libboost-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-pytest python3-matplotlib
  yosys
  python3-brian socat clang libclang-rt-14-dev gtkwave
  nextpnr-ice40 fpga-icestorm fpga-icestorm-chipdb openfpgaloader
)
missing=()
for p in "${SPIKECORE_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[deps] installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
