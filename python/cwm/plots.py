"""PNG plots of tuning results (matplotlib, no display needed).

tuning_curves({label: database path}, workload name, out.png): best time
against measured trials, one line per database (a cost model, a seed);
against_peers(rows, out.png): each model's latency with cwm and with its
peers, from bench/models.py's models.json rows.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import Database  # noqa: E402


def tuning_curves(databases, workload, output, title=None, log_scale=False):
    """Plots the best latency found against trials for `workload` (a task
    name or a workload key) in each database (log_scale: latency and trials
    on log axes); returns the curves."""
    curves = {}
    for label, path in databases.items():
        db = Database(path)
        matches = [w for w in db.workloads()
                   if w["key"] == workload or w["task"]["name"] == workload]
        if not matches:
            raise ValueError(f"{path} has no workload '{workload}'")
        points = [(t, s * 1e3) for t, s in db.tuning_curve(matches[0]["key"])
                  if s is not None]
        if points:
            curves[label] = points
    if not curves:
        raise ValueError(f"no successful measurement of '{workload}'")
    plot_curves(curves, output, title or workload, log_scale)
    return curves


def plot_curves(curves, output, title, log_scale=False):
    """Step plot of {label: [(trials, best ms)]} to the PNG `output`."""
    figure, axes = plt.subplots(figsize=(6.4, 4.0))
    for label, points in curves.items():
        axes.step([t for t, _ in points], [ms for _, ms in points],
                  where="post", label=label)
    if log_scale:
        axes.set_xscale("log")
        axes.set_yscale("log")
    axes.set_xlabel("measured trials")
    axes.set_ylabel("best latency (ms)")
    axes.set_title(title)
    axes.grid(alpha=0.3, which="both")
    axes.legend()
    figure.tight_layout()
    figure.savefig(output, dpi=120)
    plt.close(figure)


def against_peers(rows, output, title="cwm against PyTorch (CPU)"):
    """Bar chart of latency per model: `rows` are dicts with `model`,
    `cwm_ms` and one `<peer>_ms` entry per peer."""
    peers = sorted({k[:-3] for r in rows for k in r
                    if k.endswith("_ms") and k not in ("cwm_ms",
                                                       "default_lowering_ms")})
    series = ["cwm"] + peers
    width = 0.8 / len(series)
    figure, axes = plt.subplots(figsize=(6.4, 4.0))
    for i, name in enumerate(series):
        values = [r.get(f"{name}_ms", 0) for r in rows]
        axes.bar([x + i * width for x in range(len(rows))], values, width,
                 label=name)
    axes.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(rows))])
    axes.set_xticklabels([r["model"] for r in rows])
    axes.set_ylabel("latency (ms)")
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    figure.savefig(output, dpi=120)
    plt.close(figure)
