#!/usr/bin/python3
"""Generate the shipped digits data files (run once; scikit-learn is NOT a runtime dependency).

Writes, next to this script, in data/:
  digits.csv  1797 rows "label,p0,...,p63" (pixels 0..16, row-major 8x8), the sklearn 8x8 digits set
  split.csv   1797 rows "index,set" with set in {train,test}: train_test_split(test_size=0.33, random_state=42),
              listed in the order sklearn returns them (1203 train rows, then 594 test rows)

Needs: apt-get install python3-sklearn; run with /usr/bin/python3.
"""
import argparse
import logging
import pathlib

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path(__file__).parent / "data")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    d = load_digits()
    x = d.data.astype(np.int64)
    y = d.target.astype(np.int64)
    assert x.shape == (1797, 64) and x.min() == 0 and x.max() == 16
    idx = np.arange(len(y))
    # Same call as NeuroCoreX's DIGITS tutorial; splitting the indices gives the same permutation as splitting x, y.
    idx_train, idx_test = train_test_split(idx, test_size=0.33, random_state=42)

    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "digits.csv", "w") as f:
        f.write("label," + ",".join(f"p{i}" for i in range(64)) + "\n")
        for row, lab in zip(x, y):
            f.write(f"{lab}," + ",".join(str(v) for v in row) + "\n")
    with open(args.out / "split.csv", "w") as f:
        f.write("index,set\n")
        for i in idx_train:
            f.write(f"{i},train\n")
        for i in idx_test:
            f.write(f"{i},test\n")
    logging.info("wrote %d images, %d train / %d test to %s", len(y), len(idx_train), len(idx_test), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
