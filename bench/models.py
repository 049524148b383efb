"""End-to-end CPU benchmark of whole models: cwm against PyTorch.

python3 bench/models.py OUT MODEL... reads OUT/MODEL.so (cwm-compile with the
tuning database) and OUT/MODEL-report.json (cwm-autotune's report), checks the
compiled model against PyTorch on the same weights and inputs, times both in
this process with the same number of threads, and writes OUT/models.json and
OUT/models.md. PyTorch runs NCHW and channels-last (the faster is the peer);
the three are timed in ROUNDS interleaved rounds (default 3) of at least
0.7 s of calls each, after warm-up, and each keeps its best round's median:
on a shared VM the machine's speed drifts over minutes, and back-to-back
rounds see the same drift. OPENBLAS_CORETYPE is passed on to PyTorch's
OpenBLAS (bench/cpu_peers.py forces SkylakeX where it is faster).
"""

import datetime
import json
import os
import pathlib
import platform
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))

from cwm import runtime  # noqa: E402
from cwm_models import MODELS, reference  # noqa: E402


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def time_torch(function, min_time=0.7, warmup=3):
    import statistics
    import time
    for _ in range(warmup):
        function()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < min_time:
        begin = time.perf_counter()
        function()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = pathlib.Path(argv[1])
    import torch
    threads = int(os.environ.get("OMP_NUM_THREADS", os.cpu_count()))
    torch.set_num_threads(threads)
    rows = []
    for name in argv[2:]:
        builder, _ = MODELS[name]()
        arrays = reference.weights(builder, seed=1)
        model = runtime.load(out / f"{name}.so")
        torch_forward = reference.torch_model(builder, arrays)
        torch_channels_last = reference.torch_model(builder, arrays,
                                                    channels_last=True)
        expected = torch_forward().numpy()
        # Weights bound once, as a deployed model is (python -m cwm_models
        # marks them): what reads only them is computed here, not per call.
        function = model._only()
        bound = function.weights == list(range(1, len(arrays)))
        if bound:
            model = function.bind(*arrays[1:])
            arrays = arrays[:1]
        actual = model(*[runtime.aligned(a) for a in arrays])
        error = float(np.abs(actual - expected).max() / np.abs(expected).max())
        rounds = int(os.environ.get("ROUNDS", "3"))
        cwm_times, nchw_times, cl_times = [], [], []
        for _ in range(rounds):
            cwm_times.append(model.benchmark(*arrays, min_time=0.7))
            nchw_times.append(time_torch(torch_forward))
            cl_times.append(time_torch(torch_channels_last))
        cwm_seconds = min(cwm_times)
        torch_seconds = min(min(nchw_times), min(cl_times))
        torch_layout = "NCHW" if min(nchw_times) <= min(cl_times) else "channels-last"
        report = json.loads((out / f"{name}-report.json").read_text())
        tasks = report["tasks"]
        row = {
            "model": name,
            "cwm_ms": cwm_seconds * 1e3,
            "weights_bound": bound,
            "weights_prepared": bool(function.split),
            "pytorch_ms": torch_seconds * 1e3,
            "speedup": torch_seconds / cwm_seconds,
            "pytorch_layout": torch_layout,
            "rounds_ms": {"cwm": [t * 1e3 for t in cwm_times],
                          "pytorch_nchw": [t * 1e3 for t in nchw_times],
                          "pytorch_channels_last": [t * 1e3 for t in cl_times]},
            "sum_of_tasks_ms": 1e3 * sum(
                t.get("count", 1) * t["best_median_s"] for t in tasks),
            "relative_error": error,
            "distinct_tasks": len(tasks),
            "task_instances": sum(t.get("count", 1) for t in tasks),
            "trials": sum(t["trials_measured"] for t in tasks),
            "tuning_seconds": sum(t["tuning_seconds"] for t in tasks),
            "default_lowering_ms": 1e3 * sum(
                t.get("count", 1) * t["baseline_median_s"] for t in tasks),
        }
        rows.append(row)
        print(f"{name}: cwm {row['cwm_ms']:.2f} ms, PyTorch "
              f"{row['pytorch_ms']:.2f} ms ({row['speedup']:.2f}x), "
              f"relative error {error:.2g}", file=sys.stderr)
    facts = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{cpu_name()}, {os.cpu_count()} cores",
        "threads": threads,
        "pytorch": torch.__version__,
        "models": rows,
    }
    (out / "models.json").write_text(json.dumps(facts, indent=2) + "\n")
    lines = [
        f"{facts['date']}, {facts['machine']}, {threads} threads, PyTorch "
        f"{facts['pytorch']} (eager, no_grad) in the same process.",
        "",
        "| model | tasks (distinct) | trials | tuning time | cwm | PyTorch "
        "(faster layout) | PyTorch / cwm | rel. error | sum of tuned tasks "
        "| cwm / sum |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['task_instances']} ({r['distinct_tasks']}) "
            f"| {r['trials']} | {r['tuning_seconds'] / 60:.1f} min "
            f"| {r['cwm_ms']:.2f} ms | {r['pytorch_ms']:.2f} ms "
            f"({r['pytorch_layout']}) | {r['speedup']:.2f}x "
            f"| {r['relative_error']:.1e} | {r['sum_of_tasks_ms']:.2f} ms "
            f"| {r['cwm_ms'] / r['sum_of_tasks_ms']:.2f}x |")
    (out / "models.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
