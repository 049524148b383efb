"""Single-task workloads built from the whole models' layers: the pieces the
training generator (scripts/gen-workloads.py) and the held-out set
(bench/heldout/generate.py) share, so that every workload cwm learns from or
is judged on is written by one emitter (linalg.py).

Each function takes the Builder first and returns the result Tensor; the
caller names the function and its inputs (`single` below does both).
"""

from . import bert
from .linalg import Builder, _identity, _map


def matmul(b, x, n, label):
    """x (M x K) times a K x N weight, no bias."""
    m, k = x.shape
    weight = b.weight((k, n), label + ".weight")
    acc = b.filled((m, n))
    out = b.fresh(acc.shape)
    b.emit(f"{out.name} = linalg.matmul ins({x.name}, {weight.name} : "
           f"{x.type}, {weight.type}) outs({acc.name} : {acc.type}) -> "
           f"{out.type}")
    return out


def silu(b, x):
    one = b.const(1.0)
    return b.unary(x, lambda v: [
        f"%n = arith.negf {v} : f32",
        "%e = math.exp %n : f32",
        f"%d = arith.addf {one}, %e : f32",
        f"%r = arith.divf {v}, %d : f32"])


def activation(b, x, act):
    """None, "relu", "relu6", "gelu" (tanh) or "silu" applied to x."""
    if act is None:
        return x
    if act == "relu":
        return b.relu(x)
    if act == "relu6":
        return b.relu6(x)
    if act == "gelu":
        return bert.gelu(b, x)
    if act == "silu":
        return silu(b, x)
    raise ValueError(f"unknown activation {act!r}")


def conv(b, x, filters, kernel, stride, act, label="conv", dilation=1):
    """Same-padded NHWC convolution + bias + activation."""
    out = b.conv2d(x, filters, kernel, stride, dilation * (kernel - 1) // 2,
                   label, dilation=dilation)
    return activation(b, out, act)


def group_conv(b, x, groups, kernel):
    """NHWGC x GFHWC grouped convolution, stride 1, same padding."""
    n, h, w, c = x.shape
    per = c // groups
    pad = (kernel - 1) // 2
    grouped = b.reshape(x, (n, h, w, groups, per), [[0], [1], [2], [3, 4]],
                        expand=True)
    padded = b.pad(grouped, [0, pad, pad, 0, 0], [0, pad, pad, 0, 0])
    weight = b.weight((groups, per, kernel, kernel, per), "group.weight")
    acc = b.filled((n, h, w, groups, per))
    out = b.fresh(acc.shape)
    b.emit(f"{out.name} = linalg.conv_2d_nhwgc_gfhwc {{dilations = dense<1> : "
           f"tensor<2xi64>, strides = dense<1> : tensor<2xi64>}} "
           f"ins({padded.name}, {weight.name} : {padded.type}, "
           f"{weight.type}) outs({acc.name} : {acc.type}) -> {out.type}")
    return out


def row_sum_squares(b, x):
    rows, cols = x.shape
    return b.generic([x], [_identity(2)], (rows,), ["parallel", "reduction"],
                     lambda a: [f"%q = arith.mulf {a[0]}, {a[0]} : f32",
                                "%r = arith.addf %q, %o : f32"],
                     init=b.filled((rows,)), out_map=_map(2, ["d0"]))


def gated_mlp(b, x, hidden):
    """silu(x W1) * (x W2), the LLM feed-forward gate."""
    m = x.shape[0]
    return b.generic(
        [silu(b, matmul(b, x, hidden, "gate")), matmul(b, x, hidden, "up")],
        [_identity(2)] * 2, (m, hidden), ["parallel"] * 2,
        lambda a: [f"%r = arith.mulf {a[0]}, {a[1]} : f32"])


def transposed_matmul(b, x, n):
    """x^T W: the left operand arrives transposed ([K, M]) and a transpose
    producer feeds the matmul."""
    xt = b.transpose(x, [1, 0])
    return matmul(b, xt, n, "w")


def attention_scores(b, q, k, count, factor):
    """Head split of Q and K (reshape + transpose producers), Q K^T, scale."""
    qh = bert.heads(b, q, count)
    kh = bert.heads(b, k, count, transpose_last=True)
    return bert.scale(b, bert.batch_matmul(b, qh, kh), factor)


def attention_context(b, p, v, count):
    """softmax(P) V per head, heads merged back."""
    vh = bert.heads(b, v, count)
    return bert.merge_heads(b, bert.batch_matmul(b, bert.softmax(b, p), vh))


def single(name, shape, body, inputs=None):
    """The text of function `name`: one input of `shape` (or several:
    `inputs`, a list of (shape, label)) passed to `body(b, *inputs)`."""
    b = Builder(name)
    specs = inputs if inputs is not None else [(shape, "input")]
    args = [b.input(s, label) for s, label in specs]
    return b.finish(body(b, *args))
