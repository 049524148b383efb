#!/usr/bin/python3
"""Writes conv3x3-v1, validation workloads for search options that concern
3x3 stride-1 convolutions (Winograd's space): the training generator's own
validation split (v1.txt) has none that Winograd can take (its 3x3 convs are
dilated, or their outputs odd).

Ten same-padded NHWC convolutions + bias + activation (the whole models'
Linalg writer, as scripts/gen-workloads.py's "conv" kind), drawn from a
fixed seed: batch 1-2, even output sizes 8-56 (Winograd tiles 2 or 4
divide them), channels and filters multiples of 8 from 16 to 512, 20-600
MFLOP. Shapes of heldout-v1 (bench/heldout/) and the reference suite
(../shared/bench/workloads) are never drawn, and no collection so far
(data/) holds these shapes: options may be chosen on them; they are never
reported as held-out results.

Usage: gen-conv3x3.py OUT_DIR      writes OUT_DIR/<name>.mlir, manifest.json
and prints the names (bench/validation/conv3x3-v1.txt holds them).
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

from cwm_models import workloads as w  # noqa: E402

# (size, channels, filters) of 3x3 stride-1 convolutions in heldout-v1 and
# the reference suite: never drawn.
EXCLUDED = {(28, 96, 96), (16, 64, 64), (7, 512, 512), (33, 24, 40),
            (56, 64, 64), (14, 256, 256), (28, 128, 128)}


def draw(rng):
    while True:
        n = rng.choice([1, 1, 1, 2])
        hw = rng.choice([8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56])
        c = 8 * rng.randint(2, 64)
        f = 8 * rng.randint(2, 64)
        flops = 2 * n * hw * hw * c * f * 9
        if (hw, c, f) in EXCLUDED or not 2e7 <= flops <= 6e8:
            continue
        act = rng.choice([None, "relu", "relu", "relu6"])
        return n, hw, c, f, act, flops


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(3303)
    manifest, names = [], set()
    while len(manifest) < 10:
        n, hw, c, f, act, flops = draw(rng)
        name = (f"conv3x3_b{n}_{hw}x{hw}x{c}x{f}" + (f"_{act}" if act else ""))
        if name in names:
            continue
        names.add(name)
        text = w.single(name, (n, hw, hw, c),
                        lambda b, x: w.conv(b, x, f, 3, 1, act))
        with open(os.path.join(out, name + ".mlir"), "w") as file:
            file.write(text)
        manifest.append({"name": name, "flops": flops, "targets": ["cpu"]})
        print(name)
    with open(os.path.join(out, "manifest.json"), "w") as file:
        json.dump({"set": "conv3x3-v1", "workloads": manifest}, file, indent=1)


if __name__ == "__main__":
    main()
