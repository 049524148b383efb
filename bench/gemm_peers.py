"""cuBLAS (through PyTorch) on GEMM shapes, for issue 25's same-call ratios.

python3 bench/gemm_peers.py OUT.json M,N,K,DTYPE[,EPILOGUE] ... [--min-time S] [--repeats R] [--compile]

DTYPE is f32 (TF32 off: the same arithmetic as cwm's simt_gemm) or f16
(f16 inputs; PyTorch's result is f16 where cwm's wgmma writes f32). Each shape
is timed R times (default 3) two ways, after a warm-up: "shapes", the median
of at least S seconds (default 0.2) of back-to-back calls between two CUDA
events (launch gaps hidden), and "per_call", the median of calls each
between its own pair of events, which is how cwm-run times cwm's kernels
(every launch of a candidate bracketed by events, the times summed). Writes
{"device": ..., "torch": ..., "shapes": {"MxNxK_DTYPE": [us, ...]},
"per_call": {...}}.
EPILOGUE (f32 only) makes it a dense layer, act(A @ W + b): bias, bias_relu,
bias_relu6, bias_gelu (tanh approximation), bias_silu; its key gets
"_EPILOGUE". --compile also times torch.compile (default mode; "compile"
and "compile_per_call").
conv:N,H,W,C,F,K,STRIDE,PAD,DILATION[,bias_relu] times cuDNN's f32 convolution
(F.conv2d, TF32 off) of an N x C x H x W input with F K x K filters, keyed
"conv_NxHxWxC_FxK_sS_pP_dD[_bias_relu]", in PyTorch's default layout (NCHW)
and channels_last (NHWC, cwm's): the faster of the two is the peer.
Run on the GPU machine (PyTorch with CUDA); bench/kernel-sweep.sh builds
cwm's side of the comparison.
"""

import argparse
import json
import statistics
import sys


def time_us(torch, fn, min_time):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)

    def run_ms(calls):  # `calls` back-to-back calls between the two events
        start.record()
        for _ in range(calls):
            fn()
        stop.record()
        stop.synchronize()
        return start.elapsed_time(stop)

    calls = 1  # calls per sample: at least min_time / 10 per sample
    while run_ms(calls) * 1e-3 < min_time / 10 and calls < 1 << 20:
        calls *= 2
    spent, times = 0.0, []
    while spent < min_time or len(times) < 5:
        ms = run_ms(calls)
        spent += ms * 1e-3
        times.append(ms * 1e3 / calls)
    return statistics.median(times)


def per_call_us(torch, fn, min_time):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    pairs, spent = [], 0.0
    while spent < min_time or len(pairs) < 20:
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        stop.record()
        pairs.append((start, stop))
        if len(pairs) % 64 == 0:
            stop.synchronize()
            spent = sum(a.elapsed_time(b) for a, b in pairs) * 1e-3
    torch.cuda.synchronize()
    return statistics.median(a.elapsed_time(b) * 1e3 for a, b in pairs)


def conv_peer(torch, F, spec, args, result):
    """cuDNN's convolution of `spec` (conv:N,H,W,C,F,K,S,P,D[,bias_relu]) in both
    layouts, into result["shapes"] / ["per_call"] under its key + "_nchw" / "_nhwc"."""
    fields = spec[len("conv:"):].split(",")
    try:
        n, h, w, c, f, k, stride, pad, dil = (int(x) for x in fields[:9])
        epilogue = fields[9] if len(fields) > 9 else ""
    except ValueError:
        sys.exit(f"gemm_peers: '{spec}' is not conv:N,H,W,C,F,K,STRIDE,PAD,DILATION[,bias_relu]")
    if epilogue not in ("", "bias_relu"):
        sys.exit(f"gemm_peers: convolution epilogue '{epilogue}' must be bias_relu")
    gen = torch.Generator(device="cuda").manual_seed(1)
    x = torch.randn(n, c, h, w, device="cuda", generator=gen)
    weight = torch.randn(f, c, k, k, device="cuda", generator=gen)
    bias = torch.randn(f, device="cuda", generator=gen) if epilogue else None
    key = f"conv_{n}x{h}x{w}x{c}_{f}x{k}_s{stride}_p{pad}_d{dil}" + (f"_{epilogue}" if epilogue else "")
    for layout, fmt in (("nchw", torch.contiguous_format), ("nhwc", torch.channels_last)):
        xl, wl = x.contiguous(memory_format=fmt), weight.contiguous(memory_format=fmt)
        if epilogue:
            fn = lambda: F.relu(F.conv2d(xl, wl, bias, stride=stride, padding=pad, dilation=dil))
        else:
            fn = lambda: F.conv2d(xl, wl, stride=stride, padding=pad, dilation=dil)
        times = [time_us(torch, fn, args.min_time) for _ in range(args.repeats)]
        calls = [per_call_us(torch, fn, args.min_time) for _ in range(args.repeats)]
        result["shapes"][f"{key}_{layout}"] = times
        result["per_call"][f"{key}_{layout}"] = calls
        print(f"gemm_peers: {key} ({layout}): " + ", ".join(f"{t:.1f}" for t in times) +
              " us back to back, " + ", ".join(f"{t:.1f}" for t in calls) + " us per call",
              file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("shapes", nargs="+", help="M,N,K,DTYPE (f32 or f16)")
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    import torch

    if not torch.cuda.is_available():
        sys.exit("gemm_peers: PyTorch sees no CUDA device")
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    import torch.nn.functional as F
    epilogues = {
        "bias": lambda y: y,
        "bias_relu": F.relu,
        "bias_relu6": F.relu6,
        "bias_gelu": lambda y: F.gelu(y, approximate="tanh"),
        "bias_silu": F.silu,
    }
    result = {"device": torch.cuda.get_device_name(), "torch": torch.__version__, "shapes": {},
              "per_call": {}, "compile": {}, "compile_per_call": {}}
    torch.backends.cudnn.benchmark = True  # cuDNN picks its fastest algorithm
    for spec in args.shapes:
        if spec.startswith("conv:"):
            conv_peer(torch, F, spec, args, result)
            continue
        fields = spec.split(",")
        try:
            m, n, k = int(fields[0]), int(fields[1]), int(fields[2])
            dtype = fields[3]
            epilogue = fields[4] if len(fields) > 4 else ""
        except (ValueError, IndexError):
            sys.exit(f"gemm_peers: '{spec}' is not M,N,K,DTYPE[,EPILOGUE]")
        if dtype not in ("f32", "f16"):
            sys.exit(f"gemm_peers: dtype '{dtype}' must be f32 or f16")
        if epilogue and (epilogue not in epilogues or dtype != "f32"):
            sys.exit(f"gemm_peers: epilogue '{epilogue}' must be one of {', '.join(epilogues)} (f32)")
        kind = torch.float32 if dtype == "f32" else torch.float16
        gen = torch.Generator(device="cuda").manual_seed(1)
        a = torch.randn(m, k, device="cuda", dtype=kind, generator=gen)
        b = torch.randn(k, n, device="cuda", dtype=kind, generator=gen)
        c = torch.empty(m, n, device="cuda", dtype=kind)
        if epilogue:
            bias = torch.randn(n, device="cuda", dtype=kind, generator=gen)
            act = epilogues[epilogue]
            eager = lambda: act(torch.addmm(bias, a, b))
        else:
            eager = lambda: torch.matmul(a, b, out=c)
        key = f"{m}x{n}x{k}_{dtype}" + (f"_{epilogue}" if epilogue else "")
        runs = [("shapes", "per_call", eager)]
        if args.compile:
            compiled = torch.compile(lambda: act(a @ b + bias)) if epilogue else \
                torch.compile(lambda: a @ b)
            runs.append(("compile", "compile_per_call", compiled))
        for name, per_call_name, fn in runs:
            times = [time_us(torch, fn, args.min_time) for _ in range(args.repeats)]
            calls = [per_call_us(torch, fn, args.min_time) for _ in range(args.repeats)]
            result[name][key] = times
            result[per_call_name][key] = calls
            print(f"gemm_peers: {key} ({name}): " + ", ".join(f"{t:.1f}" for t in times) +
                  " us back to back, " + ", ".join(f"{t:.1f}" for t in calls) + " us per call",
                  file=sys.stderr)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
