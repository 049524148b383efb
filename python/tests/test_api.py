"""The Python package's compiled core: tune, compile, Database, plots."""

import json

import numpy as np
import pytest

cwm = pytest.importorskip("cwm")

MATMUL = """
func.func @mm(%a: tensor<64x96xf32>, %b: tensor<96x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<64x128xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<64x128xf32>) -> tensor<64x128xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x96xf32>, tensor<96x128xf32>)
                     outs(%acc : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %c : tensor<64x128xf32>
}
"""


def core_built():
    try:
        return cwm.version()
    except ImportError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def tuned(tmp_path_factory):
    core_built()
    path = tmp_path_factory.mktemp("tune") / "tune.jsonl"
    result = cwm.tune(MATMUL, trials=3, database=str(path), cost_model="random",
                      batch=3, min_time=0.01, population=16, generations=1)
    return path, result


def test_tune_returns_the_tuned_module_and_report(tuned):
    _, result = tuned
    assert "func.func @mm" in result.module
    assert "scf.forall" in result.module or "vector." in result.module
    (task,) = result.report["tasks"]
    assert task["name"] == "mm"
    assert task["trials_measured"] == 3
    assert task["best_median_s"] > 0


def test_database_queries(tuned):
    path, result = tuned
    db = cwm.Database(path)
    (workload,) = db.workloads()
    assert workload["task"]["op_class"] == "matmul"
    assert db.find("mm")[0]["key"] == workload["key"]
    records = db.records(workload["key"])
    assert len(records) == 4  # baseline + 3 trials
    assert sum(r["baseline"] for r in records) == 1
    best = db.best(workload["key"], 2)
    assert len(best) == 2 and best[0]["result"]["median"] <= best[1]["result"]["median"]
    curve = db.tuning_curve(workload["key"])
    assert [t for t, _ in curve] == [1, 2, 3]
    assert all(b is None or b > 0 for _, b in curve)
    assert curve[-1][1] == min(r["result"]["median"] for r in records
                               if r["result"]["status"] == "ok")


def test_database_export_and_import(tuned, tmp_path):
    path, _ = tuned
    db = cwm.Database(path)
    exported = tmp_path / "export.jsonl"
    assert db.export_to(exported) == len(db)
    with pytest.raises(RuntimeError, match="already holds a database"):
        db.export_to(exported)
    fresh = cwm.Database(tmp_path / "fresh.jsonl")
    assert fresh.import_from(exported) == len(db)
    assert fresh.import_from(path) == 0  # nothing new
    assert len(fresh.workloads()) == 1


def test_corrupt_lines_are_reported(tmp_path):
    core_built()
    path = tmp_path / "corrupt.jsonl"
    path.write_text('{"kind": "record", "nonsense": 1}\nnot json\n')
    db = cwm.Database(path)
    assert len(db) == 0
    assert len(db.warnings) == 2


def test_compile_and_run_tuned(tuned, tmp_path):
    path, result = tuned
    model = cwm.compile(MATMUL, tmp_path / "mm.so", database=str(path))
    rng = np.random.default_rng(0)
    a = rng.standard_normal((64, 96), dtype=np.float32)
    b = rng.standard_normal((96, 128), dtype=np.float32)
    np.testing.assert_allclose(model(a, b), a @ b, rtol=1e-4, atol=1e-4)
    assert model.benchmark(a, b, min_time=0.01) > 0


def test_errors_name_the_problem():
    core_built()
    with pytest.raises(RuntimeError, match="cannot parse"):
        cwm.tune("func.func @broken(", trials=1)
    with pytest.raises(RuntimeError, match="unknown scheduler"):
        cwm.tune(MATMUL, budget=8, scheduler="fastest-first")
    with pytest.raises(ValueError, match="not allowed"):
        cwm.tune(MATMUL, database="a b.jsonl")


def test_plots(tuned, tmp_path):
    path, _ = tuned
    from cwm import plots
    png = tmp_path / "curve.png"
    curves = plots.tuning_curves({"random": path}, "mm", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(curves["random"]) >= 1
    bars = tmp_path / "peers.png"
    plots.against_peers([{"model": "m", "cwm_ms": 1.0, "pytorch_ms": 2.0}], bars)
    assert bars.read_bytes()[:4] == b"\x89PNG"
