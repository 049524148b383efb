"""End-to-end GPU benchmark of whole models: cwm against PyTorch eager and
torch.compile, on the GPU machine, in one process.

python3 bench/models_gpu.py OUT.json LABEL=DIR... [--models m1,m2]
  [--compile-mode MODE] [--cuda-runtime PATH]

For each model, DIR/MODEL.so is a model compiled by
`cwm-compile --target=cuda` (LABEL names the variant, e.g. default or
tuned). Builds the model's PyTorch reference on the GPU from the builders
(python/cwm_models; same weights, seed 1), checks every cwm variant against
it (max |cwm - torch| / max |torch|; TF32 off in PyTorch), and times cwm,
PyTorch eager and torch.compile (median of at least 1 s of synchronized calls
after warm-up). Needs PyTorch with CUDA and numpy only: the cwm runtime is
loaded from python/cwm/runtime.py without the compiled extension.
"""

import argparse
import importlib.util
import json
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))

from cwm_models import MODELS, reference  # noqa: E402


def load_runtime():
    spec = importlib.util.spec_from_file_location(
        "cwm_runtime", ROOT / "python" / "cwm" / "runtime.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_gpu(function, min_time=1.0, warmup=3, min_repeats=10):
    import torch
    for _ in range(warmup):
        function()
    torch.cuda.synchronize()
    times = []
    start = time.perf_counter()
    while len(times) < min_repeats or time.perf_counter() - start < min_time:
        begin = time.perf_counter()
        function()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def relative_error(actual, expected):
    return float((actual.float() - expected.float()).abs().max() /
                 expected.float().abs().max())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output")
    parser.add_argument("variants", nargs="+", help="LABEL=DIR")
    parser.add_argument("--models", default="resnet18,mobilenet_v2,bert_layer")
    parser.add_argument("--compile-mode", default="max-autotune-no-cudagraphs",
                        help="torch.compile mode ('none' skips it)")
    parser.add_argument("--cuda-runtime", default=str(
        ROOT / "build" / "lib" / "libcwm_cuda_runtime.so"))
    args = parser.parse_args()
    import torch
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    runtime = load_runtime()
    device = torch.cuda.get_device_name()
    rows = []
    for name in args.models.split(","):
        builder, _ = MODELS[name]()
        arrays = reference.weights(builder, seed=1)
        forward = reference.torch_model(builder, arrays, device="cuda")
        expected = forward()
        inputs = [torch.from_numpy(a).cuda() for a in arrays]
        row = {"model": name, "device": device, "torch": torch.__version__}
        for variant in args.variants:
            label, directory = variant.split("=", 1)
            path = pathlib.Path(directory) / f"{name}.so"
            if not path.exists():
                row[label] = {"error": f"{path} is missing"}
                continue
            try:
                model = runtime.load(path, cuda_runtime=args.cuda_runtime)
                actual = model(*inputs)
                error = relative_error(actual, expected)
                seconds = model.benchmark(*inputs, min_time=1.0, warmup=3,
                                          min_repeats=10)
                row[label] = {"ms": seconds * 1e3, "relative_error": error}
            except Exception as failure:  # one variant costs only itself
                row[label] = {"error": f"{type(failure).__name__}: {failure}"}
            print(name, label, row[label], flush=True)
        row["eager_ms"] = time_gpu(forward) * 1e3
        print(name, "eager", row["eager_ms"], flush=True)
        # Written before torch.compile, whose autotuning can take minutes.
        pathlib.Path(args.output).write_text(json.dumps(rows + [row], indent=1))
        if args.compile_mode != "none":
            compiled = torch.compile(forward, mode=args.compile_mode)
            begin = time.perf_counter()
            result = compiled()
            torch.cuda.synchronize()
            row["compile_seconds"] = time.perf_counter() - begin
            row["compiled_relative_error"] = relative_error(result, expected)
            row["compiled_ms"] = time_gpu(compiled) * 1e3
            row["compile_mode"] = args.compile_mode
            print(name, "torch.compile", row["compiled_ms"],
                  f"(compiled in {row['compile_seconds']:.1f} s)", flush=True)
        rows.append(row)
        pathlib.Path(args.output).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
