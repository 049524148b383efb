"""The PyTorch reference of a built model, and its weights.

`weights(builder, seed)` draws every function argument (input first, then
weights in creation order) as float32 numpy arrays; `run(builder, arrays)`
evaluates the model with PyTorch's own operators (convolutions, pooling,
layer norm, GELU, softmax, matrix products), layer by layer as the builder
recorded them, on the same arrays. Layouts follow the builder: activations
NHWC, convolution weights HWCF (depthwise HWC), matmul weights K x N.
"""

import math

import numpy as np


def weights(builder, seed=0):
    """One float32 array per function argument, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    arrays = []
    for param in builder.params:
        shape = param.tensor.shape
        std = param.std
        if std is None:  # He initialization over the fan-in
            fan_in = math.prod(shape[:-1]) if len(shape) > 1 else 1
            std = math.sqrt(2.0 / fan_in)
        values = rng.standard_normal(shape, dtype=np.float32) * np.float32(std)
        arrays.append((values + np.float32(param.mean)).astype(np.float32))
    return arrays


def _nchw(x):
    return x.permute(0, 3, 1, 2)


def _nhwc(x):
    return x.permute(0, 2, 3, 1).contiguous()


def _references():
    import torch
    import torch.nn.functional as F

    def conv2d(x, filters, kernel, stride=1, padding=0, label="", params=()):
        w, b = params
        return _nhwc(F.conv2d(_nchw(x), w.permute(3, 2, 0, 1), b, stride,
                              padding))

    def depthwise(x, stride=1, padding=1, label="", params=()):
        w, b = params
        channels = x.shape[3]
        return _nhwc(F.conv2d(_nchw(x), w.permute(2, 0, 1).unsqueeze(1), b,
                              stride, padding, groups=channels))

    def maxpool(x, kernel=3, stride=2, padding=1, params=()):
        return _nhwc(F.max_pool2d(_nchw(x), kernel, stride, padding))

    def pad(x, low, high, value=0.0, params=()):
        spec = []
        for lo, hi in reversed(list(zip(low, high))):
            spec += [lo, hi]
        return F.pad(x, spec, value=value)

    def dense(x, features, label="", params=()):
        w, b = params
        return x @ w + b

    def add(x, y, relu=False, params=()):
        return torch.relu(x + y) if relu else x + y

    def layernorm(x, label="", eps=1e-12, params=()):
        gamma, beta = params
        return F.layer_norm(x, (x.shape[-1],), gamma, beta, eps)

    def heads(x, count, transpose_last=False, params=()):
        seq, width = x.shape
        split = x.reshape(seq, count, width // count)
        return split.permute(1, 2, 0) if transpose_last else split.permute(1, 0, 2)

    def merge_heads(x, params=()):
        count, seq, d = x.shape
        return x.permute(1, 0, 2).reshape(seq, count * d)

    def reshape(x, shape, groups, expand, params=()):
        return x.reshape(shape)

    def transpose(x, permutation, params=()):
        return x.permute(*permutation)

    return {
        "conv2d": conv2d,
        "depthwise": depthwise,
        "maxpool": maxpool,
        "pad": pad,
        "bias_add": lambda x, bias, params=(): x + bias,
        "relu": lambda x, params=(): torch.relu(x),
        "relu6": lambda x, params=(): torch.clamp(x, 0.0, 6.0),
        "add": add,
        "global_avgpool": lambda x, params=(): x.mean(dim=(1, 2)),
        "dense": dense,
        "reshape": reshape,
        "transpose": transpose,
        "layernorm": layernorm,
        "gelu": lambda x, params=(): F.gelu(x, approximate="tanh"),
        "heads": heads,
        "merge_heads": merge_heads,
        "scale": lambda x, factor, params=(): x * factor,
        "batch_matmul": lambda x, y, params=(): torch.bmm(x, y),
        "softmax": lambda x, params=(): torch.softmax(x, dim=-1),
    }


def run(builder, arrays, threads=None):
    """The model's output (a float32 numpy array) computed by PyTorch."""
    import torch
    from .linalg import Tensor

    if threads:
        torch.set_num_threads(threads)
    references = _references()
    if len(arrays) != len(builder.params):
        raise ValueError(f"{builder.name} takes {len(builder.params)} "
                         f"arrays, got {len(arrays)}")
    values = {p.tensor.name: torch.from_numpy(np.ascontiguousarray(a))
              for p, a in zip(builder.params, arrays)}

    def value(arg):
        if isinstance(arg, Tensor):
            if arg.name not in values:
                raise ValueError(f"{arg.name} is not the output of a layer "
                                 "with a PyTorch reference")
            return values[arg.name]
        return arg

    with torch.no_grad():
        for out, name, args, kwargs, params in builder.steps:
            if name not in references:
                raise ValueError(f"no PyTorch reference for layer '{name}'")
            result = references[name](
                *[value(a) for a in args],
                params=[values[p.tensor.name] for p in params], **kwargs)
            values[out.name] = result
        return values[builder.result.name].numpy().copy()
