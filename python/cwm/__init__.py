"""cwm from Python: tune and compile Linalg modules, run compiled models,
read tuning databases, plot tuning curves.

    import cwm
    tuned = cwm.tune(text, target="cpu", budget=256, database="tune.jsonl")
    print(tuned.report["tasks"][0]["best_median_s"])
    model = cwm.compile(text, "model.so", database="tune.jsonl")
    output = model(*arrays)            # numpy in, numpy out

    program = cwm.from_torch(torch_module.eval(), (x,))   # PyTorch in
    cwm.tune(program, budget=256, database="tune.jsonl")
    model = cwm.compile(program, "model.so", database="tune.jsonl")
    y = model(x)                       # what torch_module(x) returns

    world = cwm.WorldModel()           # the shipped pre-trained model
    best = world.rank(text, candidates=512, top=3)[0]["ranked"][0]["trace"]
    print(world.score("tune.jsonl")["metrics"]["top1"])
    world, metrics = cwm.train_world_model(["tune.jsonl"], "mine.pt")

The compiled core is the extension `cwm._cwm` (built with cwm: CMake puts
the package, extension included, in BUILD/python); `cwm.runtime` alone
needs only numpy.
"""

import json
import os
import sys
import tempfile
from collections import namedtuple

from . import runtime
from .runtime import CompiledModel, CompileError
from .torch_frontend import BoundModel, FromTorchError, TorchProgram, from_torch

TuneResult = namedtuple("TuneResult", ["module", "report"])


def _core():
    try:
        from . import _cwm
    except ImportError as error:
        raise ImportError("cwm's compiled extension (_cwm) is not built or "
                          "not on the path: build cwm and use BUILD/python "
                          f"({error})") from None
    return _cwm


def version():
    return _core().version()


def _options(**options):
    parts = []
    for name, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        text = str(value)
        if any(c in text for c in " {}="):
            raise ValueError(f"option {name}={text!r}: spaces, braces and '=' "
                             "are not allowed")
        parts.append(f"{name.replace('_', '-')}={text}")
    return " ".join(parts)


class _ProgressBar:
    """A one-line progress bar on a terminal: task, trials, best, ETA."""

    def __init__(self, stream):
        self.stream = stream
        self.task = None

    def __call__(self, p):
        if self.task not in (None, p["task"]):
            self.stream.write("\n")
        self.task = p["task"]
        width = 24
        done = min(width, width * p["trial"] // max(1, p["trials"]))
        best = (f"{p['best_seconds'] * 1e3:.3f} ms" if p["best_seconds"] > 0
                else "-")
        eta = p["eta_seconds"]
        eta = "?" if eta is None else f"{int(eta) // 60}:{int(eta) % 60:02d}"
        self.stream.write(f"\r{p['task'][:28]:28} [{'#' * done}{'.' * (width - done)}] "
                          f"{p['trial']}/{p['trials']}  best {best}  ETA {eta} ")
        self.stream.flush()

    def close(self):
        if self.task is not None:
            self.stream.write("\n")
            self.stream.flush()


def tune(module, target="cpu", trials=None, database=None, budget=None,
         scheduler=None, cost_model=None, seed=None, quiet=True,
         progress=None, **options):
    """Tunes MLIR text (Linalg on tensors, static shapes) and returns
    TuneResult(module=tuned text, report=dict). `trials` is per task,
    `budget` over all tasks (spread by `scheduler`: gradient or
    round-robin); further cwm-autotune options go in **options (batch=,
    min_time=, threads=, ...). The database, when given, keeps every
    measurement and is resumed from.

    `progress(info)` is called after every measured trial with a dict (task,
    trial, trials, status, seconds, best_seconds, gflops, elapsed_seconds,
    eta_seconds); returning False stops tuning (the result holds the best
    schedules so far; the report marks stopped tasks "stopped"). By default
    a progress bar is drawn when stderr is a terminal (progress=False: none).
    Ctrl-C stops tuning cleanly, every measurement kept in the database, and
    raises KeyboardInterrupt."""
    if "worker" not in options:
        # The measuring worker of this build (BUILD/python/cwm -> BUILD/bin).
        worker = os.environ.get("CWM_WORKER") or os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin",
            "cwm-worker")
        if os.path.exists(worker):
            options["worker"] = os.path.normpath(worker)
    text = _options(target=target, trials=trials, db=database, budget=budget,
                    scheduler=scheduler, cost_model=cost_model, seed=seed,
                    quiet=quiet, **options)
    bar = None
    if progress is None and quiet and sys.stderr.isatty():
        progress = bar = _ProgressBar(sys.stderr)
    elif progress is False:
        progress = None
    try:
        tuned, report = _core().tune(str(module), text, progress)
    finally:
        if bar is not None:
            bar.close()
    return TuneResult(tuned, json.loads(report))


def compile(module, output, database=None, cpu="native", target="cpu",
            chip="sm_90", load_model=True):
    """Compiles MLIR text to the shared object `output` (the best schedules
    of `database` applied, else the default lowering) and loads it (a
    CompiledModel; with load_model=False the path is returned). On
    target="cuda" the object holds kernels for `chip` and its entry points
    take device memory (torch CUDA tensors); loading it needs a GPU.

    A TorchProgram (cwm.from_torch) is compiled with its weights bound: they
    are written beside the object (OUTPUT.weights.npz, which cwm.load binds
    again) and the model is called with the PyTorch module's inputs."""
    _core().compile(str(module), str(output), database or "", cpu, target, chip)
    if isinstance(module, TorchProgram):
        from . import torch_frontend
        torch_frontend.save_weights(module, output)
    return load(output) if load_model else str(output)


def load(path, cuda_runtime=None):
    """Loads a shared object written by cwm-compile (cwm.compile): a
    CompiledModel, or a BoundModel when a TorchProgram's weights lie beside
    it (PATH.weights.npz)."""
    from . import torch_frontend
    model = CompiledModel(path, cuda_runtime)
    if os.path.exists(torch_frontend.weights_path(path)):
        return BoundModel(model, torch_frontend.load_weights(path))
    return model


class Database:
    """A cwm tuning database (JSON lines; created when missing)."""

    def __init__(self, path):
        self._db = _core().Database(str(path))

    @property
    def path(self):
        return self._db.path

    @property
    def warnings(self):
        """Corrupt lines skipped when opening."""
        return list(self._db.warnings)

    def __len__(self):
        return len(self._db)

    def workloads(self):
        """Every workload: dicts with key, target, task (op class, loops,
        FLOPs, ...) and ir."""
        return [json.loads(w) for w in self._db.workloads()]

    def find(self, name):
        """Workloads whose task name is `name` (or starts with `name.`)."""
        return [w for w in self.workloads()
                if w["task"]["name"] == name or
                w["task"]["name"].startswith(name + ".")]

    def records(self, key):
        """Every record of a workload, in measurement order."""
        return [json.loads(r) for r in self._db.records(key)]

    def best(self, key, k=1):
        """The k fastest successful records (the baseline included)."""
        return [json.loads(r) for r in self._db.best(key, k)]

    def import_from(self, path):
        """Adds what another database file holds and this one lacks;
        returns the number of records added."""
        return self._db.import_from(str(path))

    def export_to(self, path, keys=()):
        """Writes workloads `keys` (all by default) with their records to a
        new file; returns the number of records written."""
        return self._db.export_to(str(path), list(keys))

    def tuning_curve(self, key):
        """(trials, best seconds so far) after each tuning record; the
        default lowering's time counts from the start."""
        return tuning_curve_of(self.records(key))


def tuning_curve_of(records):
    """Database.tuning_curve of a workload's records (in database order)."""
    best, curve = None, []
    for record in records:
        result = record["result"]
        if result["status"] == "ok" and result["median"] > 0:
            best = result["median"] if best is None else min(best, result["median"])
        if not record["baseline"]:
            curve.append((len(curve) + 1, best))
    return curve


class WorldModel:
    """A world-model file (written by cwm-train or train_world_model): ranks
    a module's candidate schedules without applying or measuring them, and
    scores a database's measured schedules against their measurements.
    WorldModel() is the pre-trained model shipped for `target`."""

    def __init__(self, path=None, target="cpu"):
        if path is None:
            path = _core().shipped_world_model(target)
            if not path:
                raise FileNotFoundError(
                    f"no pre-trained world model for target {target!r}: set "
                    "CWM_MODEL_DIR or pass a model file")
        self.path = str(path)
        self.config = json.loads(_core().describe_world_model(self.path))

    def __repr__(self):
        c = self.config
        return (f"WorldModel({self.path!r}, features v{c['feature_version']}, "
                f"latent {c['latent']}, hidden {c['hidden']})")

    def rank(self, module, candidates=256, top=5, seed=0, threads=0,
             traces=None):
        """For each task of MLIR text `module`: {task, op, ranked_from,
        ranked: [{rank, score, trace}]}, best first. The candidates are
        `candidates` samples of the search space, or `traces` (trace dicts,
        as records hold them; those that fit a task are ranked)."""
        options = {"model": self.path, "candidates": candidates, "top": top,
                   "seed": seed, "threads": threads}
        if traces is None:
            return json.loads(_core().rank_schedules(module, _options(**options)))
        with tempfile.TemporaryDirectory(prefix="cwm-rank-") as folder:
            path = os.path.join(folder, "traces.json")
            with open(path, "w") as f:
                json.dump(list(traces), f)
            options["traces"] = path
            return json.loads(_core().rank_schedules(module, _options(**options)))

    def score(self, database):
        """Scores every measured schedule of a database file (baselines left
        out) and compares with the measurements: {metrics, random, groups:
        [{key, task, hardware, candidates: [{record, seconds, score}]}],
        warnings}, `record` indexing Database.records(key), `seconds` 0 for
        a failure, `warnings` naming corrupt lines skipped. metrics and
        random (the mean of 20 random rankings) hold pairwise_accuracy,
        kendall_tau, top1, top5 and groups."""
        return json.loads(_core().score_database(self.path, str(database)))


def export_spec(database, output=None):
    """A database's best CPU schedules as a Transform library (text) that
    stock `mlir-opt --transform-preload-library=transform-library-paths=SPEC
    --transform-interpreter` applies to an untagged payload (what
    `cwm-opt --cwm-export-spec` writes; docs/schedules.md). Written to
    `output` too when given. Tasks it cannot export are comments in the
    library and are warned about."""
    import warnings
    library, skipped = _core().export_spec(str(database))
    for message in skipped:
        warnings.warn(f"cwm.export_spec: {message}", stacklevel=2)
    if output is not None:
        with open(output, "w") as f:
            f.write(library)
    return library


def transform_script(trace, task):
    """The Transform-dialect script cwm runs for a schedule: `trace` (a
    record's "trace", dict or JSON text) applied to `task` (a workload's
    "task"); the script finds the task's ops by their tags {cwm.task = 0,
    cwm.op = i}, as a database workload's "ir" carries them."""
    if not isinstance(trace, str):
        trace = json.dumps(trace)
    if not isinstance(task, str):
        task = json.dumps(task)
    return _core().transform_script(trace, task)


def report(database, output, peers=None, title=None):
    """Writes a Markdown report of a tuning database to the folder `output`
    (index.md and one tuning-curve PNG per task; cwm.reporting) and
    returns the path of index.md. `peers`: {peer name: {task name: seconds}}
    adds a column per peer with cwm's speed against it."""
    from . import reporting
    return reporting.write(database, output, peers=peers, title=title)


def train_world_model(databases, output, epochs=30, seed=0, heldout=None,
                      start_from=None, latent=128, hidden=256, lr=1e-3,
                      consistency=True, ablate_transition=False,
                      progress=None):
    """Trains a world model on tuning databases (what cwm-train does) and
    writes it to `output`. `heldout`: a manifest whose "heldout" workloads
    are evaluated, not trained on; `start_from`: continue from a model;
    `progress`: called with each progress line. Returns (WorldModel,
    metrics) where metrics has train (and heldout) {candidates, groups,
    metrics, random}, train_seconds, epochs, seed and warnings (corrupt lines skipped)."""
    if isinstance(databases, (str, os.PathLike)):
        databases = [databases]
    metrics = _core().train_world_model(
        [str(d) for d in databases], str(output),
        start_from=str(start_from or ""), heldout=str(heldout or ""),
        epochs=epochs, seed=seed, latent=latent, hidden=hidden, lr=lr,
        consistency=consistency, ablate_transition=ablate_transition,
        progress=progress)
    return WorldModel(output), json.loads(metrics)
