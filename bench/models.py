"""End-to-end CPU benchmark of whole models: cwm against PyTorch.

python3 bench/models.py OUT MODEL... reads OUT/MODEL.so (cwm-compile with the
tuning database) and OUT/MODEL-report.json (cwm-autotune's report), checks the
compiled model against PyTorch on the same weights and inputs, times both in
this process with the same number of threads (median of at least 2 s of
calls each, after warm-up), and writes OUT/models.json and OUT/models.md.
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


def time_torch(function, min_time=2.0, warmup=3):
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
        expected = torch_forward().numpy()
        actual = model(*arrays)
        error = float(np.abs(actual - expected).max() / np.abs(expected).max())
        cwm_seconds = model.benchmark(*arrays, min_time=2.0)
        torch_seconds = time_torch(torch_forward)
        report = json.loads((out / f"{name}-report.json").read_text())
        tasks = report["tasks"]
        row = {
            "model": name,
            "cwm_ms": cwm_seconds * 1e3,
            "pytorch_ms": torch_seconds * 1e3,
            "speedup": torch_seconds / cwm_seconds,
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
        "| PyTorch / cwm | rel. error |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['task_instances']} ({r['distinct_tasks']}) "
            f"| {r['trials']} | {r['tuning_seconds'] / 60:.1f} min "
            f"| {r['cwm_ms']:.2f} ms | {r['pytorch_ms']:.2f} ms "
            f"| {r['speedup']:.2f}x | {r['relative_error']:.1e} |")
    (out / "models.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
