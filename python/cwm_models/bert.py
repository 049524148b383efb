"""One BERT-base encoder layer (sequence 128, hidden 768, 12 heads of 64,
FFN 3072, GELU with the tanh approximation, post-layer-norm)."""

import math

from .linalg import Builder, _identity, _map, layer


@layer("layernorm")
def layernorm(b, x, label, eps=1e-12):
    rows, cols = x.shape
    gamma = b.weight((cols,), label + ".weight", std=0.1, mean=1.0)
    beta = b.weight((cols,), label + ".bias", std=0.1)
    return normalize_rows(b, x, gamma, beta, eps)


def normalize_rows(b, x, gamma, beta, eps):
    """Layer norm of each row of the 2-D `x` with the [cols] tensors
    `gamma` and `beta`: a sum, a sum of squared deviations, then one
    elementwise pass (also cwm.from_torch's layer norm)."""
    rows, cols = x.shape
    row = _map(2, ["d0"])
    col = _map(2, ["d1"])
    inv = b.const(1.0 / cols)
    total = b.generic([x], [_identity(2)], (rows,), ["parallel", "reduction"],
                      lambda a: [f"%r = arith.addf {a[0]}, %o : f32"],
                      init=b.filled((rows,)), out_map=row)
    squares = b.generic(
        [x, total], [_identity(2), row], (rows,), ["parallel", "reduction"],
        lambda a: [f"%m = arith.mulf {a[1]}, {inv} : f32",
                   f"%d = arith.subf {a[0]}, %m : f32",
                   "%q = arith.mulf %d, %d : f32",
                   "%r = arith.addf %q, %o : f32"],
        init=b.filled((rows,)), out_map=row)
    eps_c = b.const(eps)
    return b.generic(
        [x, total, squares, gamma, beta], [_identity(2), row, row, col, col],
        x.shape, ["parallel", "parallel"],
        lambda a: [f"%m = arith.mulf {a[1]}, {inv} : f32",
                   f"%v = arith.mulf {a[2]}, {inv} : f32",
                   f"%ve = arith.addf %v, {eps_c} : f32",
                   "%s = math.rsqrt %ve : f32",
                   f"%d = arith.subf {a[0]}, %m : f32",
                   "%n = arith.mulf %d, %s : f32",
                   f"%g = arith.mulf %n, {a[3]} : f32",
                   f"%r = arith.addf %g, {a[4]} : f32"])


@layer("gelu")
def gelu(b, x):
    half, one = b.const(0.5), b.const(1.0)
    k0, k1 = b.const(math.sqrt(2.0 / math.pi)), b.const(0.044715)
    return b.unary(x, lambda v: [
        f"%x2 = arith.mulf {v}, {v} : f32",
        f"%x3 = arith.mulf %x2, {v} : f32",
        f"%t0 = arith.mulf {k1}, %x3 : f32",
        f"%t1 = arith.addf {v}, %t0 : f32",
        f"%t2 = arith.mulf {k0}, %t1 : f32",
        "%t3 = math.tanh %t2 : f32",
        f"%t4 = arith.addf {one}, %t3 : f32",
        f"%t5 = arith.mulf {half}, {v} : f32",
        "%r = arith.mulf %t5, %t4 : f32"])


@layer("heads")
def heads(b, x, count, transpose_last=False):
    """[seq, count * d] -> [count, seq, d] (or [count, d, seq]): a reshape
    and a transpose, which the attention's batch matmul takes in as an
    input-side producer."""
    seq, width = x.shape
    d = width // count
    split = b.reshape(x, (seq, count, d), [[0], [1, 2]], expand=True)
    return b.transpose(split, [1, 2, 0] if transpose_last else [1, 0, 2])


@layer("merge_heads")
def merge_heads(b, x):
    """[count, seq, d] -> [seq, count * d]."""
    count, seq, d = x.shape
    merged = b.transpose(x, [1, 0, 2])
    return b.reshape(merged, (seq, count * d), [[0], [1, 2]], expand=False)


@layer("scale")
def scale(b, x, factor):
    constant = b.const(factor)
    return b.unary(x, lambda v: [f"%r = arith.mulf {v}, {constant} : f32"])


@layer("batch_matmul")
def batch_matmul(b, x, y):
    batch, m, k = x.shape
    n = y.shape[2]
    acc = b.filled((batch, m, n))
    out = b.fresh(acc.shape)
    b.emit(f"{out.name} = linalg.batch_matmul ins({x.name}, {y.name} : "
           f"{x.type}, {y.type}) outs({acc.name} : {acc.type}) -> {out.type}")
    return out


@layer("softmax")
def softmax(b, x):
    out = b.fresh(x.shape)
    init = b.empty(x.shape)
    b.emit(f"{out.name} = linalg.softmax dimension({len(x.shape) - 1}) "
           f"ins({x.name} : {x.type}) outs({init.name} : {init.type}) -> "
           f"{out.type}")
    return out


def bert_layer(seq=128, hidden=768, count=12, ffn=3072):
    b = Builder("bert_layer")
    x = b.input((seq, hidden), "input")
    q = heads(b, b.dense(x, hidden, "attention.query"), count)
    k = heads(b, b.dense(x, hidden, "attention.key"), count,
              transpose_last=True)
    v = heads(b, b.dense(x, hidden, "attention.value"), count)
    scores = scale(b, batch_matmul(b, q, k), 1.0 / math.sqrt(hidden // count))
    context = merge_heads(b, batch_matmul(b, softmax(b, scores), v))
    attention = b.dense(context, hidden, "attention.output")
    x1 = layernorm(b, b.add(attention, x), "attention.layernorm")
    up = gelu(b, b.dense(x1, ffn, "intermediate"))
    down = b.dense(up, hidden, "output")
    return b, b.finish(layernorm(b, b.add(down, x1), "output.layernorm"))
