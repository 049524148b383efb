#!/usr/bin/python3
"""CPU peers of the reference suite, timed on this machine: PyTorch eager
(Debian's 1.13: oneDNN convolutions, OpenBLAS GEMMs; convolutions in NCHW and
channels-last, the faster kept) and numpy/OpenBLAS for the GEMM-like
workloads, with the OpenBLAS kernel it picked named; plus the machine's copy
bandwidth (STREAM-style: a 256 MiB tensor copied, read + written bytes, best
of 10). The CPU side of ../shared/bench/peers/gpu_peers.py.

Usage: cpu_peers.py [--threads N] [--min-time S] [--coretype CORE] [--out FILE.json] [NAME...]
(no NAME: every CPU workload). --coretype sets OPENBLAS_CORETYPE (say SkylakeX
where OpenBLAS does not recognise an AVX-512 CPU and falls back to older
kernels): the row's figures are then torch_ms_CORE and numpy_ms_CORE. Prints one JSON line per workload and writes
FILE.json: {meta: {threads, torch, numpy, openblas_core (the kernels OpenBLAS
picks by itself), openblas_coretypes, copy_gbs}, rows: [{name, gflop,
torch_ms, torch_layout, numpy_ms, and the same with _CORE}]} (rows merged into an
existing FILE.json, so bench/cpu.sh can time each workload's peers right
after re-timing cwm's best)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--min-time", type=float, default=0.3)
    parser.add_argument("--out")
    parser.add_argument("--no-bandwidth", action="store_true")
    parser.add_argument("--coretype", help="OPENBLAS_CORETYPE for this run")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    # Before numpy and torch load their BLAS.
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    if args.coretype:
        os.environ["OPENBLAS_CORETYPE"] = args.coretype
    suffix = f"_{args.coretype}" if args.coretype else ""
    import numpy as np
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    def bench(fn):
        fn()
        fn()
        times, start = [], time.perf_counter()
        while time.perf_counter() - start < args.min_time or len(times) < 5:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    R = lambda *s: torch.randn(*s)
    cases = {}  # name: (gflop, {layout: torch fn}, numpy fn or None)

    def add(name, flops, torch_fns, numpy_fn=None):
        cases[name] = (flops / 1e9, torch_fns, numpy_fn)

    for m, n, k in [(1024, 1024, 1024), (128, 3072, 768)]:
        A, B = R(m, k), R(k, n)
        a, b = A.numpy(), B.numpy()
        add(f"matmul_{m}x{n}x{k}_f32", 2 * m * n * k, {"": lambda A=A, B=B: A @ B},
            lambda a=a, b=b: a @ b)
    A, W, bias = R(128, 768), R(768, 3072), R(3072)
    add("dense_bias_gelu_128x3072x768_f32", 2 * 128 * 3072 * 768,
        {"": lambda: F.gelu(torch.addmm(bias, A, W))})
    Q, K = R(1, 128, 12, 64), R(1, 128, 12, 64)
    q, k = Q.numpy(), K.numpy()
    add("tbg_12x128x128x64_f32", 2 * 12 * 128 * 128 * 64,
        {"": lambda: torch.matmul(Q.permute(0, 2, 1, 3), K.permute(0, 2, 3, 1))},
        lambda: np.matmul(q.transpose(0, 2, 1, 3), k.transpose(0, 2, 3, 1)))
    X, Y = R(12, 128, 64), R(12, 64, 128)
    x, y = X.numpy(), Y.numpy()
    add("bmm_12x128x128x64_f32", 2 * 12 * 128 * 128 * 64, {"": lambda: torch.bmm(X, Y)},
        lambda: np.matmul(x, y))

    def conv(name, c, h, w, k, r, stride, pad, groups=1, dil=1, bias_relu=False):
        xin, wt, bb = R(1, c, h, w), R(k, c // groups, r, r), R(k)
        oh = (h + 2 * pad - dil * (r - 1) - 1) // stride + 1
        ow = (w + 2 * pad - dil * (r - 1) - 1) // stride + 1
        flops = 2 * k * oh * ow * (c // groups) * r * r
        fns = {}
        for layout, fmt in (("NCHW", torch.contiguous_format), ("NHWC", torch.channels_last)):
            xl, wl = xin.contiguous(memory_format=fmt), wt.contiguous(memory_format=fmt)
            if bias_relu:
                fns[layout] = lambda xl=xl, wl=wl: F.relu(
                    F.conv2d(xl, wl, bb, stride=stride, padding=pad, groups=groups, dilation=dil))
            else:
                fns[layout] = lambda xl=xl, wl=wl: F.conv2d(
                    xl, wl, stride=stride, padding=pad, groups=groups, dilation=dil)
        add(name, flops, fns)

    conv("conv2d_resnet_56x56x64x64_k3", 64, 56, 56, 64, 3, 1, 1)
    conv("conv2d_resnet_14x14x256x256_k3", 256, 14, 14, 256, 3, 1, 1)
    conv("conv2d_stem_224x224x3x64_k7s2", 3, 224, 224, 64, 7, 2, 3)
    conv("depthwise_112x112x32_k3", 32, 112, 112, 32, 3, 1, 1, groups=32)
    conv("group_conv_56x56x128_g4_k3", 128, 56, 56, 128, 3, 1, 1, groups=4)
    conv("dilated_conv_56x56x64_d2_k3", 64, 56, 56, 64, 3, 1, 2, dil=2)
    conv("convlayer_56x56x64_bias_relu", 64, 56, 56, 64, 3, 1, 1, bias_relu=True)
    S = R(1536, 128)
    add("softmax_1536x128_f32", 5 * S.numel(), {"": lambda: torch.softmax(S, dim=-1)})
    L, g, be = R(128, 768), R(768), R(768)
    add("layernorm_128x768_f32", 8 * L.numel(), {"": lambda: F.layer_norm(L, (768,), g, be)})
    N2 = R(4096, 4096)
    add("rownorm_4096x4096_f32", 2 * N2.numel(),
        {"": lambda: torch.linalg.vector_norm(N2, dim=1)})

    names = args.names or list(cases)
    unknown = [n for n in names if n not in cases]
    if unknown:
        sys.exit(f"cpu_peers: no peer for {', '.join(unknown)} (known: {', '.join(cases)})")

    previous = {}
    if args.out and os.path.exists(args.out):
        try:
            previous = json.load(open(args.out))
        except ValueError:
            sys.exit(f"cpu_peers: {args.out} is not JSON (remove it to start afresh)")
    meta = previous.get("meta") or {}
    if args.coretype:
        meta.setdefault("openblas_coretypes", [])
        if args.coretype not in meta["openblas_coretypes"]:
            meta["openblas_coretypes"].append(args.coretype)
    if "openblas_core" not in meta:
        env = dict(os.environ, OPENBLAS_VERBOSE="2")
        env.pop("OPENBLAS_CORETYPE", None)
        core = subprocess.run(
            [sys.executable, "-c", "import numpy; numpy.ones((64, 64)) @ numpy.ones((64, 64))"],
            env=env, capture_output=True, text=True)
        found = [l.split(":", 1)[1].strip() for l in (core.stdout + core.stderr).splitlines()
                 if l.startswith("Core:")]
        meta.update({"threads": args.threads, "torch": torch.__version__, "numpy": np.__version__,
                     "openblas_core": found[0] if found else "unknown"})
    if not args.no_bandwidth and "copy_gbs" not in meta:
        src = torch.empty(64 * 1024 * 1024).fill_(1.0)
        dst = torch.empty_like(src)
        best = min(_timed(lambda: dst.copy_(src)) for _ in range(10))
        meta["copy_gbs"] = round(2 * src.numel() * 4 / best / 1e9, 1)
        del src, dst
    rows = {r["name"]: r for r in previous.get("rows", [])}
    for name in names:
        gflop, torch_fns, numpy_fn = cases[name]
        timed = {layout: bench(fn) for layout, fn in torch_fns.items()}
        layout = min(timed, key=timed.get)
        row = dict(rows.get(name, {}))
        row.update({"name": name, "gflop": gflop, "torch_ms" + suffix: timed[layout] * 1e3,
                    "time" + suffix: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        if layout:
            row["torch_layout" + suffix] = layout
        if numpy_fn is not None:
            row["numpy_ms" + suffix] = bench(numpy_fn) * 1e3
        rows[name] = row
        print(json.dumps(row), flush=True)
    result = {"meta": meta, "rows": list(rows.values())}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
    print(json.dumps({"meta": meta}), flush=True)


def _timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
