#!/usr/bin/python3
"""Generates the world model's training workloads: Linalg MLIR functions of
the op kinds of the reference suite (matmul, dense + epilogue, batch matmul,
transposed batch matmul, conv_2d with stride / dilation / epilogue, grouped
and depthwise convs, softmax, layernorm, row reductions, elementwise ops,
transposes) with random shapes.

Shapes are drawn from seeded distributions and any shape that equals a
reference workload's is redrawn, so evaluation on ../shared/bench/workloads
is on programs the model never saw.

  gen-workloads.py OUT_DIR [--count N] [--seed S] [--f16-matmuls N]

writes OUT_DIR/<name>.mlir (one function per file) and OUT_DIR/manifest.json
(name, kind, FLOPs, split: "train" or "heldout"; a tenth of the workloads of
every kind is held out for ranking evaluation).
"""
import argparse
import json
import os
import random

# Exact shapes of the reference suite (never generated).
REFERENCE = {
    ("matmul", 1024, 1024, 1024), ("matmul", 128, 3072, 768),
    ("matmul", 4096, 4096, 4096), ("dense", 128, 3072, 768),
    ("bmm", 12, 128, 128, 64), ("tbg", 12, 128, 128, 64),
    ("conv", 1, 56, 56, 64, 64, 3, 1, 1), ("conv", 1, 14, 14, 256, 256, 3, 1, 1),
    ("conv", 1, 224, 224, 3, 64, 7, 2, 1), ("conv", 1, 56, 56, 64, 64, 3, 1, 2),
    ("conv", 16, 28, 28, 128, 128, 3, 1, 1),
    ("convlayer", 1, 56, 56, 64, 64, 3, 1, 1),
    ("depthwise", 112, 112, 32, 3, 1), ("group", 56, 56, 4, 32, 3),
    ("softmax", 1536, 128), ("layernorm", 128, 768), ("rownorm", 4096, 4096),
}

GELU = """    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %k0 = arith.constant 0.7978845608 : f32
    %k1 = arith.constant 0.044715 : f32
    %v2 = arith.mulf %v, %v : f32
    %v3 = arith.mulf %v2, %v : f32
    %t0 = arith.mulf %k1, %v3 : f32
    %t1 = arith.addf %v, %t0 : f32
    %t2 = arith.mulf %k0, %t1 : f32
    %t3 = math.tanh %t2 : f32
    %t4 = arith.addf %one, %t3 : f32
    %t5 = arith.mulf %half, %v : f32
    %y = arith.mulf %t5, %t4 : f32"""
RELU = """    %zr = arith.constant 0.0 : f32
    %y = arith.maximumf %v, %zr : f32"""


def t(shape):
    return "tensor<" + "x".join(str(s) for s in shape) + "xf32>"


def ident_map(rank):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, dims)


def bias_epilogue(src, shape, act):
    """Bias over the last dim, then an activation, as a fused consumer."""
    rank = len(shape)
    dims = ", ".join("d%d" % i for i in range(rank))
    bias_map = "affine_map<(%s) -> (d%d)>" % (dims, rank - 1)
    body = RELU if act == "relu" else GELU
    par = ", ".join(['"parallel"'] * rank)
    return f"""  %eo = tensor.empty() : {t(shape)}
  %R = linalg.generic {{indexing_maps = [{ident_map(rank)}, {bias_map}, {ident_map(rank)}], iterator_types = [{par}]}}
      ins({src}, %bias : {t(shape)}, {t([shape[-1]])}) outs(%eo : {t(shape)}) {{
  ^bb0(%x: f32, %bb: f32, %o: f32):
    %v = arith.addf %x, %bb : f32
{body}
    linalg.yield %y : f32
  }} -> {t(shape)}
  return %R : {t(shape)}"""


def matmul(name, m, n, k, act=None):
    args = f"%A: {t([m, k])}, %B: {t([k, n])}"
    if act:
        args += f", %bias: {t([n])}"
    out = f"""func.func @{name}({args}) -> {t([m, n])} {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : {t([m, n])}
  %C = linalg.fill ins(%zero : f32) outs(%e : {t([m, n])}) -> {t([m, n])}
  %M = linalg.matmul ins(%A, %B : {t([m, k])}, {t([k, n])}) outs(%C : {t([m, n])}) -> {t([m, n])}
"""
    out += bias_epilogue("%M", [m, n], act) if act else f"  return %M : {t([m, n])}"
    return out + "\n}\n", 2.0 * m * n * k


def hmatmul(name, m, n, k):
    """f16 inputs, f32 accumulation and result (tensor cores on GPUs)."""
    a, b, c = f"tensor<{m}x{k}xf16>", f"tensor<{k}x{n}xf16>", t([m, n])
    return f"""func.func @{name}(%A: {a}, %B: {b}) -> {c} {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : {c}
  %C = linalg.fill ins(%zero : f32) outs(%e : {c}) -> {c}
  %M = linalg.matmul ins(%A, %B : {a}, {b}) outs(%C : {c}) -> {c}
  return %M : {c}
}}
""", 2.0 * m * n * k


def bmm(name, b, m, n, k):
    return f"""func.func @{name}(%A: {t([b, m, k])}, %B: {t([b, k, n])}) -> {t([b, m, n])} {{
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : {t([b, m, n])}
  %C = linalg.fill ins(%zero : f32) outs(%e : {t([b, m, n])}) -> {t([b, m, n])}
  %R = linalg.batch_matmul ins(%A, %B : {t([b, m, k])}, {t([b, k, n])}) outs(%C : {t([b, m, n])}) -> {t([b, m, n])}
  return %R : {t([b, m, n])}
}}
""", 2.0 * b * m * n * k


def tbg(name, b, m, n, k):
    # Q: [m, b, k], K: [n, b, k] -> Q^T K per head (attention scores).
    return f"""func.func @{name}(%Q: {t([m, b, k])}, %K: {t([n, b, k])}) -> {t([b, m, n])} {{
  %zero = arith.constant 0.0 : f32
  %eq = tensor.empty() : {t([b, m, k])}
  %ek = tensor.empty() : {t([b, k, n])}
  %Qt = linalg.transpose ins(%Q : {t([m, b, k])}) outs(%eq : {t([b, m, k])}) permutation = [1, 0, 2]
  %Kt = linalg.transpose ins(%K : {t([n, b, k])}) outs(%ek : {t([b, k, n])}) permutation = [1, 2, 0]
  %e = tensor.empty() : {t([b, m, n])}
  %C = linalg.fill ins(%zero : f32) outs(%e : {t([b, m, n])}) -> {t([b, m, n])}
  %R = linalg.batch_matmul ins(%Qt, %Kt : {t([b, m, k])}, {t([b, k, n])}) outs(%C : {t([b, m, n])}) -> {t([b, m, n])}
  return %R : {t([b, m, n])}
}}
""", 2.0 * b * m * n * k


def padded_input(n, h, w, c, pad, extra_dims=()):
    shape = [n, h, w] + list(extra_dims) + [c]
    pshape = [n, h + 2 * pad, w + 2 * pad] + list(extra_dims) + [c]
    zeros = ", ".join(["0"] * (len(extra_dims) + 1))
    lows = f"0, {pad}, {pad}, {zeros}"
    idx = ", ".join("%%i%d: index" % i for i in range(len(shape)))
    if pad == 0:
        return "%I", shape, shape, ""
    text = f"""  %P = tensor.pad %I low[{lows}] high[{lows}] {{
  ^bb0({idx}):
    tensor.yield %zero : f32
  }} : {t(shape)} to {t(pshape)}
"""
    return "%P", shape, pshape, text


def conv(name, n, h, w, c, f, k, s, d, act=None):
    pad = d * (k - 1) // 2
    src, ishape, pshape, padtext = padded_input(n, h, w, c, pad)
    oh = (h + 2 * pad - d * (k - 1) - 1) // s + 1
    ow = (w + 2 * pad - d * (k - 1) - 1) // s + 1
    oshape = [n, oh, ow, f]
    args = f"%I: {t(ishape)}, %W: {t([k, k, c, f])}"
    if act:
        args += f", %bias: {t([f])}"
    out = f"""func.func @{name}({args}) -> {t(oshape)} {{
  %zero = arith.constant 0.0 : f32
{padtext}  %e = tensor.empty() : {t(oshape)}
  %O = linalg.fill ins(%zero : f32) outs(%e : {t(oshape)}) -> {t(oshape)}
  %C = linalg.conv_2d_nhwc_hwcf {{dilations = dense<{d}> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}}
      ins({src}, %W : {t(pshape)}, {t([k, k, c, f])}) outs(%O : {t(oshape)}) -> {t(oshape)}
"""
    out += bias_epilogue("%C", oshape, act) if act else f"  return %C : {t(oshape)}"
    return out + "\n}\n", 2.0 * n * oh * ow * f * c * k * k


def depthwise(name, h, w, c, k, s):
    pad = (k - 1) // 2
    src, ishape, pshape, padtext = padded_input(1, h, w, c, pad)
    oh = (h + 2 * pad - k) // s + 1
    ow = (w + 2 * pad - k) // s + 1
    oshape = [1, oh, ow, c]
    return f"""func.func @{name}(%I: {t(ishape)}, %W: {t([k, k, c])}) -> {t(oshape)} {{
  %zero = arith.constant 0.0 : f32
{padtext}  %e = tensor.empty() : {t(oshape)}
  %O = linalg.fill ins(%zero : f32) outs(%e : {t(oshape)}) -> {t(oshape)}
  %R = linalg.depthwise_conv_2d_nhwc_hwc {{dilations = dense<1> : tensor<2xi64>, strides = dense<{s}> : tensor<2xi64>}}
      ins({src}, %W : {t(pshape)}, {t([k, k, c])}) outs(%O : {t(oshape)}) -> {t(oshape)}
  return %R : {t(oshape)}
}}
""", 2.0 * oh * ow * c * k * k


def group_conv(name, h, w, g, c, k):
    pad = (k - 1) // 2
    src, ishape, pshape, padtext = padded_input(1, h, w, c, pad, extra_dims=(g,))
    oshape = [1, h, w, g, c]
    wshape = [g, c, k, k, c]
    return f"""func.func @{name}(%I: {t(ishape)}, %W: {t(wshape)}) -> {t(oshape)} {{
  %zero = arith.constant 0.0 : f32
{padtext}  %e = tensor.empty() : {t(oshape)}
  %O = linalg.fill ins(%zero : f32) outs(%e : {t(oshape)}) -> {t(oshape)}
  %R = linalg.conv_2d_nhwgc_gfhwc {{dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}}
      ins({src}, %W : {t(pshape)}, {t(wshape)}) outs(%O : {t(oshape)}) -> {t(oshape)}
  return %R : {t(oshape)}
}}
""", 2.0 * h * w * g * c * c * k * k


ROW_MAPS = """#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#col = affine_map<(i, j) -> (j)>
"""


def softmax(name, r, c):
    return f"""func.func @{name}(%X: {t([r, c])}) -> {t([r, c])} {{
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %er = tensor.empty() : {t([r])}
  %e = tensor.empty() : {t([r, c])}
  %m0 = linalg.fill ins(%ninf : f32) outs(%er : {t([r])}) -> {t([r])}
  %m = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%X : {t([r, c])}) outs(%m0 : {t([r])}) {{
  ^bb0(%x: f32, %a: f32):
    %y = arith.maxnumf %x, %a : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  %ex = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%X, %m : {t([r, c])}, {t([r])}) outs(%e : {t([r, c])}) {{
  ^bb0(%x: f32, %mx: f32, %o: f32):
    %d = arith.subf %x, %mx : f32
    %y = math.exp %d : f32
    linalg.yield %y : f32
  }} -> {t([r, c])}
  %s0 = linalg.fill ins(%zero : f32) outs(%er : {t([r])}) -> {t([r])}
  %s = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%ex : {t([r, c])}) outs(%s0 : {t([r])}) {{
  ^bb0(%x: f32, %a: f32):
    %y = arith.addf %x, %a : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  %R = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%ex, %s : {t([r, c])}, {t([r])}) outs(%e : {t([r, c])}) {{
  ^bb0(%x: f32, %sm: f32, %o: f32):
    %y = arith.divf %x, %sm : f32
    linalg.yield %y : f32
  }} -> {t([r, c])}
  return %R : {t([r, c])}
}}
""", 5.0 * r * c


def layernorm(name, r, c):
    return f"""func.func @{name}(%X: {t([r, c])}, %g: {t([c])}, %b: {t([c])}) -> {t([r, c])} {{
  %zero = arith.constant 0.0 : f32
  %n = arith.constant {float(c)} : f32
  %eps = arith.constant 1.0e-5 : f32
  %er = tensor.empty() : {t([r])}
  %acc = linalg.fill ins(%zero : f32) outs(%er : {t([r])}) -> {t([r])}
  %sum = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%X : {t([r, c])}) outs(%acc : {t([r])}) {{
  ^bb0(%x: f32, %s: f32):
    %y = arith.addf %x, %s : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  %sq = linalg.generic {{indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%X, %sum : {t([r, c])}, {t([r])}) outs(%acc : {t([r])}) {{
  ^bb0(%x: f32, %s: f32, %v: f32):
    %mean = arith.divf %s, %n : f32
    %d = arith.subf %x, %mean : f32
    %d2 = arith.mulf %d, %d : f32
    %y = arith.addf %d2, %v : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  %e = tensor.empty() : {t([r, c])}
  %R = linalg.generic {{indexing_maps = [#id, #row, #row, #col, #col, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%X, %sum, %sq, %g, %b : {t([r, c])}, {t([r])}, {t([r])}, {t([c])}, {t([c])}) outs(%e : {t([r, c])}) {{
  ^bb0(%x: f32, %s: f32, %v: f32, %gg: f32, %bb: f32, %o: f32):
    %mean = arith.divf %s, %n : f32
    %var = arith.divf %v, %n : f32
    %ve = arith.addf %var, %eps : f32
    %rs = math.rsqrt %ve : f32
    %d = arith.subf %x, %mean : f32
    %y0 = arith.mulf %d, %rs : f32
    %y1 = arith.mulf %y0, %gg : f32
    %y = arith.addf %y1, %bb : f32
    linalg.yield %y : f32
  }} -> {t([r, c])}
  return %R : {t([r, c])}
}}
""", 8.0 * r * c


def rownorm(name, r, c):
    return f"""func.func @{name}(%X: {t([r, c])}) -> {t([r])} {{
  %zero = arith.constant 0.0 : f32
  %er = tensor.empty() : {t([r])}
  %acc = linalg.fill ins(%zero : f32) outs(%er : {t([r])}) -> {t([r])}
  %ss = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%X : {t([r, c])}) outs(%acc : {t([r])}) {{
  ^bb0(%x: f32, %s: f32):
    %x2 = arith.mulf %x, %x : f32
    %y = arith.addf %x2, %s : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  %e2 = tensor.empty() : {t([r])}
  %R = linalg.generic {{indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}}
      ins(%ss : {t([r])}) outs(%e2 : {t([r])}) {{
  ^bb0(%s: f32, %o: f32):
    %y = math.sqrt %s : f32
    linalg.yield %y : f32
  }} -> {t([r])}
  return %R : {t([r])}
}}
""", 2.0 * r * c


def elementwise(name, shape, act):
    rank = len(shape)
    par = ", ".join(['"parallel"'] * rank)
    body = RELU if act == "relu" else GELU
    m = ident_map(rank)
    return f"""func.func @{name}(%X: {t(shape)}, %Y: {t(shape)}) -> {t(shape)} {{
  %e = tensor.empty() : {t(shape)}
  %R = linalg.generic {{indexing_maps = [{m}, {m}, {m}], iterator_types = [{par}]}}
      ins(%X, %Y : {t(shape)}, {t(shape)}) outs(%e : {t(shape)}) {{
  ^bb0(%x: f32, %z: f32, %o: f32):
    %v = arith.addf %x, %z : f32
{body}
    linalg.yield %y : f32
  }} -> {t(shape)}
  return %R : {t(shape)}
}}
""", float(eval("*".join(str(s) for s in shape))) * (2 if act == "relu" else 12)


def transpose(name, shape, perm):
    oshape = [shape[p] for p in perm]
    return f"""func.func @{name}(%X: {t(shape)}) -> {t(oshape)} {{
  %e = tensor.empty() : {t(oshape)}
  %R = linalg.transpose ins(%X : {t(shape)}) outs(%e : {t(oshape)}) permutation = [{", ".join(map(str, perm))}]
  return %R : {t(oshape)}
}}
""", float(eval("*".join(str(s) for s in shape)))


def pick(rng, values):
    return values[rng.randrange(len(values))]


def draw(kind, rng):
    """Returns (key, name, text, flops) for one random workload of `kind`."""
    dims = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 640, 768, 1024]
    if kind in ("matmul", "dense"):
        while True:
            m, n, k = pick(rng, dims), pick(rng, dims), pick(rng, dims)
            if 2e6 <= 2.0 * m * n * k <= 1.2e9:
                break
        act = pick(rng, ["relu", "gelu"]) if kind == "dense" else None
        name = f"{kind}_{m}x{n}x{k}" + (f"_{act}" if act else "")
        return (kind, m, n, k), name, *matmul(name, m, n, k, act)
    if kind == "hmatmul":
        while True:
            m, n, k = (pick(rng, [64, 128, 256, 512, 768, 1024, 2048, 3072])
                       for _ in range(3))
            if 2e7 <= 2.0 * m * n * k <= 4e10:
                break
        name = f"hmatmul_{m}x{n}x{k}"
        return ("hmatmul", m, n, k), name, *hmatmul(name, m, n, k)
    if kind in ("bmm", "tbg"):
        while True:
            b = pick(rng, [2, 4, 6, 8, 12, 16])
            m, n, k = pick(rng, dims[:10]), pick(rng, dims[:10]), pick(rng, [32, 48, 64, 96, 128])
            if 2e6 <= 2.0 * b * m * n * k <= 6e8:
                break
        name = f"{kind}_{b}x{m}x{n}x{k}"
        return (kind, b, m, n, k), name, *(bmm if kind == "bmm" else tbg)(name, b, m, n, k)
    if kind in ("conv", "convlayer"):
        while True:
            hw = pick(rng, [7, 8, 14, 16, 28, 32, 56])
            c, f = pick(rng, [3, 16, 32, 64, 96, 128, 256]), pick(rng, [16, 32, 64, 128, 256])
            k = pick(rng, [1, 3, 3, 3, 5, 7])
            s = pick(rng, [1, 1, 1, 2])
            d = pick(rng, [1, 1, 1, 2]) if k == 3 and s == 1 else 1
            if kind == "convlayer":
                d = 1
            oh = (hw + d * (k - 1) - d * (k - 1) - 1) // s + 1
            flops = 2.0 * oh * oh * f * c * k * k
            if 2e6 <= flops <= 1.2e9:
                break
        act = pick(rng, ["relu", "gelu"]) if kind == "convlayer" else None
        name = f"{kind}_{hw}x{hw}x{c}x{f}_k{k}s{s}d{d}" + (f"_{act}" if act else "")
        return (kind, 1, hw, hw, c, f, k, s, d), name, *conv(name, 1, hw, hw, c, f, k, s, d, act)
    if kind == "depthwise":
        while True:
            hw = pick(rng, [14, 28, 56, 112])
            c = pick(rng, [16, 32, 64, 96, 144, 192])
            k, s = pick(rng, [3, 3, 5]), pick(rng, [1, 1, 2])
            if hw * hw * c <= 2_000_000:
                break
        name = f"depthwise_{hw}x{hw}x{c}_k{k}s{s}"
        return ("depthwise", hw, hw, c, k, s), name, *depthwise(name, hw, hw, c, k, s)
    if kind == "group":
        while True:
            hw = pick(rng, [14, 28, 56])
            g, c = pick(rng, [2, 4, 8]), pick(rng, [8, 16, 32, 64])
            k = pick(rng, [1, 3])
            if 2e6 <= 2.0 * hw * hw * g * c * c * k * k <= 8e8:
                break
        name = f"group_{hw}x{hw}x{g}x{c}_k{k}"
        return ("group", hw, hw, g, c, k), name, *group_conv(name, hw, hw, g, c, k)
    rows = [64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096]
    if kind in ("softmax", "layernorm", "rownorm"):
        while True:
            r, c = pick(rng, rows), pick(rng, rows)
            if 32768 <= r * c <= 8_400_000:
                break
        name = f"{kind}_{r}x{c}"
        fn = {"softmax": softmax, "layernorm": layernorm, "rownorm": rownorm}[kind]
        return (kind, r, c), name, *fn(name, r, c)
    if kind == "elementwise":
        rank = pick(rng, [2, 2, 4])
        while True:
            if rank == 2:
                shape = [pick(rng, rows), pick(rng, rows)]
            else:
                hw = pick(rng, [14, 28, 56, 112])
                shape = [1, hw, hw, pick(rng, [16, 32, 64, 128, 256])]
            size = 1
            for s in shape:
                size *= s
            if 32768 <= size <= 8_400_000:
                break
        act = pick(rng, ["relu", "gelu"])
        name = "elementwise_" + "x".join(map(str, shape)) + "_" + act
        return ("elementwise", act, *shape), name, *elementwise(name, shape, act)
    if kind == "transpose":
        rank = pick(rng, [2, 3])
        while True:
            shape = [pick(rng, rows[:8]) for _ in range(rank)]
            if rank == 3:
                shape[0] = pick(rng, [4, 8, 12, 16])
            size = 1
            for s in shape:
                size *= s
            if 32768 <= size <= 8_400_000:
                break
        perm = [1, 0] if rank == 2 else pick(rng, [[1, 0, 2], [0, 2, 1], [2, 1, 0]])
        name = "transpose_" + "x".join(map(str, shape)) + "_p" + "".join(map(str, perm))
        return ("transpose", *shape, *perm), name, *transpose(name, shape, perm)
    raise ValueError(kind)


KINDS = ["matmul", "dense", "bmm", "tbg", "conv", "convlayer", "depthwise",
         "group", "softmax", "layernorm", "rownorm", "elementwise", "transpose"]
# Relative frequency: the contraction kinds have the largest schedule spaces.
WEIGHTS = [3, 2, 2, 1, 4, 2, 2, 2, 1, 1, 1, 1, 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--f16-matmuls", type=int, default=0,
                        help="also this many f16 x f16 -> f32 matmuls (GPU "
                             "tensor cores), drawn after the others with "
                             "their own generator")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    seen, manifest = set(), []
    per_kind = {k: 0 for k in KINDS}
    while len(manifest) < args.count:
        kind = rng.choices(KINDS, WEIGHTS)[0]
        key, name, text, flops = draw(kind, rng)
        if key in REFERENCE or key in seen:
            continue
        seen.add(key)
        per_kind[kind] += 1
        # Every tenth workload of a kind (the 5th, 15th, ...) is held out.
        split = "heldout" if per_kind[kind] % 10 == 5 else "train"
        header = ROW_MAPS if kind in ("softmax", "layernorm", "rownorm") else ""
        with open(os.path.join(args.out, name + ".mlir"), "w") as f:
            f.write(f"// Generated by scripts/gen-workloads-v1.py (seed {args.seed}): {kind}.\n")
            f.write(header + text)
        manifest.append({"name": name, "kind": kind, "flops": flops, "split": split})
    rng16 = random.Random(args.seed + 16)
    for i in range(args.f16_matmuls):
        while True:
            key, name, text, flops = draw("hmatmul", rng16)
            if key not in seen and ("matmul", *key[1:]) not in REFERENCE:
                break
        seen.add(key)
        split = "heldout" if i % 10 == 4 else "train"
        with open(os.path.join(args.out, name + ".mlir"), "w") as f:
            f.write(f"// Generated by scripts/gen-workloads-v1.py (seed {args.seed}): hmatmul.\n")
            f.write(text)
        manifest.append({"name": name, "kind": "hmatmul", "flops": flops, "split": split})
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"gen-workloads: {len(manifest)} workloads in {args.out} "
          f"({sum(m['split'] == 'heldout' for m in manifest)} held out)")


if __name__ == "__main__":
    main()
