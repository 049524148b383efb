"""A small emitter of Linalg-on-tensors MLIR for whole models.

Each model builder (resnet.py, mobilenet.py, bert.py) describes its network
with the layer functions below; the result is one `func.func` whose
arguments are the input followed by every weight, in creation order, so a
caller (and the PyTorch reference) can feed the same weights by position.
Layouts: activations NHWC, convolution weights HWCF (depthwise: HWC),
matmul weights K x N. Batch-norm is folded into the preceding convolution
(inference), as deployment tools do, so a convolution carries a bias.
"""

import functools
import math


class Tensor:
    """An SSA value with a static f32 tensor type."""

    def __init__(self, name, shape):
        self.name = name
        self.shape = tuple(shape)

    @property
    def type(self):
        return "tensor<" + "x".join(str(d) for d in self.shape) + "xf32>"


class Param:
    """A weight: a function argument with a name that says what it is and
    how to draw it (`std`: normal with that deviation; None: He
    initialization over the fan-in, every dimension but the last; `mean`
    is added, 1 for layer-norm scales)."""

    def __init__(self, tensor, label, std=None, mean=0.0, weight=False):
        self.tensor = tensor
        self.label = label
        self.std = std
        self.mean = mean
        self.weight = weight  # a model parameter, not an activation


def layer(reference):
    """Marks a layer function (a Builder method, or a function taking the
    builder first) and names its PyTorch reference in reference.py, called
    as `REFERENCES[reference](*inputs, params=[weights the layer created],
    **options)` on torch tensors, where `inputs` are the layer's arguments
    with every Tensor replaced by its value. Only the outermost layer call
    is recorded, so a layer may be built from other layers. (This module
    never imports torch.)"""
    def wrap(function):
        @functools.wraps(function)
        def call(builder, *args, **kwargs):
            first_param = len(builder.params)
            builder.depth += 1
            try:
                out = function(builder, *args, **kwargs)
            finally:
                builder.depth -= 1
            if builder.depth == 0:
                builder.steps.append(
                    (out, reference, args, kwargs,
                     builder.params[first_param:]))
            return out
        return call
    return wrap


def _dims(rank):
    return ", ".join(f"d{i}" for i in range(rank))


def _map(rank, dims):
    """affine_map<(d0, ..., d{rank-1}) -> (dims)>"""
    return f"affine_map<({_dims(rank)}) -> ({', '.join(dims)})>"


def _identity(rank):
    return _map(rank, [f"d{i}" for i in range(rank)])


class Builder:
    """Emits the body of one function; values are numbered %vN."""

    def __init__(self, name):
        self.name = name
        self.lines = []
        self.params = []
        self.counter = 0
        self.constants = {}
        # The layers in program order, for the PyTorch reference
        # (reference.py): (output, reference, args, kwargs, new params).
        self.steps = []
        self.depth = 0

    # --- plumbing -------------------------------------------------------
    def fresh(self, shape):
        self.counter += 1
        return Tensor(f"%v{self.counter}", shape)

    def emit(self, text):
        self.lines.append("  " + text)

    def const(self, value):
        """An f32 constant (emitted once per value)."""
        key = float(value)
        if key not in self.constants:
            name = f"%c{len(self.constants)}"
            if math.isinf(key):
                literal = "0xFF800000" if key < 0 else "0x7F800000"
            else:
                # MLIR wants a '.' in the mantissa (1.0e-12, not 1e-12).
                mantissa, _, exponent = repr(key).partition("e")
                if "." not in mantissa:
                    mantissa += ".0"
                literal = mantissa + ("e" + exponent if exponent else "")
            self.constants[key] = (name, literal)
        return self.constants[key][0]

    def input(self, shape, label, std=1.0, mean=0.0, weight=False):
        tensor = Tensor(f"%arg{len(self.params)}", shape)
        self.params.append(Param(tensor, label, std, mean, weight))
        return tensor

    def weight(self, shape, label, std=None, mean=0.0):
        return self.input(shape, label, std, mean, weight=True)

    def empty(self, shape):
        value = self.fresh(shape)
        self.emit(f"{value.name} = tensor.empty() : {value.type}")
        return value

    def filled(self, shape, value=0.0):
        empty = self.empty(shape)
        out = self.fresh(shape)
        self.emit(f"{out.name} = linalg.fill ins({self.const(value)} : f32) "
                  f"outs({empty.name} : {empty.type}) -> {out.type}")
        return out

    def generic(self, inputs, maps, out_shape, iterators, body, init=None,
                out_map=None, result="%r"):
        """linalg.generic over `iterators`; `maps` index the inputs,
        `out_map` the output (default: the identity). `body(args)` returns
        the region's lines (block arguments %a0.. for the inputs, %o for
        the output); `result` (by default %r, which the last line defines)
        is yielded."""
        init = init if init is not None else self.empty(out_shape)
        out = self.fresh(out_shape)
        rank = len(iterators)
        all_maps = ", ".join(maps + [out_map or _identity(rank)])
        ins = ""
        if inputs:
            ins = (" ins(" + ", ".join(t.name for t in inputs) + " : " +
                   ", ".join(t.type for t in inputs) + ")")
        iters = ", ".join(f'"{i}"' for i in iterators)
        self.emit(f"{out.name} = linalg.generic {{indexing_maps = [{all_maps}], "
                  f"iterator_types = [{iters}]}}{ins} outs({init.name} : "
                  f"{init.type}) {{")
        args = ", ".join([f"%a{i}: f32" for i in range(len(inputs))] +
                         ["%o: f32"])
        self.emit(f"^bb0({args}):")
        for line in body([f"%a{i}" for i in range(len(inputs))]):
            self.emit("  " + line)
        self.emit(f"  linalg.yield {result} : f32")
        self.emit(f"}} -> {out.type}")
        return out

    def finish(self, result, mark_weights=False):
        self.result = result
        return self.text(mark_weights)

    def text(self, mark_weights=False):
        """The function; with `mark_weights`, its weight arguments carry
        `cwm.weight`, so that cwm-compile computes what reads only them once
        per binding (cwm-prepare-weights) instead of at every call."""
        result = self.result
        mark = " {cwm.weight}" if mark_weights else ""
        args = ", ".join(f"{p.tensor.name}: {p.tensor.type}" +
                         (mark if p.weight else "") for p in self.params)
        consts = [f"  {name} = arith.constant {literal} : f32"
                  for name, literal in self.constants.values()]
        text = "\n".join(
            [f"func.func @{self.name}({args}) -> {result.type} {{"] + consts +
            self.lines + [f"  return {result.name} : {result.type}", "}"])
        return text + "\n"

    @layer("reshape")
    def reshape(self, x, shape, groups, expand):
        """tensor.expand_shape (expand) or tensor.collapse_shape of `x`;
        `groups` lists the dimensions of the larger shape per dimension of
        the smaller one."""
        out = self.fresh(shape)
        if expand:
            self.emit(f"{out.name} = tensor.expand_shape {x.name} {groups} "
                      f"output_shape {list(shape)} : {x.type} into {out.type}")
        else:
            self.emit(f"{out.name} = tensor.collapse_shape {x.name} {groups} "
                      f": {x.type} into {out.type}")
        return out

    @layer("transpose")
    def transpose(self, x, permutation):
        """out[i0, i1, ...] = x[i_permutation[0], ...]: a copy with permuted
        dimensions (a projected-permutation generic, so it vectorizes)."""
        rank = len(x.shape)
        shape = tuple(x.shape[p] for p in permutation)
        source = [None] * rank
        for out_dim, in_dim in enumerate(permutation):
            source[in_dim] = f"d{out_dim}"
        return self.generic([x], [_map(rank, source)], shape,
                            ["parallel"] * rank, lambda a: [],
                            result="%a0")

    # --- layers ---------------------------------------------------------
    @layer("pad")
    def pad(self, x, low, high, value=0.0):
        shape = [d + l + h for d, l, h in zip(x.shape, low, high)]
        out = self.fresh(shape)
        idx = ", ".join(f"%i{i}: index" for i in range(len(shape)))
        self.emit(f"{out.name} = tensor.pad {x.name} low{list(low)} "
                  f"high{list(high)} {{")
        self.emit(f"^bb0({idx}):")
        self.emit(f"  tensor.yield {self.const(value)} : f32")
        self.emit(f"}} : {x.type} to {out.type}")
        return out

    def windowed(self, op, x, kernel_operand, kernel, channels, stride,
                 padding, pad_value=0.0, init=0.0, dilation=1):
        """A sliding-window op (`op`: conv_2d_nhwc_hwcf,
        depthwise_conv_2d_nhwc_hwc, pooling_nhwc_max) over `x` padded by
        `padding` on each side of H and W."""
        n = x.shape[0]
        if padding:
            x = self.pad(x, [0, padding, padding, 0], [0, padding, padding, 0],
                         value=pad_value)
        span = dilation * (kernel - 1) + 1
        oh = (x.shape[1] - span) // stride + 1
        ow = (x.shape[2] - span) // stride + 1
        acc = self.filled((n, oh, ow, channels), init)
        out = self.fresh(acc.shape)
        self.emit(f"{out.name} = linalg.{op} {{dilations = dense<{dilation}> : "
                  f"tensor<2xi64>, strides = dense<{stride}> : tensor<2xi64>}} "
                  f"ins({x.name}, {kernel_operand.name} : {x.type}, "
                  f"{kernel_operand.type}) outs({acc.name} : {acc.type}) -> "
                  f"{out.type}")
        return out

    @layer("conv2d")
    def conv2d(self, x, filters, kernel, stride=1, padding=0, label="conv",
               dilation=1):
        """NHWC x HWCF convolution plus bias (batch-norm folded in)."""
        weight = self.weight((kernel, kernel, x.shape[3], filters),
                             label + ".weight")
        bias = self.weight((filters,), label + ".bias", std=0.05)
        out = self.windowed("conv_2d_nhwc_hwcf", x, weight, kernel, filters,
                            stride, padding, dilation=dilation)
        return self.bias_add(out, bias)

    @layer("depthwise")
    def depthwise(self, x, stride=1, padding=1, label="dw", kernel=3):
        """NHWC x HWC depthwise convolution (3x3 unless `kernel`) plus bias."""
        channels = x.shape[3]
        weight = self.weight((kernel, kernel, channels), label + ".weight")
        bias = self.weight((channels,), label + ".bias", std=0.05)
        out = self.windowed("depthwise_conv_2d_nhwc_hwc", x, weight, kernel,
                            channels, stride, padding)
        return self.bias_add(out, bias)

    @layer("bias_add")
    def bias_add(self, x, bias):
        rank = len(x.shape)
        return self.generic(
            [x, bias], [_identity(rank), _map(rank, [f"d{rank - 1}"])],
            x.shape, ["parallel"] * rank,
            lambda a: [f"%r = arith.addf {a[0]}, {a[1]} : f32"])

    def unary(self, x, lines):
        """Elementwise: `lines(v)` computes %r from the value v."""
        rank = len(x.shape)
        return self.generic([x], [_identity(rank)], x.shape,
                            ["parallel"] * rank, lambda a: lines(a[0]))

    @layer("relu")
    def relu(self, x):
        zero = self.const(0.0)
        return self.unary(x, lambda v: [f"%r = arith.maximumf {v}, {zero} : f32"])

    @layer("relu6")
    def relu6(self, x):
        zero, six = self.const(0.0), self.const(6.0)
        return self.unary(x, lambda v: [
            f"%t = arith.maximumf {v}, {zero} : f32",
            f"%r = arith.minimumf %t, {six} : f32"])

    @layer("add")
    def add(self, x, y, relu=False):
        rank = len(x.shape)
        zero = self.const(0.0)

        def body(a):
            if not relu:
                return [f"%r = arith.addf {a[0]}, {a[1]} : f32"]
            return [f"%s = arith.addf {a[0]}, {a[1]} : f32",
                    f"%r = arith.maximumf %s, {zero} : f32"]
        return self.generic([x, y], [_identity(rank)] * 2, x.shape,
                            ["parallel"] * rank, body)

    @layer("maxpool")
    def maxpool(self, x, kernel=3, stride=2, padding=1):
        window = self.empty((kernel, kernel))
        return self.windowed("pooling_nhwc_max", x, window, kernel, x.shape[3],
                             stride, padding, pad_value=-math.inf,
                             init=-math.inf)

    @layer("global_avgpool")
    def global_avgpool(self, x):
        """NHWC -> N x C mean over H and W."""
        n, h, w, c = x.shape
        acc = self.filled((n, c))
        total = self.generic(
            [x], [_identity(4)], (n, c),
            ["parallel", "reduction", "reduction", "parallel"],
            lambda a: [f"%r = arith.addf {a[0]}, %o : f32"], init=acc,
            out_map=_map(4, ["d0", "d3"]))
        scale = self.const(1.0 / (h * w))
        return self.unary(total, lambda v: [f"%r = arith.mulf {v}, {scale} : f32"])

    @layer("dense")
    def dense(self, x, features, label="fc"):
        """x (M x K) times a K x N weight, plus bias."""
        m, k = x.shape
        weight = self.weight((k, features), label + ".weight")
        bias = self.weight((features,), label + ".bias", std=0.05)
        acc = self.filled((m, features))
        out = self.fresh(acc.shape)
        self.emit(f"{out.name} = linalg.matmul ins({x.name}, {weight.name} : "
                  f"{x.type}, {weight.type}) outs({acc.name} : {acc.type}) -> "
                  f"{out.type}")
        return self.bias_add(out, bias)
