"""PyTorch in: `cwm.from_torch(module, example_inputs)` writes Linalg on
tensors for a torch.nn.Module.

The module is traced with torch.fx (symbolic_trace) and run once on the
example inputs node by node, so every shape (and every integer a shape
computation yields) is known; each node then becomes Linalg through the
whole models' writer (cwm_models.linalg.Builder). Parameters and buffers
become function arguments after the inputs, their values kept with the
program (TorchProgram.weights) and bound when it is compiled
(`cwm.compile(program, "m.so")` returns a model called like the module).

Layouts: 4-D activations that reach a convolution or pooling are kept in
NHWC (channels last, what cwm's convolution rules tune) from there on and
turned back into PyTorch's NCHW only where an op needs the logical layout
(a reshape of spatial data, the output). Batch norm after a convolution is
folded into the convolution's weights (inference); elsewhere it is a
per-channel scale and shift. The module must be in eval mode.

Ops taken: conv2d (any stride, padding, dilation; groups: plain, depthwise,
grouped), batch_norm, linear, matmul / bmm / @, max and average pooling,
adaptive average pooling to 1x1, layer_norm, softmax, relu, relu6,
hardtanh, clamp, gelu (erf and tanh), silu, sigmoid, tanh, hardswish,
leaky_relu, exp, neg, sqrt, rsqrt, add / sub / mul / div (broadcasting,
scalars), mean / sum over dimensions, reshape / view / flatten / permute /
transpose / unsqueeze / squeeze, dropout and identity; anything else is
refused with FromTorchError naming the op and the node.
"""

import contextlib
import math
import operator

import numpy as np
from .runtime import aligned

try:  # the whole models' Linalg writer, installed beside cwm
    from cwm_models.bert import gelu as gelu_tanh, normalize_rows, softmax as softmax_last
    from cwm_models.linalg import Builder, Tensor, _identity, _map
except ImportError as _error:  # reported when from_torch is called
    Builder = Tensor = _identity = _map = gelu_tanh = normalize_rows = softmax_last = None
    _IMPORT_ERROR = _error


class FromTorchError(ValueError):
    """The module cannot be written as Linalg (the message names why)."""


class TorchProgram:
    """Linalg-on-tensors text for a PyTorch module with its weights.

    `mlir`: one func.func taking the module's inputs, then `weights` (numpy
    float32 arrays, in order). str(program) is the MLIR text, so cwm.tune
    takes a program as it takes text; cwm.compile binds the weights."""

    def __init__(self, mlir, weights, input_shapes, name):
        self.mlir = mlir
        self.weights = weights
        self.input_shapes = input_shapes
        self.name = name

    def __str__(self):
        return self.mlir

    def __repr__(self):
        size = sum(w.size for w in self.weights)
        return (f"<TorchProgram @{self.name}: {len(self.input_shapes)} inputs, "
                f"{len(self.weights)} weights ({size} values)>")


def _numpy(inputs):
    """`inputs` as numpy arrays, and whether any was a torch tensor."""
    import torch
    as_torch = any(isinstance(x, torch.Tensor) for x in inputs)
    return [x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else x
            for x in inputs], as_torch


class BoundModel:
    """A compiled TorchProgram with its weights bound: called with the
    module's inputs (torch tensors or numpy arrays), returns what the
    module returns (a torch tensor when the inputs were torch tensors)."""

    def __init__(self, compiled, weights):
        self.compiled = compiled
        # Aligned once here, or every call would copy them (runtime.aligned).
        self.weights = [aligned(w, np.float32) for w in weights]
        self._device_weights = None
        self.path = compiled.path
        # On the CPU, weights compiled as such (cwm.weight) are bound once:
        # what reads only them (cwm-prepare-weights) is computed here.
        self._bound = None
        function = compiled._only()
        first = len(function.inputs) - len(self.weights)
        if (compiled.target != "cuda" and
                function.weights == list(range(first, len(function.inputs)))):
            self._bound = function.bind(*self.weights)

    def _arguments(self, inputs):
        if self.compiled.target == "cuda":
            import torch
            if self._device_weights is None:
                self._device_weights = [torch.from_numpy(w).cuda()
                                        for w in self.weights]
            return list(inputs) + self._device_weights, True
        arrays, as_torch = _numpy(inputs)
        return arrays + self.weights, as_torch

    def __call__(self, *inputs):
        if self._bound is not None:
            arrays, as_torch = _numpy(inputs)
            out = self._bound(*arrays)
            if as_torch:
                import torch
                return torch.from_numpy(out)
            return out
        arguments, as_torch = self._arguments(inputs)
        out = self.compiled(*arguments)
        if as_torch and self.compiled.target != "cuda":
            import torch
            return torch.from_numpy(out)
        return out

    def benchmark(self, *inputs, **options):
        if self._bound is not None:
            return self._bound.benchmark(*_numpy(inputs)[0], **options)
        arguments, _ = self._arguments(inputs)
        return self.compiled.benchmark(*arguments, **options)


def weights_path(library):
    """Where cwm.compile keeps a TorchProgram's weights: beside the object."""
    return str(library) + ".weights.npz"


def save_weights(program, library):
    np.savez(weights_path(library), *program.weights)


def load_weights(library):
    with np.load(weights_path(library)) as data:
        return [data[f"arr_{i}"] for i in range(len(data.files))]


# --- layouts -------------------------------------------------------------
# A value is a Tensor with `nhwc` set when it holds a logical NCHW tensor
# stored channels last.
_TO_NHWC = [0, 2, 3, 1]
_TO_NCHW = [0, 3, 1, 2]
_PHYSICAL_POSITION = {0: 0, 1: 3, 2: 1, 3: 2}  # logical NCHW dim -> NHWC position


class _Value:
    def __init__(self, tensor, nhwc=False):
        self.tensor = tensor
        self.nhwc = nhwc

    @property
    def logical_shape(self):
        s = self.tensor.shape
        return (s[0], s[3], s[1], s[2]) if self.nhwc else s


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _reassociation(big, small):
    """Groups of `big`'s dimensions whose products are `small` (a collapse
    of big into small), or None."""
    groups, i = [], 0
    for d in small:
        group, product = [], 1
        while i < len(big) and (product != d or not group):
            product *= big[i]
            group.append(i)
            i += 1
            if product > d:
                return None
        if product != d or not group:
            return None
        groups.append(group)
    if not groups:
        return None
    while i < len(big) and big[i] == 1:  # trailing unit dims join the last group
        groups[-1].append(i)
        i += 1
    return groups if i == len(big) else None


class _Converter:
    def __init__(self, module, name):
        self.module = module
        self.b = Builder(name)
        self.weights = []  # numpy arrays, after the inputs
        self.values = {}  # fx node -> _Value (tensors) or concrete value
        self.folded = {}  # batch-norm node -> the convolution node it folds into
        self.conv_fold = {}  # convolution node -> batch-norm module
        self.node = None

    # --- errors and plumbing -------------------------------------------
    def fail(self, what):
        node = self.node
        where = ""
        if node is not None:
            target = node.target if isinstance(node.target, str) else getattr(
                node.target, "__name__", str(node.target))
            where = f" (node '{node.name}': {node.op} {target})"
        raise FromTorchError(f"cwm.from_torch: {what}{where}")

    def weight(self, array, label):
        array = np.ascontiguousarray(np.asarray(array, dtype=np.float32))
        if array.ndim == 0:
            array = array.reshape(1)
        tensor = self.b.weight(array.shape, label)
        self.weights.append(array)
        return tensor

    def logical(self, value):
        if value.nhwc:
            return self.b.transpose(value.tensor, _TO_NCHW)
        return value.tensor

    def channels_last(self, value):
        if value.nhwc:
            return value.tensor
        if len(value.tensor.shape) != 4:
            self.fail(f"expected a 4-D NCHW tensor, got shape {value.tensor.shape}")
        return self.b.transpose(value.tensor, _TO_NHWC)

    def reshape(self, t, shape):
        shape = tuple(int(d) for d in shape)
        if shape == t.shape:
            return t
        if not shape or not t.shape:
            self.fail("0-d tensors are not supported")
        groups = _reassociation(t.shape, shape)
        if groups is not None:
            return self.b.reshape(t, shape, groups, expand=False)
        groups = _reassociation(shape, t.shape)
        if groups is not None:
            return self.b.reshape(t, shape, groups, expand=True)
        flat = self.b.reshape(t, (math.prod(t.shape),),
                              [list(range(len(t.shape)))], expand=False)
        return self.b.reshape(flat, shape, [list(range(len(shape)))], expand=True)

    def broadcast(self, t, out_shape):
        """t (right-aligned to out_shape, numpy broadcasting) and its map."""
        rank, offset = len(out_shape), len(out_shape) - len(t.shape)
        keep = [i for i, d in enumerate(t.shape)
                if d != 1 or out_shape[offset + i] == 1]
        if not keep:
            t = self.reshape(t, (1,)) if t.shape != (1,) else t
            return t, _map(rank, ["0"])
        if len(keep) < len(t.shape):
            t = self.reshape(t, tuple(t.shape[i] for i in keep))
        return t, _map(rank, [f"d{offset + i}" for i in keep])

    # --- elementwise ----------------------------------------------------
    def elementwise(self, operands, out_shape, body):
        """operands: Tensors or python numbers; body(names) -> lines
        defining %r."""
        inputs, maps, names = [], [], []
        for operand in operands:
            if isinstance(operand, Tensor):
                t, m = self.broadcast(operand, out_shape)
                names.append(f"%a{len(inputs)}")
                inputs.append(t)
                maps.append(m)
            else:
                names.append(self.b.const(float(operand)))
        rank = len(out_shape)
        lines = body(names)
        return self.b.generic(inputs, maps, tuple(out_shape), ["parallel"] * rank,
                              lambda a: lines)

    def unary(self, value, lines):
        out = self.elementwise([value.tensor], value.tensor.shape, lambda n: lines(n[0]))
        return _Value(out, value.nhwc)

    def binary(self, x, y, op):
        """x, y: _Values or numbers; op: addf, subf, mulf, divf."""
        tensors = [v for v in (x, y) if isinstance(v, _Value)]
        nhwc = any(v.nhwc for v in tensors)
        shapes = [v.logical_shape for v in tensors]
        out_logical = np.broadcast_shapes(*shapes)

        def place(v):
            if not isinstance(v, _Value):
                return v
            if nhwc and len(out_logical) == 4:
                if v.nhwc:
                    return v.tensor
                t = v.tensor
                if len(t.shape) < 4:
                    t = self.reshape(t, (1,) * (4 - len(t.shape)) + t.shape)
                if all(d == 1 for d in (t.shape[1], t.shape[2], t.shape[3])) or \
                        (t.shape[2] == 1 and t.shape[3] == 1):
                    # [n, c, 1, 1] -> [n, 1, 1, c] is a reshape
                    return self.reshape(t, (t.shape[0], 1, 1, t.shape[1]))
                return self.b.transpose(t, _TO_NHWC)
            return self.logical(v)

        a, c = place(x), place(y)
        if nhwc and len(out_logical) == 4:
            n, ch, h, w = out_logical
            out_shape, keep = (n, h, w, ch), True
        else:
            out_shape, keep = tuple(out_logical), False
        out = self.elementwise([a, c], out_shape,
                               lambda n: [f"%r = arith.{op} {n[0]}, {n[1]} : f32"])
        return _Value(out, keep)

    # --- layers ---------------------------------------------------------
    def conv2d(self, value, weight, bias, stride, padding, dilation, groups, label):
        if isinstance(padding, str):
            self.fail(f"padding='{padding}' is not supported (give the sizes)")
        weight = np.asarray(weight, dtype=np.float32)
        f, cg, kh, kw = weight.shape
        x = self.channels_last(value)
        n, h, w, c = x.shape
        (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
        oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
        ow = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
        if oh <= 0 or ow <= 0:
            self.fail(f"the convolution's output would be empty ({oh}x{ow})")
        attrs = (f"{{dilations = dense<[{dh}, {dw}]> : tensor<2xi64>, "
                 f"strides = dense<[{sh}, {sw}]> : tensor<2xi64>}}")
        b = self.b
        if groups == 1:
            kernel = self.weight(weight.transpose(2, 3, 1, 0), label + ".weight")
            op, acc_shape = "conv_2d_nhwc_hwcf", (n, oh, ow, f)
            padded = b.pad(x, [0, ph, pw, 0], [0, ph, pw, 0]) if ph or pw else x
        elif groups == c and f == c:
            kernel = self.weight(weight[:, 0].transpose(1, 2, 0), label + ".weight")
            op, acc_shape = "depthwise_conv_2d_nhwc_hwc", (n, oh, ow, c)
            padded = b.pad(x, [0, ph, pw, 0], [0, ph, pw, 0]) if ph or pw else x
        else:
            fg = f // groups
            kernel = self.weight(
                weight.reshape(groups, fg, cg, kh, kw).transpose(0, 1, 3, 4, 2),
                label + ".weight")
            op, acc_shape = "conv_2d_nhwgc_gfhwc", (n, oh, ow, groups, fg)
            grouped = self.reshape(x, (n, h, w, groups, cg))
            padded = (b.pad(grouped, [0, ph, pw, 0, 0], [0, ph, pw, 0, 0])
                      if ph or pw else grouped)
        acc = b.filled(acc_shape)
        out = b.fresh(acc_shape)
        b.emit(f"{out.name} = linalg.{op} {attrs} ins({padded.name}, {kernel.name} : "
               f"{padded.type}, {kernel.type}) outs({acc.name} : {acc.type}) -> "
               f"{out.type}")
        if len(acc_shape) == 5:
            out = self.reshape(out, (n, oh, ow, f))
        if bias is not None:
            out = b.bias_add(out, self.weight(bias, label + ".bias"))
        return _Value(out, nhwc=True)

    def pool(self, value, kind, kernel, stride, padding, ceil_mode=False,
             count_include_pad=True, dilation=1):
        if ceil_mode:
            self.fail("ceil_mode=True pooling is not supported")
        if _pair(dilation) != (1, 1):
            self.fail("dilated pooling is not supported")
        (kh, kw) = _pair(kernel)
        (sh, sw) = _pair(stride if stride not in (None, []) else kernel)
        (ph, pw) = _pair(padding)
        if kind == "avg" and (ph or pw) and not count_include_pad:
            self.fail("average pooling with count_include_pad=False and padding "
                      "is not supported")
        x = self.channels_last(value)
        n, h, w, c = x.shape
        b = self.b
        pad_value = -math.inf if kind == "max" else 0.0
        if ph or pw:
            x = b.pad(x, [0, ph, pw, 0], [0, ph, pw, 0], value=pad_value)
        oh = (h + 2 * ph - kh) // sh + 1
        ow = (w + 2 * pw - kw) // sw + 1
        window = b.empty((kh, kw))
        acc = b.filled((n, oh, ow, c), pad_value)
        out = b.fresh(acc.shape)
        op = "pooling_nhwc_max" if kind == "max" else "pooling_nhwc_sum"
        b.emit(f"{out.name} = linalg.{op} {{dilations = dense<1> : tensor<2xi64>, "
               f"strides = dense<[{sh}, {sw}]> : tensor<2xi64>}} ins({x.name}, "
               f"{window.name} : {x.type}, {window.type}) outs({acc.name} : "
               f"{acc.type}) -> {out.type}")
        if kind == "avg":
            scale = 1.0 / (kh * kw)
            out = self.elementwise([out, scale], out.shape,
                                   lambda n: [f"%r = arith.mulf {n[0]}, {n[1]} : f32"])
        return _Value(out, nhwc=True)

    def adaptive_avg_pool(self, value, size):
        oh, ow = _pair(size)
        n, c, h, w = value.logical_shape
        if (oh, ow) == (1, 1):
            x = self.channels_last(value)
            mean = self.b.global_avgpool(x)
            return _Value(self.reshape(mean, (n, 1, 1, c)), nhwc=True)
        if h % oh or w % ow:
            self.fail(f"adaptive average pooling from {h}x{w} to {oh}x{ow} "
                      "(sizes not divisible) is not supported")
        return self.pool(value, "avg", (h // oh, w // ow), (h // oh, w // ow), 0)

    def batch_norm(self, value, mean, var, gamma, beta, eps):
        scale = np.asarray(gamma if gamma is not None else np.ones_like(mean),
                           dtype=np.float64) / np.sqrt(np.asarray(var, np.float64) + eps)
        shift = np.asarray(beta if beta is not None else np.zeros_like(mean),
                           np.float64) - np.asarray(mean, np.float64) * scale
        if len(value.logical_shape) != 4:
            self.fail("batch norm of a tensor that is not 4-D is not supported")
        x = self.channels_last(value)
        s = self.weight(scale.astype(np.float32), "bn.scale")
        t = self.weight(shift.astype(np.float32), "bn.shift")
        out = self.elementwise([x, s, t], x.shape, lambda n: [
            f"%m = arith.mulf {n[0]}, {n[1]} : f32",
            f"%r = arith.addf %m, {n[2]} : f32"])
        return _Value(out, nhwc=True)

    def matmul(self, x, y):
        b = self.b
        a, c = self.logical(x), self.logical(y)
        if len(a.shape) < 2 or len(c.shape) < 2:
            self.fail("matmul of a 1-D tensor is not supported")
        m, k = a.shape[-2:]
        k2, n = c.shape[-2:]
        if k != k2:
            self.fail(f"matmul shapes {a.shape} and {c.shape} do not agree")
        if len(c.shape) == 2:
            lead = a.shape[:-2]
            rows = self.reshape(a, (math.prod(lead) * m, k)) if lead else a
            out = self.mm(rows, c)
            return _Value(self.reshape(out, lead + (m, n)) if lead else out)
        if a.shape[:-2] != c.shape[:-2]:
            self.fail(f"matmul with broadcast batch dimensions ({a.shape} x "
                      f"{c.shape}) is not supported")
        lead = a.shape[:-2]
        batch = math.prod(lead)
        a3 = self.reshape(a, (batch, m, k))
        c3 = self.reshape(c, (batch, k, n))
        acc = b.filled((batch, m, n))
        out = b.fresh(acc.shape)
        b.emit(f"{out.name} = linalg.batch_matmul ins({a3.name}, {c3.name} : "
               f"{a3.type}, {c3.type}) outs({acc.name} : {acc.type}) -> {out.type}")
        return _Value(self.reshape(out, lead + (m, n)))

    def mm(self, a, c):
        b = self.b
        acc = b.filled((a.shape[0], c.shape[1]))
        out = b.fresh(acc.shape)
        b.emit(f"{out.name} = linalg.matmul ins({a.name}, {c.name} : {a.type}, "
               f"{c.type}) outs({acc.name} : {acc.type}) -> {out.type}")
        return out

    def linear(self, value, weight, bias, label):
        x = self.logical(value)
        weight = np.asarray(weight, dtype=np.float32)
        n, k = weight.shape
        if x.shape[-1] != k:
            self.fail(f"linear layer takes {k} features, got shape {x.shape}")
        lead = x.shape[:-1]
        rows = self.reshape(x, (math.prod(lead), k)) if len(lead) != 1 else x
        out = self.mm(rows, self.weight(weight.T, label + ".weight"))
        if bias is not None:
            out = self.b.bias_add(out, self.weight(bias, label + ".bias"))
        return _Value(self.reshape(out, lead + (n,)))

    def layer_norm(self, value, shape, weight, bias, eps, label):
        x = self.logical(value)
        count = len(_pair(shape)) if isinstance(shape, (tuple, list)) else 1
        rows = math.prod(x.shape[:-count])
        cols = math.prod(x.shape[-count:])
        x2 = self.reshape(x, (rows, cols))
        gamma = self.weight(np.ones(cols) if weight is None else
                            np.asarray(weight).reshape(cols), label + ".weight")
        beta = self.weight(np.zeros(cols) if bias is None else
                           np.asarray(bias).reshape(cols), label + ".bias")
        out = normalize_rows(self.b, x2, gamma, beta, eps)
        return _Value(self.reshape(out, x.shape))

    def softmax(self, value, dim):
        rank = len(value.logical_shape)
        dim = dim % rank
        if value.nhwc and dim == 1:
            t, keep = value.tensor, True  # channels are the stored last dim
        else:
            t, keep = self.logical(value), False
            if dim != rank - 1:
                perm = [d for d in range(rank) if d != dim] + [dim]
                inverse = [perm.index(d) for d in range(rank)]
                moved = self._softmax_last(self.b.transpose(t, perm))
                return _Value(self.b.transpose(moved, inverse))
        return _Value(self._softmax_last(t), keep)

    def _softmax_last(self, t):
        return softmax_last(self.b, t)  # the BERT layer's linalg.softmax

    def reduce(self, value, dims, keepdim, mean):
        rank = len(value.logical_shape)
        if dims is None:
            dims = list(range(rank))
        dims = sorted({d % rank for d in (dims if isinstance(dims, (list, tuple))
                                          else [dims])})
        if value.nhwc and (keepdim or {2, 3} <= set(dims)):
            t, nhwc = value.tensor, keepdim
            physical = sorted(_PHYSICAL_POSITION[d] for d in dims)
        else:
            t, nhwc, physical = self.logical(value), False, dims
        kept = [d for d in range(rank) if d not in physical]
        out_shape = tuple(t.shape[d] for d in kept)
        if not out_shape:
            self.fail("a reduction to a scalar is not supported")
        b = self.b
        total = b.generic(
            [t], [_identity(rank)], out_shape,
            ["reduction" if d in physical else "parallel" for d in range(rank)],
            lambda a: [f"%r = arith.addf {a[0]}, %o : f32"],
            init=b.filled(out_shape), out_map=_map(rank, [f"d{d}" for d in kept]))
        if mean:
            scale = 1.0 / math.prod(t.shape[d] for d in physical)
            total = self.elementwise([total, scale], out_shape,
                                     lambda n: [f"%r = arith.mulf {n[0]}, {n[1]} : f32"])
        if keepdim:
            total = self.reshape(total, tuple(1 if d in physical else t.shape[d]
                                              for d in range(rank)))
        return _Value(total, nhwc)

    def permute(self, value, perm):
        rank = len(value.logical_shape)
        perm = [p % rank for p in perm]
        if value.nhwc:
            return _Value(self.b.transpose(
                value.tensor, [_PHYSICAL_POSITION[p] for p in perm]))
        if perm == list(range(rank)):
            return value
        return _Value(self.b.transpose(value.tensor, perm))

    def view(self, value, shape):
        shape = list(shape)
        total = math.prod(value.logical_shape)
        if -1 in shape:
            known = math.prod(d for d in shape if d != -1)
            shape[shape.index(-1)] = total // known if known else 0
        shape = tuple(shape)
        if value.nhwc:
            n, c, h, w = value.logical_shape
            # [n, c, 1, 1] flattened: the stored order is the logical one
            if h == 1 and w == 1 and shape == (n, c):
                return _Value(self.reshape(value.tensor, shape))
        return _Value(self.reshape(self.logical(value), shape))

    def slice(self, value, offsets, sizes):
        """The block of `value` (logical) at `offsets` of `sizes`."""
        t = self.logical(value)
        if tuple(sizes) == t.shape:
            return _Value(t)
        out = self.b.fresh(tuple(sizes))
        self.b.emit(f"{out.name} = tensor.extract_slice {t.name}{list(offsets)} "
                    f"{list(sizes)} {[1] * len(sizes)} : {t.type} to {out.type}")
        return _Value(out)

    def index(self, value, index, shape):
        """x[index] for ints, full slices and slices with step 1."""
        if not isinstance(index, tuple):
            index = (index,)
        full = value.logical_shape
        if Ellipsis in index:
            at = index.index(Ellipsis)
            index = index[:at] + (slice(None),) * (len(full) - len(index) + 1) + \
                index[at + 1:]
        offsets, sizes = [], []
        for dim, size in enumerate(full):
            item = index[dim] if dim < len(index) else slice(None)
            if isinstance(item, int):
                offsets.append(item % size)
                sizes.append(1)
            elif isinstance(item, slice) and item.step in (None, 1):
                start, stop, _ = item.indices(size)
                offsets.append(start)
                sizes.append(max(stop - start, 0))
            else:
                self.fail(f"indexing with {item!r} is not supported")
        if 0 in sizes:
            self.fail("an empty slice is not supported")
        sliced = self.slice(value, offsets, sizes)
        return _Value(self.reshape(sliced.tensor, shape))

    # --- activations ------------------------------------------------------
    def activation(self, value, kind, *params):
        b = self.b
        # Constants made only by the branch that uses them (each is emitted).
        zero = lambda: b.const(0.0)  # noqa: E731
        one = lambda: b.const(1.0)  # noqa: E731
        if kind == "relu":
            return self.unary(value, lambda v: [f"%r = arith.maximumf {v}, {zero()} : f32"])
        if kind == "clamp":
            lo, hi = params
            if lo is None and hi is None:
                return value
            lo_c = b.const(lo) if lo is not None else None
            hi_c = b.const(hi) if hi is not None else None

            def body(v):
                if lo_c is not None and hi_c is not None:
                    return [f"%lo = arith.maximumf {v}, {lo_c} : f32",
                            f"%r = arith.minimumf %lo, {hi_c} : f32"]
                if lo_c is not None:
                    return [f"%r = arith.maximumf {v}, {lo_c} : f32"]
                return [f"%r = arith.minimumf {v}, {hi_c} : f32"]
            return self.unary(value, body)
        if kind == "sigmoid":
            return self.unary(value, lambda v: [
                f"%n = arith.negf {v} : f32", "%e = math.exp %n : f32",
                f"%d = arith.addf {one()}, %e : f32", f"%r = arith.divf {one()}, %d : f32"])
        if kind == "silu":
            return self.unary(value, lambda v: [
                f"%n = arith.negf {v} : f32", "%e = math.exp %n : f32",
                f"%d = arith.addf {one()}, %e : f32", f"%r = arith.divf {v}, %d : f32"])
        if kind == "tanh":
            return self.unary(value, lambda v: [f"%r = math.tanh {v} : f32"])
        if kind == "exp":
            return self.unary(value, lambda v: [f"%r = math.exp {v} : f32"])
        if kind == "sqrt":
            return self.unary(value, lambda v: [f"%r = math.sqrt {v} : f32"])
        if kind == "rsqrt":
            return self.unary(value, lambda v: [f"%r = math.rsqrt {v} : f32"])
        if kind == "neg":
            return self.unary(value, lambda v: [f"%r = arith.negf {v} : f32"])
        if kind == "leaky_relu":
            slope = b.const(params[0])
            return self.unary(value, lambda v: [
                f"%p = arith.maximumf {v}, {zero()} : f32",
                f"%q = arith.minimumf {v}, {zero()} : f32",
                f"%s = arith.mulf %q, {slope} : f32",
                "%r = arith.addf %p, %s : f32"])
        if kind == "hardswish":
            three, six = b.const(3.0), b.const(6.0)
            return self.unary(value, lambda v: [
                f"%a = arith.addf {v}, {three} : f32",
                f"%c = arith.maximumf %a, {zero()} : f32",
                f"%m = arith.minimumf %c, {six} : f32",
                f"%p = arith.mulf {v}, %m : f32",
                f"%r = arith.divf %p, {six} : f32"])
        if kind == "gelu":
            if params[0] == "tanh":  # the BERT layer's GELU
                return _Value(gelu_tanh(b, value.tensor), value.nhwc)
            root, half = b.const(1.0 / math.sqrt(2.0)), b.const(0.5)
            return self.unary(value, lambda v: [
                f"%s = arith.mulf {v}, {root} : f32",
                "%e = math.erf %s : f32",
                f"%t = arith.addf {one()}, %e : f32",
                f"%h = arith.mulf {half}, {v} : f32",
                "%r = arith.mulf %h, %t : f32"])
        self.fail(f"activation {kind} is not supported")


class _Const:
    """A tensor computed from parameters alone (folded while tracing): a
    weight argument once an op takes it as an operand."""

    def __init__(self, array, label):
        self.array = array
        self.label = label
        self.value = None


def _arg(args, kwargs, index, name, default=None):
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else default


_IDENTITY_METHODS = {"contiguous", "float", "clone", "detach", "to", "cpu"}
_RESHAPE_METHODS = {"view", "reshape", "flatten", "unsqueeze", "squeeze",
                    "view_as", "reshape_as"}
_BINARY = {"add": "addf", "iadd": "addf", "sub": "subf", "isub": "subf",
           "mul": "mulf", "imul": "mulf", "truediv": "divf", "itruediv": "divf",
           "div": "divf"}
_ACTIVATIONS = {"relu", "relu_", "sigmoid", "tanh", "silu", "exp", "sqrt", "rsqrt",
                "neg", "hardswish"}


def _function_names():
    import torch
    import torch.nn.functional as F
    names = {}
    for fn, name in [
            (F.conv2d, "conv2d"), (torch.conv2d, "conv2d"), (F.linear, "linear"),
            (torch.matmul, "matmul"), (torch.bmm, "matmul"), (torch.mm, "matmul"),
            (operator.matmul, "matmul"), (operator.add, "add"), (operator.iadd, "add"),
            (operator.sub, "sub"), (operator.isub, "sub"), (operator.mul, "mul"),
            (operator.imul, "mul"), (operator.truediv, "truediv"),
            (operator.itruediv, "truediv"), (torch.add, "add"), (torch.sub, "sub"),
            (torch.mul, "mul"), (torch.div, "div"), (operator.neg, "neg"),
            (torch.neg, "neg"), (torch.relu, "relu"), (F.relu, "relu"),
            (F.relu6, "relu6"), (F.hardtanh, "hardtanh"), (torch.clamp, "clamp"),
            (F.gelu, "gelu"), (F.silu, "silu"), (torch.sigmoid, "sigmoid"),
            (F.sigmoid, "sigmoid"), (torch.tanh, "tanh"), (F.tanh, "tanh"),
            (F.hardswish, "hardswish"), (F.leaky_relu, "leaky_relu"),
            (torch.exp, "exp"), (torch.sqrt, "sqrt"), (torch.rsqrt, "rsqrt"),
            (F.max_pool2d, "max_pool2d"), (F.avg_pool2d, "avg_pool2d"),
            (F.adaptive_avg_pool2d, "adaptive_avg_pool2d"),
            (F.layer_norm, "layer_norm"), (F.batch_norm, "batch_norm"),
            (F.softmax, "softmax"), (torch.softmax, "softmax"),
            (torch.flatten, "flatten"), (torch.reshape, "reshape"),
            (torch.permute, "permute"), (torch.transpose, "transpose"),
            (torch.unsqueeze, "unsqueeze"), (torch.squeeze, "squeeze"),
            (torch.mean, "mean"), (torch.sum, "sum"), (F.dropout, "dropout"),
            (torch.t, "t")]:
        names[fn] = name
    return names


def _trace(module, example_inputs):
    """torch.fx's symbolic trace, run beside the example inputs: shapes
    (`x.shape`, `x.size()`, `len(x)`), unpacking (`q, k, v = t.chunk(3)`)
    and Python conditions on tensors take their concrete values, as
    torch.jit.trace would, so the graph is specialized to these inputs."""
    import torch
    import torch.fx

    class ConcreteProxy(torch.fx.Proxy):
        def _concrete(self):
            return self.tracer.concrete[self.node]

        def __getattr__(self, name):
            if name == "shape":
                return self._concrete().shape
            if name in ("size", "dim", "numel") and isinstance(
                    self.tracer.concrete.get(self.node), torch.Tensor):
                return getattr(self._concrete(), name)
            return super().__getattr__(name)

        def __iter__(self):
            return iter([self[i] for i in range(len(self._concrete()))])

        def __len__(self):
            return len(self._concrete())

        def __bool__(self):
            return bool(self._concrete())

    class ConcreteTracer(torch.fx.Tracer):
        def __init__(self):
            super().__init__()
            self.concrete = {}
            self.inputs = iter(example_inputs)

        def proxy(self, node):
            return ConcreteProxy(node, self)

        def is_leaf_module(self, module, name):
            # The modules written as a whole (_module, _attention); others,
            # torch.nn's containers and transformer layers included, are
            # traced into.
            return isinstance(module, _leaf_modules())

        # Conditions and loops on any proxy (attribute proxies too) take
        # the concrete value.
        def to_bool(self, obj):
            return bool(self.value(obj.node))

        def iter(self, obj):
            return iter([obj[i] for i in range(len(self.value(obj.node)))])

        def attribute(self, target):
            value = self.root
            for part in target.split("."):
                value = getattr(value, part)
            return value

        def value(self, node):
            # Constants torch.fx adds itself (create_node, not create_proxy).
            if node not in self.concrete and node.op == "get_attr":
                self.concrete[node] = self.attribute(node.target)
            return self.concrete[node]

        def create_proxy(self, kind, target, args, kwargs, *rest, **more):
            proxy = super().create_proxy(kind, target, args, kwargs, *rest, **more)
            node = proxy.node
            if kind == "placeholder":
                # Beyond the example inputs: parameters fixed to their
                # defaults (concrete_args), which torch.fx still lists.
                value = next(self.inputs, args[0] if args else None)
            else:
                with unpatched():
                    a = torch.fx.node.map_arg(node.args, self.value)
                    k = torch.fx.node.map_arg(node.kwargs, self.value)
                    if kind == "get_attr":
                        value = self.attribute(target)
                    elif kind == "call_function":
                        value = target(*a, **k)
                    elif kind == "call_method":
                        value = getattr(a[0], target)(*a[1:], **k)
                    elif kind == "call_module":
                        value = self.root.get_submodule(target)(*a, **k)
                    else:
                        value = None
            self.concrete[node] = value
            return proxy

    # Concrete values are computed with nn.Module's own attribute access and
    # call, which the tracer patches while it runs.
    originals = {k: torch.nn.Module.__dict__[k] for k in ("__getattr__", "__call__")}

    @contextlib.contextmanager
    def unpatched():
        patched = {k: torch.nn.Module.__dict__[k] for k in originals}
        for k, v in originals.items():
            setattr(torch.nn.Module, k, v)
        try:
            yield
        finally:
            for k, v in patched.items():
                setattr(torch.nn.Module, k, v)

    # Parameters of forward beyond the example inputs keep their defaults
    # (a mask argument left out is None in the graph).
    import inspect
    concrete_args = {}
    parameters = [p for p in inspect.signature(module.forward).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    for parameter in parameters[len(example_inputs):]:
        if parameter.default is inspect.Parameter.empty:
            raise FromTorchError(
                f"cwm.from_torch: {type(module).__name__}.forward takes "
                f"'{parameter.name}' after the {len(example_inputs)} example "
                "inputs given, and it has no default")
        concrete_args[parameter.name] = parameter.default
    with torch.no_grad():
        tracer = ConcreteTracer()
        graph = tracer.trace(module, concrete_args=concrete_args or None)
    return torch.fx.GraphModule(tracer.root, graph)


def _convert(module, example_inputs, name):
    import torch
    import torch.fx
    import torch.nn as nn

    try:
        graph_module = _trace(module, example_inputs)
    except FromTorchError:
        raise
    except Exception as error:  # torch.fx reports why in its own words
        raise FromTorchError(
            f"cwm.from_torch: torch.fx cannot trace {type(module).__name__}: "
            f"{type(error).__name__}: {error}") from None
    conv = _Converter(graph_module, name)
    b = conv.b
    functions = _function_names()
    interpreter = torch.fx.Interpreter(graph_module)
    env = {}
    nodes = list(graph_module.graph.nodes)

    # Batch norm folded into the convolution feeding it (inference).
    for node in nodes:
        if node.op != "call_module":
            continue
        mod = graph_module.get_submodule(node.target)
        source = node.args[0] if node.args else None
        if (isinstance(mod, nn.BatchNorm2d) and isinstance(source, torch.fx.Node)
                and source.op == "call_module" and len(source.users) == 1
                and isinstance(graph_module.get_submodule(source.target), nn.Conv2d)
                and mod.running_mean is not None):
            conv.conv_fold[source] = mod
            conv.folded[node] = source

    constant = {}

    def is_constant(node):
        if node not in constant:
            if node.op == "placeholder":
                constant[node] = False
            elif node.op == "get_attr":
                constant[node] = True
            else:
                inputs = node.all_input_nodes
                constant[node] = bool(inputs) and all(is_constant(n) for n in inputs)
        return constant[node]

    def operand(v):
        """A _Value for a tensor operand (weights materialized)."""
        if isinstance(v, _Const):
            if v.value is None:
                v.value = _Value(conv.weight(v.array, v.label))
            return v.value
        return v

    def array(v):
        """The value of a parameter operand (a numpy array) or None."""
        if v is None:
            return None
        if isinstance(v, _Const):
            return v.array
        conv.fail("a weight computed from the inputs is not supported")

    inputs = list(example_inputs)
    placeholder = 0
    result = None
    with torch.no_grad():
        for node in nodes:
            conv.node = node
            if node.op == "placeholder":
                if placeholder >= len(inputs):
                    # a parameter fixed to its default (_trace)
                    env[node] = node.args[0] if node.args else None
                    continue
                x = inputs[placeholder]  # checked by from_torch
                placeholder += 1
                env[node] = x
                conv.values[node] = _Value(b.input(tuple(x.shape), node.name))
                continue
            if node.op == "output":
                out = node.args[0]
                if isinstance(out, (tuple, list)):
                    if len(out) != 1:
                        conv.fail(f"the module returns {len(out)} values; cwm takes "
                                  "modules returning one tensor")
                    out = out[0]
                value = conv.values.get(out) if isinstance(out, torch.fx.Node) else None
                if not isinstance(value, _Value):
                    conv.fail("the module's output is not a tensor computed from "
                              "its inputs")
                result = conv.logical(value)
                continue
            args = torch.fx.node.map_arg(node.args, lambda n: env[n])
            kwargs = torch.fx.node.map_arg(node.kwargs, lambda n: env[n])
            try:
                concrete = getattr(interpreter, node.op)(node.target, args, kwargs)
            except Exception as error:
                conv.fail(f"PyTorch failed to run it on the example inputs: {error}")
            env[node] = concrete
            if node.op == "call_module" and isinstance(
                    graph_module.get_submodule(node.target), torch.nn.MultiheadAttention):
                vargs = torch.fx.node.map_arg(
                    node.args, lambda n: conv.values.get(n, env[n]))
                vkwargs = torch.fx.node.map_arg(
                    node.kwargs, lambda n: conv.values.get(n, env[n]))
                conv.values[node] = (_attention(
                    conv, graph_module.get_submodule(node.target), vargs, vkwargs,
                    operand), None)
                continue
            if not isinstance(concrete, torch.Tensor):
                continue  # shapes, sizes, tuples: known now, nothing to emit
            if concrete.dtype != torch.float32:
                conv.fail(f"the result is {concrete.dtype}; cwm takes float32 models")
            if is_constant(node):
                conv.values[node] = _Const(concrete.detach().numpy().copy(),
                                           str(node.target) if node.op == "get_attr"
                                           else node.name)
                continue
            vargs = torch.fx.node.map_arg(
                node.args, lambda n: conv.values.get(n, env[n]))
            vkwargs = torch.fx.node.map_arg(
                node.kwargs, lambda n: conv.values.get(n, env[n]))
            if node.target is operator.getitem:
                value = _getitem(conv, node, env, operand)
            elif node.op == "call_module":
                mod = graph_module.get_submodule(node.target)
                value = _module(conv, node, mod, vargs, vkwargs, operand, array)
            elif node.op == "call_function":
                kind = functions.get(node.target)
                if kind is None:
                    conv.fail(f"{getattr(node.target, '__module__', '')}."
                              f"{getattr(node.target, '__name__', node.target)} "
                              "is not supported")
                value = _function(conv, kind, vargs, vkwargs, concrete, operand, array)
            elif node.op == "call_method":
                value = _function(conv, node.target, vargs[1:], vkwargs, concrete,
                                  operand, array, method_self=vargs[0])
            else:
                conv.fail(f"{node.op} is not supported")
            if tuple(value.logical_shape) != tuple(concrete.shape):
                conv.fail(f"internal error: wrote shape {value.logical_shape}, "
                          f"PyTorch computes {tuple(concrete.shape)}")
            conv.values[node] = value
    if result is None:
        raise FromTorchError("cwm.from_torch: the traced module has no output")
    if placeholder < len(inputs):
        raise FromTorchError(f"cwm.from_torch: the module takes {placeholder} "
                             f"inputs, {len(inputs)} example inputs were given")
    return conv, b.finish(result, mark_weights=True)


_SPLITS = {"chunk", "split", "unbind", "tensor_split"}


def _getitem(conv, node, env, operand):
    """x[index] of a tensor, or one piece of chunk / split / unbind."""
    import torch
    source, index = node.args
    if isinstance(conv.values.get(source), tuple):  # (attention, weights)
        value = conv.values[source][index]
        if value is None:
            conv.fail("the attention weights (need_weights) are not supported")
        return value
    shape = tuple(env[node].shape)
    if isinstance(env[source], torch.Tensor):
        return conv.index(operand(conv.values[source]), index, shape)
    name = getattr(source.target, "__name__", source.target)
    if name not in _SPLITS or not isinstance(index, int):
        conv.fail(f"indexing the result of {name} is not supported")
    whole = source.args[0]
    dim = source.kwargs.get("dim", source.args[2] if len(source.args) > 2 else 0)
    if name == "unbind":
        dim = source.kwargs.get("dim", source.args[1] if len(source.args) > 1 else 0)
    value = operand(conv.values[whole])
    full = value.logical_shape
    dim %= len(full)
    pieces = env[source]
    offset = sum(pieces[i].shape[dim] if name != "unbind" else 1 for i in range(index))
    sizes = list(full)
    sizes[dim] = pieces[index].shape[dim] if name != "unbind" else 1
    offsets = [0] * len(full)
    offsets[dim] = offset
    piece = conv.slice(value, offsets, sizes)
    return _Value(conv.reshape(piece.tensor, shape))


def _leaf_modules():
    import torch.nn as nn
    return (nn.Conv2d, nn.BatchNorm2d, nn.Linear, nn.LayerNorm, nn.Dropout,
            nn.Dropout2d, nn.Identity, nn.ReLU, nn.ReLU6, nn.Hardtanh, nn.GELU,
            nn.LeakyReLU, nn.SiLU, nn.Sigmoid, nn.Tanh, nn.Hardswish, nn.MaxPool2d,
            nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.Softmax, nn.Flatten,
            nn.MultiheadAttention)


def _attention(conv, mod, args, kwargs, operand):
    """nn.MultiheadAttention without masks: projections, heads, scaled
    scores, softmax, context, output projection."""
    a = lambda i, n, d=None: _arg(args, kwargs, i, n, d)  # noqa: E731
    query, key, value = (operand(a(i, n)) for i, n in
                         enumerate(("query", "key", "value")))
    if a(3, "key_padding_mask") is not None or a(5, "attn_mask") is not None:
        conv.fail("attention masks are not supported")
    if mod.bias_k is not None or mod.add_zero_attn or mod.dropout and mod.training:
        conv.fail("attention with bias_k / add_zero_attn is not supported")
    e, h = mod.embed_dim, mod.num_heads
    d = e // h
    if mod._qkv_same_embed_dim:
        w = mod.in_proj_weight.detach().numpy()
        weights = [w[:e], w[e:2 * e], w[2 * e:]]
    else:
        weights = [m.detach().numpy() for m in
                   (mod.q_proj_weight, mod.k_proj_weight, mod.v_proj_weight)]
    biases = [None] * 3
    if mod.in_proj_bias is not None:
        bias = mod.in_proj_bias.detach().numpy()
        biases = [bias[:e], bias[e:2 * e], bias[2 * e:]]

    def heads(x, weight, bias, label):
        x = conv.linear(x, weight, bias, label)
        if not mod.batch_first:  # (L, N, E) -> (N, L, E)
            x = conv.permute(x, [1, 0, 2])
        n, length, _ = x.logical_shape
        x = conv.permute(conv.view(x, (n, length, h, d)), [0, 2, 1, 3])
        return conv.view(x, (n * h, length, d)), n, length

    q, n, length = heads(query, weights[0], biases[0], "attention.query")
    k, _, _ = heads(key, weights[1], biases[1], "attention.key")
    v, _, _ = heads(value, weights[2], biases[2], "attention.value")
    scores = conv.binary(conv.matmul(q, conv.permute(k, [0, 2, 1])),
                         1.0 / math.sqrt(d), "mulf")
    context = conv.matmul(conv.softmax(scores, -1), v)
    context = conv.permute(conv.view(context, (n, h, length, d)), [0, 2, 1, 3])
    context = conv.view(context, (n, length, e))
    out = mod.out_proj
    result = conv.linear(context, out.weight.detach().numpy(),
                         None if out.bias is None else out.bias.detach().numpy(),
                         "attention.output")
    return conv.permute(result, [1, 0, 2]) if not mod.batch_first else result


def _module(conv, node, mod, args, kwargs, operand, array):
    import torch.nn as nn
    x = operand(args[0]) if args else None
    label = node.target
    if isinstance(mod, nn.Conv2d):
        if mod.padding_mode != "zeros":
            conv.fail(f"padding_mode='{mod.padding_mode}' is not supported")
        weight = mod.weight.detach().numpy().astype(np.float64)
        bias = None if mod.bias is None else mod.bias.detach().numpy().astype(np.float64)
        bn = conv.conv_fold.get(node)
        if bn is not None:
            scale = (bn.weight.detach().numpy() if bn.weight is not None else 1.0) / \
                np.sqrt(bn.running_var.detach().numpy() + bn.eps)
            shift = bn.bias.detach().numpy() if bn.bias is not None else 0.0
            weight = weight * scale[:, None, None, None]
            bias = (0.0 if bias is None else bias) - bn.running_mean.detach().numpy()
            bias = bias * scale + shift
        return conv.conv2d(x, weight, bias, mod.stride, mod.padding, mod.dilation,
                           mod.groups, label)
    if isinstance(mod, nn.BatchNorm2d):
        if node in conv.folded:
            return conv.values[conv.folded[node]]
        if mod.running_mean is None:
            conv.fail("batch norm without running statistics is not supported")
        return conv.batch_norm(
            x, mod.running_mean.numpy(), mod.running_var.numpy(),
            None if mod.weight is None else mod.weight.detach().numpy(),
            None if mod.bias is None else mod.bias.detach().numpy(), mod.eps)
    if isinstance(mod, nn.Linear):
        return conv.linear(x, mod.weight.detach().numpy(),
                           None if mod.bias is None else mod.bias.detach().numpy(), label)
    if isinstance(mod, nn.LayerNorm):
        return conv.layer_norm(
            x, mod.normalized_shape,
            None if mod.weight is None else mod.weight.detach().numpy(),
            None if mod.bias is None else mod.bias.detach().numpy(), mod.eps, label)
    if isinstance(mod, (nn.Dropout, nn.Dropout2d, nn.Identity)):
        return x
    if isinstance(mod, nn.ReLU):
        return conv.activation(x, "relu")
    if isinstance(mod, nn.ReLU6):
        return conv.activation(x, "clamp", 0.0, 6.0)
    if isinstance(mod, nn.Hardtanh):
        return conv.activation(x, "clamp", mod.min_val, mod.max_val)
    if isinstance(mod, nn.GELU):
        return conv.activation(x, "gelu", getattr(mod, "approximate", "none"))
    if isinstance(mod, nn.LeakyReLU):
        return conv.activation(x, "leaky_relu", mod.negative_slope)
    for cls, kind in [(nn.SiLU, "silu"), (nn.Sigmoid, "sigmoid"), (nn.Tanh, "tanh"),
                      (nn.Hardswish, "hardswish")]:
        if isinstance(mod, cls):
            return conv.activation(x, kind)
    if isinstance(mod, nn.MaxPool2d):
        return conv.pool(x, "max", mod.kernel_size, mod.stride, mod.padding,
                         mod.ceil_mode, dilation=mod.dilation)
    if isinstance(mod, nn.AvgPool2d):
        return conv.pool(x, "avg", mod.kernel_size, mod.stride, mod.padding,
                         mod.ceil_mode, mod.count_include_pad)
    if isinstance(mod, nn.AdaptiveAvgPool2d):
        return conv.adaptive_avg_pool(x, mod.output_size)
    if isinstance(mod, nn.Softmax):
        return conv.softmax(x, mod.dim if mod.dim is not None else -1)
    if isinstance(mod, nn.Flatten):
        return conv.view(x, _flattened(x.logical_shape, mod.start_dim, mod.end_dim))
    conv.fail(f"module {type(mod).__name__} is not supported")


def _flattened(shape, start, end):
    rank = len(shape)
    start, end = start % rank, end % rank
    return shape[:start] + (math.prod(shape[start:end + 1]),) + shape[end + 1:]


def _function(conv, kind, args, kwargs, concrete, operand, array, method_self=None):
    """One call_function (or call_method, `method_self` the tensor)."""
    if method_self is not None:
        args = (method_self,) + tuple(args)
    a = lambda i, n, d=None: _arg(args, kwargs, i, n, d)  # noqa: E731
    shape = tuple(concrete.shape)
    if kind in _IDENTITY_METHODS or kind == "dropout":
        return operand(args[0])
    if kind in _RESHAPE_METHODS or kind in ("flatten", "reshape"):
        return conv.view(operand(args[0]), shape)
    if kind == "conv2d":
        return conv.conv2d(operand(a(0, "input")), array(a(1, "weight")),
                           array(a(2, "bias")), a(3, "stride", 1), a(4, "padding", 0),
                           a(5, "dilation", 1), a(6, "groups", 1), "conv")
    if kind == "linear":
        return conv.linear(operand(a(0, "input")), array(a(1, "weight")),
                           array(a(2, "bias")), "linear")
    if kind == "matmul":
        return conv.matmul(operand(args[0]), operand(args[1]))
    if kind in _BINARY:
        x, y = args[0], args[1] if len(args) > 1 else kwargs.get("other")
        alpha = kwargs.get("alpha", 1)
        if alpha != 1:
            conv.fail("add / sub with alpha is not supported")
        if kind == "div" and kwargs.get("rounding_mode") is not None:
            conv.fail("division with a rounding mode is not supported")
        x = operand(x) if isinstance(x, (_Value, _Const)) else x
        y = operand(y) if isinstance(y, (_Value, _Const)) else y
        return conv.binary(x, y, _BINARY[kind])
    if kind in ("relu", "relu_"):
        return conv.activation(operand(args[0]), "relu")
    if kind in _ACTIVATIONS:
        return conv.activation(operand(args[0]), kind)
    if kind == "relu6":
        return conv.activation(operand(args[0]), "clamp", 0.0, 6.0)
    if kind == "hardtanh":
        return conv.activation(operand(args[0]), "clamp", a(1, "min_val", -1.0),
                               a(2, "max_val", 1.0))
    if kind == "clamp":
        return conv.activation(operand(args[0]), "clamp", a(1, "min"), a(2, "max"))
    if kind == "gelu":
        return conv.activation(operand(args[0]), "gelu", kwargs.get("approximate", "none"))
    if kind == "leaky_relu":
        return conv.activation(operand(args[0]), "leaky_relu",
                               a(1, "negative_slope", 0.01))
    if kind in ("max_pool2d", "avg_pool2d"):
        x = operand(args[0])
        kernel = a(1, "kernel_size")
        stride = a(2, "stride") or kernel
        if kind == "max_pool2d":
            if a(5, "return_indices", False):
                conv.fail("max pooling with return_indices is not supported")
            return conv.pool(x, "max", kernel, stride, a(3, "padding", 0),
                             a(5, "ceil_mode", False), dilation=a(4, "dilation", 1))
        return conv.pool(x, "avg", kernel, stride, a(3, "padding", 0),
                         a(4, "ceil_mode", False), a(5, "count_include_pad", True))
    if kind == "adaptive_avg_pool2d":
        return conv.adaptive_avg_pool(operand(args[0]), a(1, "output_size"))
    if kind == "layer_norm":
        return conv.layer_norm(operand(args[0]), a(1, "normalized_shape"),
                               array(a(2, "weight")), array(a(3, "bias")),
                               a(4, "eps", 1e-5), "layer_norm")
    if kind == "batch_norm":
        if a(5, "training", False):
            conv.fail("batch norm in training mode is not supported")
        return conv.batch_norm(operand(args[0]), array(a(1, "running_mean")),
                               array(a(2, "running_var")), array(a(3, "weight")),
                               array(a(4, "bias")), a(7, "eps", 1e-5))
    if kind == "softmax":
        return conv.softmax(operand(args[0]), a(1, "dim", -1))
    if kind in ("permute",):
        dims = args[1:] if len(args) > 2 or isinstance(args[1], int) else args[1]
        if "dims" in kwargs:
            dims = kwargs["dims"]
        return conv.permute(operand(args[0]), list(dims))
    if kind in ("transpose", "t"):
        x = operand(args[0])
        rank = len(x.logical_shape)
        d0, d1 = (a(1, "dim0"), a(2, "dim1")) if kind == "transpose" else (0, 1)
        perm = list(range(rank))
        perm[d0 % rank], perm[d1 % rank] = perm[d1 % rank], perm[d0 % rank]
        return conv.permute(x, perm)
    if kind in ("mean", "sum"):
        if kwargs.get("dtype") is not None:
            conv.fail(f"{kind} with a dtype is not supported")
        return conv.reduce(operand(args[0]), a(1, "dim"), a(2, "keepdim", False),
                           kind == "mean")
    conv.fail(f"{kind} is not supported")


def from_torch(module, example_inputs, name="forward"):
    """Linalg on tensors for `module` (a torch.nn.Module in eval mode) at
    the shapes of `example_inputs` (a tensor or a tuple of float32
    tensors): a TorchProgram. Raises FromTorchError naming any op it cannot
    take."""
    if Builder is None:
        raise ImportError("cwm.from_torch needs the cwm_models package (installed "
                          f"beside cwm): {_IMPORT_ERROR}")
    import torch
    if not isinstance(module, torch.nn.Module):
        raise FromTorchError(f"cwm.from_torch: expected a torch.nn.Module, got "
                             f"{type(module).__name__}")
    if module.training:
        raise FromTorchError("cwm.from_torch: the module is in training mode; "
                             "call module.eval() first (cwm compiles inference)")
    if isinstance(example_inputs, torch.Tensor):
        example_inputs = (example_inputs,)
    example_inputs = tuple(example_inputs)
    for i, x in enumerate(example_inputs):
        if not isinstance(x, torch.Tensor):
            raise FromTorchError(f"cwm.from_torch: example input {i} is a "
                                 f"{type(x).__name__}, not a tensor")
        if x.dtype != torch.float32:
            raise FromTorchError(f"cwm.from_torch: example input {i} is {x.dtype}; "
                                 "cwm takes float32 models")
        if x.dim() == 0 or 0 in x.shape:
            raise FromTorchError(f"cwm.from_torch: example input {i} has shape "
                                 f"{tuple(x.shape)}: empty and 0-d inputs are not "
                                 "supported")
    if not name.isidentifier():
        raise FromTorchError(f"cwm.from_torch: name '{name}' is not an identifier")
    conv, text = _convert(module, example_inputs, name)
    return TorchProgram(text, conv.weights,
                        [tuple(x.shape) for x in example_inputs], name)
