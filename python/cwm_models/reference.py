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


def _references():
    """name -> (prepare, forward): `prepare(params)` converts a layer's
    weights once (to PyTorch's layouts), `forward(*inputs, params=...,
    **options)` runs the layer. Four-dimensional activations are NCHW here,
    PyTorch's native layout: the model's NHWC input is converted once."""
    import torch
    import torch.nn.functional as F

    def same(params):
        return list(params)

    def conv2d(x, filters, kernel, stride=1, padding=0, label="", dilation=1,
               params=()):
        w, b = params
        return F.conv2d(x, w, b, stride, padding, dilation)

    def depthwise(x, stride=1, padding=1, label="", kernel=3, params=()):
        w, b = params
        return F.conv2d(x, w, b, stride, padding, groups=x.shape[1])

    def dense(x, features, label="", params=()):
        w, b = params
        return torch.addmm(b, x, w)

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

    return {
        "conv2d": (lambda p: [p[0].permute(3, 2, 0, 1).contiguous(), p[1]],
                   conv2d),
        "depthwise": (lambda p: [p[0].permute(2, 0, 1).unsqueeze(1).contiguous(),
                                 p[1]], depthwise),
        "maxpool": (same, lambda x, kernel=3, stride=2, padding=1, params=():
                    F.max_pool2d(x, kernel, stride, padding)),
        "relu": (same, lambda x, params=(): torch.relu(x)),
        "relu6": (same, lambda x, params=(): F.hardtanh(x, 0.0, 6.0)),
        "add": (same, add),
        "global_avgpool": (same, lambda x, params=(): x.mean(dim=(2, 3))),
        "dense": (same, dense),
        "layernorm": (same, layernorm),
        "gelu": (same, lambda x, params=(): F.gelu(x, approximate="tanh")),
        "heads": (same, heads),
        "merge_heads": (same, merge_heads),
        "scale": (same, lambda x, factor, params=(): x * factor),
        "batch_matmul": (same, lambda x, y, params=(): torch.bmm(x, y)),
        "softmax": (same, lambda x, params=(): torch.softmax(x, dim=-1)),
    }


def torch_model(builder, arrays, device="cpu", channels_last=False):
    """A PyTorch function computing the model from `arrays` (weights
    converted to PyTorch's layouts once, activations NCHW, all on `device`):
    call it with no arguments to get the output as a torch tensor in the
    builder's layout. `channels_last`: 4-D activations and weights in
    PyTorch's channels-last memory format (often faster on the CPU)."""
    import torch
    from .linalg import Tensor

    references = _references()
    if len(arrays) != len(builder.params):
        raise ValueError(f"{builder.name} takes {len(builder.params)} "
                         f"arrays, got {len(arrays)}")
    inputs = {}
    for param, array in zip(builder.params, arrays):
        value = torch.from_numpy(np.ascontiguousarray(array)).to(device)
        if param is builder.params[0] and value.dim() == 4:
            value = value.permute(0, 3, 1, 2).contiguous()  # NHWC -> NCHW
            if channels_last:
                value = value.contiguous(memory_format=torch.channels_last)
        inputs[param.tensor.name] = value
    steps = []
    for out, name, args, kwargs, params in builder.steps:
        if name not in references:
            raise ValueError(f"no PyTorch reference for layer '{name}'")
        prepare, forward = references[name]
        weights = prepare([inputs[p.tensor.name] for p in params])
        if channels_last:
            weights = _channels_last(weights)
        steps.append((out.name, forward, args, kwargs, weights))
    result = builder.result.name

    def run():
        values = dict(inputs)

        def value(arg):
            if isinstance(arg, Tensor):
                if arg.name not in values:
                    raise ValueError(f"{arg.name} is not the output of a "
                                     "layer with a PyTorch reference")
                return values[arg.name]
            return arg

        with torch.no_grad():
            for name, forward, args, kwargs, weights in steps:
                values[name] = forward(*[value(a) for a in args],
                                       params=weights, **kwargs)
        out = values[result]
        return out.permute(0, 2, 3, 1) if out.dim() == 4 else out

    return run


def _channels_last(weights):
    """4-D tensors among a layer's prepared weights (any nesting of lists,
    tuples and dicts) in channels-last memory format."""
    import torch
    if isinstance(weights, torch.Tensor):
        return (weights.contiguous(memory_format=torch.channels_last)
                if weights.dim() == 4 else weights)
    if isinstance(weights, (list, tuple)):
        return type(weights)(_channels_last(w) for w in weights)
    if isinstance(weights, dict):
        return {k: _channels_last(w) for k, w in weights.items()}
    return weights


def run(builder, arrays, threads=None):
    """The model's output (a float32 numpy array) computed by PyTorch."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    return torch_model(builder, arrays)().numpy().copy()
