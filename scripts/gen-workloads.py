#!/usr/bin/python3
"""Generates training workloads for the world model (generator v2): random
shapes of every task kind cwm's task extractor produces, written with the
whole models' Linalg emitter (python/cwm_models; the held-out set uses the
same one).

Kinds: plain, odd and skinny matmuls, GEMV-like decode steps, dense layers
with bias and none / ReLU / ReLU6 / GELU / SiLU epilogues, gated MLPs, a
matmul with a transposed operand (transpose producer), batch matmuls,
attention scores (head-split producers and a scale) and attention contexts
(softmax, batch matmul, head merge), convolutions with kernel 1-7, stride
1-2, dilation 1-2, batch 1-4 and an epilogue, depthwise (3x3, 5x5) and
grouped convolutions, max and global average pooling, 2-D and 3-D softmax,
layer norm, row reductions, elementwise ops and transposes. Sizes mix round
values with arbitrary (odd, prime) integers.

  gen-workloads.py OUT_DIR [--count N] [--seed S]

writes OUT_DIR/<name>.mlir (one function per file) and OUT_DIR/manifest.json
(name, kind, FLOPs, split: "train" or "heldout"; the 5th, 15th, ... workload
of each kind is held out for ranking evaluation). The same seed gives the
same workloads; a larger count extends the list (the first N are the same).
Shapes that equal a heldout-v1 or reference-suite task are not excluded
here: scripts/collect.sh skips them by task key, and cwm-train never trains
on heldout-v1's keys.

The shipped CPU / CUDA datasets of 2026-11-22 came from the first generator,
scripts/gen-workloads-v1.py.
"""
import argparse
import json
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

from cwm_models import bert  # noqa: E402
from cwm_models import workloads as w  # noqa: E402

ROUND = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 640, 768, 1024,
         1536, 2048, 3072, 4096]


def dim(rng, lo, hi, odd=0.4):
    """A size in [lo, hi]: a round value, or (probability `odd`) any
    integer, which gives odd and prime sizes."""
    choices = [v for v in ROUND if lo <= v <= hi]
    if not choices or rng.random() < odd:
        return rng.randint(lo, hi)
    return rng.choice(choices)


def prod(values):
    out = 1
    for v in values:
        out *= v
    return out


class Reject(Exception):
    """The drawn shape is outside the size limits: draw again."""


def need(condition):
    if not condition:
        raise Reject()


ACTS = [None, "relu", "gelu", "silu", "relu6"]


def draw(kind, rng):
    """(name, kind, flops, text) of one random workload of `kind`."""
    if kind in ("matmul", "dense", "gemv"):
        if kind == "gemv":
            m = rng.choice([1, 1, 2, 4, 8, rng.randint(1, 16)])
            n, k = dim(rng, 256, 8192), dim(rng, 256, 4096)
        else:
            m, n, k = dim(rng, 8, 2048), dim(rng, 8, 4096), dim(rng, 8, 4096)
        flops = 2 * m * n * k
        need(2e5 <= flops <= 6e8 if kind == "gemv" else 2e6 <= flops <= 6e8)
        act = rng.choice(ACTS) if kind == "dense" else None
        name = f"{kind}_{m}x{n}x{k}" + (f"_{act}" if act else "")
        if kind == "dense":
            body = lambda b, x: w.activation(b, b.dense(x, n), act)  # noqa: E731
        else:
            body = lambda b, x: w.matmul(b, x, n, "w")  # noqa: E731
        return name, flops, w.single(name, (m, k), body)
    if kind == "gated_mlp":
        m, k, n = dim(rng, 1, 512), dim(rng, 128, 2048), dim(rng, 256, 4096)
        flops = 4 * m * n * k
        need(2e6 <= flops <= 6e8)
        name = f"gated_mlp_{m}x{n}x{k}"
        return name, flops, w.single(name, (m, k),
                                     lambda b, x: w.gated_mlp(b, x, n))
    if kind == "transposed_matmul":
        m, n, k = dim(rng, 16, 1024), dim(rng, 16, 2048), dim(rng, 16, 2048)
        flops = 2 * m * n * k
        need(2e6 <= flops <= 6e8)
        name = f"transposed_matmul_{m}x{n}x{k}"
        return name, flops, w.single(name, (k, m),
                                     lambda b, x: w.transposed_matmul(b, x, n))
    if kind == "bmm":
        batch = rng.choice([2, 3, 4, 6, 8, 12, 16, rng.randint(2, 32)])
        m, n, k = dim(rng, 8, 512), dim(rng, 8, 512), dim(rng, 8, 512)
        flops = 2 * batch * m * n * k
        need(2e6 <= flops <= 6e8)
        name = f"bmm_{batch}x{m}x{n}x{k}"
        text = w.single(name, None, lambda b, x, y: bert.batch_matmul(b, x, y),
                        inputs=[((batch, m, k), "x"), ((batch, k, n), "y")])
        return name, flops, text
    if kind in ("attention_scores", "attention_context"):
        heads = rng.choice([2, 3, 4, 6, 8, 12, 16])
        d = rng.choice([32, 48, 64, 64, 80, 96, 128])
        seq = dim(rng, 16, 512)
        flops = 2 * heads * seq * seq * d
        need(2e6 <= flops <= 6e8)
        name = f"{kind}_{seq}x{heads}x{d}"
        if kind == "attention_scores":
            text = w.single(
                name, None,
                lambda b, q, k: w.attention_scores(b, q, k, heads,
                                                   1.0 / math.sqrt(d)),
                inputs=[((seq, heads * d), "q"), ((seq, heads * d), "k")])
        else:
            text = w.single(
                name, None, lambda b, p, v: w.attention_context(b, p, v, heads),
                inputs=[((heads, seq, seq), "scores"), ((seq, heads * d), "v")])
        return name, flops, text
    if kind == "conv":
        n = rng.choice([1, 1, 1, 2, 4])
        hw = dim(rng, 7, 112, odd=0.3)
        c, f = dim(rng, 3, 512, odd=0.2), dim(rng, 8, 512, odd=0.2)
        k = rng.choice([1, 1, 3, 3, 3, 5, 7])
        s = rng.choice([1, 1, 1, 2])
        d = rng.choice([1, 1, 2]) if k == 3 and s == 1 else 1
        need(hw + 2 * (d * (k - 1) // 2) >= d * (k - 1) + 1)
        oh = (hw + 2 * (d * (k - 1) // 2) - d * (k - 1) - 1) // s + 1
        flops = 2 * n * oh * oh * f * c * k * k
        need(2e6 <= flops <= 6e8)
        act = rng.choice([None, "relu", "relu", "relu6"])
        name = (f"conv_b{n}_{hw}x{hw}x{c}x{f}_k{k}s{s}d{d}" +
                (f"_{act}" if act else ""))
        return name, flops, w.single(
            name, (n, hw, hw, c), lambda b, x: w.conv(b, x, f, k, s, act,
                                                      dilation=d))
    if kind == "depthwise":
        hw = dim(rng, 7, 112, odd=0.3)
        c = dim(rng, 8, 768, odd=0.2)
        k, s = rng.choice([3, 3, 5]), rng.choice([1, 1, 2])
        act = rng.choice([None, "relu", "relu6"])
        oh = (hw - 1) // s + 1
        flops = 2 * oh * oh * c * k * k
        need(hw * hw * c <= 2_500_000 and flops >= 2e5)
        name = f"depthwise_{hw}x{hw}x{c}_k{k}s{s}" + (f"_{act}" if act else "")
        return name, flops, w.single(
            name, (1, hw, hw, c),
            lambda b, x: w.activation(
                b, b.depthwise(x, s, (k - 1) // 2, kernel=k), act))
    if kind == "group":
        hw = dim(rng, 7, 56, odd=0.3)
        groups = rng.choice([2, 3, 4, 6, 8, 16, 32])
        per = rng.choice([4, 8, 16, 24, 32, 48, 64])
        k = rng.choice([1, 3, 3])
        flops = 2 * hw * hw * groups * per * per * k * k
        need(2e6 <= flops <= 6e8)
        name = f"group_{hw}x{hw}x{groups * per}_g{groups}_k{k}"
        return name, flops, w.single(
            name, (1, hw, hw, groups * per),
            lambda b, x: w.group_conv(b, x, groups, k))
    if kind in ("maxpool", "global_avgpool"):
        hw = dim(rng, 7, 112, odd=0.3)
        c = dim(rng, 16, 1280, odd=0.2)
        need(16384 <= hw * hw * c <= 4_000_000)
        if kind == "global_avgpool":
            name = f"global_avgpool_{hw}x{hw}x{c}"
            return name, hw * hw * c, w.single(
                name, (1, hw, hw, c), lambda b, x: b.global_avgpool(x))
        k = rng.choice([2, 3, 3])
        s = rng.choice([1, 2, 2])
        pad = (k - 1) // 2 if rng.random() < 0.7 else 0
        need(hw + 2 * pad >= k)
        name = f"maxpool_{hw}x{hw}x{c}_k{k}s{s}p{pad}"
        return name, hw * hw * c * k * k // (s * s), w.single(
            name, (1, hw, hw, c), lambda b, x: b.maxpool(x, k, s, pad))
    if kind in ("softmax", "layernorm", "rownorm"):
        rows, cols = dim(rng, 8, 4096), dim(rng, 16, 8192)
        need(16384 <= rows * cols <= 8_400_000)
        shape = (rows, cols)
        if kind == "softmax" and rng.random() < 0.4:
            heads = rng.choice([2, 4, 8, 12, 16])
            need(rows * cols * heads <= 8_400_000)
            shape = (heads, rows, cols)
        name = f"{kind}_" + "x".join(map(str, shape))
        if kind == "softmax":
            body = lambda b, x: bert.softmax(b, x)  # noqa: E731
        elif kind == "layernorm":
            body = lambda b, x: bert.layernorm(b, x, "ln")  # noqa: E731
        else:
            body = lambda b, x: w.row_sum_squares(b, x)  # noqa: E731
        return name, 5 * prod(shape), w.single(name, shape, body)
    if kind == "elementwise":
        if rng.random() < 0.5:
            shape = (dim(rng, 8, 4096), dim(rng, 16, 8192))
        else:
            hw = dim(rng, 7, 112, odd=0.3)
            shape = (rng.choice([1, 1, 2]), hw, hw, dim(rng, 8, 512, odd=0.2))
        need(16384 <= prod(shape) <= 8_400_000)
        op = rng.choice(["relu", "gelu", "silu", "add_relu", "add"])
        name = f"elementwise_{op}_" + "x".join(map(str, shape))
        if op.startswith("add"):
            text = w.single(name, None,
                            lambda b, x, y: b.add(x, y, relu=op == "add_relu"),
                            inputs=[(shape, "x"), (shape, "y")])
        else:
            text = w.single(name, shape,
                            lambda b, x: w.activation(b, x, op))
        return name, prod(shape), text
    if kind == "transpose":
        if rng.random() < 0.5:
            heads = rng.choice([2, 4, 8, 12, 16])
            seq, d = dim(rng, 16, 1024), rng.choice([32, 64, 80, 128])
            need(16384 <= seq * heads * d <= 8_400_000)
            last = rng.random() < 0.5
            name = f"transpose_heads_{seq}x{heads}x{d}" + ("_t" if last else "")
            return name, seq * heads * d, w.single(
                name, (seq, heads * d),
                lambda b, x: bert.heads(b, x, heads, transpose_last=last))
        shape = (dim(rng, 16, 4096), dim(rng, 16, 4096))
        need(16384 <= prod(shape) <= 8_400_000)
        name = "transpose_" + "x".join(map(str, shape))
        return name, prod(shape), w.single(
            name, shape, lambda b, x: b.transpose(x, [1, 0]))
    raise ValueError(kind)


# Relative frequency: the contraction kinds have the largest schedule spaces.
KINDS = {"matmul": 3, "gemv": 1, "dense": 3, "gated_mlp": 1,
         "transposed_matmul": 1, "bmm": 2, "attention_scores": 1,
         "attention_context": 1, "conv": 5, "depthwise": 2, "group": 2,
         "maxpool": 1, "global_avgpool": 1, "softmax": 1, "layernorm": 1,
         "rownorm": 1, "elementwise": 1, "transpose": 1}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    names, manifest = set(), []
    per_kind = {k: 0 for k in KINDS}
    kinds, weights = list(KINDS), list(KINDS.values())
    while len(manifest) < args.count:
        kind = rng.choices(kinds, weights)[0]
        try:
            name, flops, text = draw(kind, rng)
        except Reject:
            continue
        if name in names:
            continue
        names.add(name)
        per_kind[kind] += 1
        split = "heldout" if per_kind[kind] % 10 == 5 else "train"
        path = os.path.join(args.out, name + ".mlir")
        content = (f"// Generated by scripts/gen-workloads.py (v2, seed "
                   f"{args.seed}): {kind}.\n" + text)
        # Rewrite only what changed, so a resumed collection sees the same
        # files (and their modification times).
        if not os.path.exists(path) or open(path).read() != content:
            with open(path, "w") as f:
                f.write(content)
        manifest.append({"name": name, "kind": kind, "flops": flops,
                         "split": split})
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    counts = ", ".join(f"{k} {v}" for k, v in per_kind.items() if v)
    print(f"gen-workloads: {len(manifest)} workloads in {args.out} "
          f"({sum(m['split'] == 'heldout' for m in manifest)} held out; "
          f"{counts})")


if __name__ == "__main__":
    main()
