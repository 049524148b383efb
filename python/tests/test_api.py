"""The Python package's compiled core: tune, compile, Database, plots."""

import json
import pathlib
import warnings

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
    (task,) = result.report["tasks"]
    # The module carries the best schedule, unless none of the three beat
    # the untuned lowering (on a loaded machine): then the report says so
    # and the module is the untuned one.
    scheduled = "scf.forall" in result.module or "vector." in result.module
    assert scheduled != task["keeps_default"]
    assert task["name"] == "mm"
    assert task["trials_measured"] == 3
    assert task["best_median_s"] > 0
    assert result.report["cost_model"] == "random"


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
    # Small operands off a 64-byte boundary (numpy aligns to 16) are copied
    # to one, as the kernels were tuned on; the outputs start on one.
    raw = np.empty(64 * 96 + 4, dtype=np.float32)
    shift = next(s for s in range(1, 16) if (raw.ctypes.data + 4 * s) % 64)
    a_off = raw[shift:shift + 64 * 96].reshape(64, 96)
    a_off[...] = a
    assert a_off.ctypes.data % 64 != 0
    assert cwm.runtime.aligned(a_off).ctypes.data % 64 == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = model(a_off, b)
    assert out.ctypes.data % 64 == 0
    np.testing.assert_allclose(out, a @ b, rtol=1e-4, atol=1e-4)
    # A large one is passed as it is (no copy at every call), with a warning
    # naming it once.
    cwm.runtime._COPY_UNALIGNED_BYTES = 0
    b = cwm.runtime.aligned(b)
    try:
        with pytest.warns(RuntimeWarning, match=r"inputs \[0\] do not start"):
            out = model(a_off, b)
        np.testing.assert_allclose(out, a @ b, rtol=1e-4, atol=1e-4)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model(a_off, b)
    finally:
        cwm.runtime._COPY_UNALIGNED_BYTES = 1 << 16


def test_errors_name_the_problem():
    core_built()
    with pytest.raises(RuntimeError, match="cannot parse"):
        cwm.tune("func.func @broken(", trials=1)
    with pytest.raises(RuntimeError, match="unknown scheduler"):
        cwm.tune(MATMUL, budget=8, scheduler="fastest-first")
    with pytest.raises(ValueError, match="not allowed"):
        cwm.tune(MATMUL, database="a b.jsonl")


def test_bad_input_is_a_clear_python_error(tmp_path):
    core_built()
    # Empty text is not an empty module to tune.
    with pytest.raises(RuntimeError, match="no MLIR given"):
        cwm.tune("")
    with pytest.raises(RuntimeError, match="no MLIR given"):
        cwm.tune("   \n")
    # A module without tasks still returns a report (with no tasks).
    result = cwm.tune("func.func @id(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
                      "  return %a : tensor<4xf32>\n}\n", trials=1)
    assert result.report["tasks"] == []
    # An index-typed gather is left alone (a warning), not a segfault.
    gather = """
func.func @gather(%idx: tensor<8xindex>, %src: tensor<16x4xf32>) -> tensor<8x4xf32> {
  %init = tensor.empty() : tensor<8x4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]} ins(%idx : tensor<8xindex>) outs(%init : tensor<8x4xf32>) {
  ^bb0(%i: index, %o: f32):
    %j = linalg.index 1 : index
    %v = tensor.extract %src[%i, %j] : tensor<16x4xf32>
    linalg.yield %v : f32
  } -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}
"""
    assert cwm.tune(gather, trials=1).report["tasks"] == []
    # Importing from a missing file is an error and creates nothing.
    db = cwm.Database(tmp_path / "db.jsonl")
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(ValueError, match="no such database file"):
        db.import_from(missing)
    assert not missing.exists()
    with pytest.raises(ValueError, match="a folder"):
        db.import_from(tmp_path)


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


def test_world_model_ranks_a_module():
    core_built()
    world = cwm.WorldModel()  # the shipped pre-trained model
    assert world.config["scores"] and world.config["latent"] > 0
    first = world.rank(MATMUL, candidates=16, top=3, seed=4)
    (task,) = first
    assert task["task"] == "mm" and task["op"] == "linalg.matmul"
    assert 3 <= task["ranked_from"] <= 16
    assert [r["rank"] for r in task["ranked"]] == [0, 1, 2]
    scores = [r["score"] for r in task["ranked"]]
    assert scores == sorted(scores, reverse=True)
    assert all(r["trace"]["actions"] for r in task["ranked"])
    assert world.rank(MATMUL, candidates=16, top=3, seed=4) == first
    # Given traces: the best sampled one ranks alone.
    (given,) = world.rank(MATMUL, traces=[task["ranked"][0]["trace"]])
    assert given["ranked_from"] == 1
    assert given["ranked"][0]["score"] == pytest.approx(scores[0], rel=1e-5)


def test_world_model_scores_a_database(tuned):
    path, _ = tuned
    scored = cwm.WorldModel().score(path)
    (group,) = scored["groups"]
    records = cwm.Database(path).records(group["key"])
    assert group["task"] == "mm" and len(group["candidates"]) == 3
    for candidate in group["candidates"]:
        record = records[candidate["record"]]
        assert not record["baseline"]
        if record["result"]["status"] == "ok":
            assert candidate["seconds"] == pytest.approx(record["result"]["median"])
    for metrics in (scored["metrics"], scored["random"]):
        assert 0 <= metrics["pairwise_accuracy"] <= 1 and metrics["groups"] <= 1


def test_train_world_model(tuned, tmp_path):
    path, _ = tuned
    lines = []
    options = dict(epochs=2, latent=8, hidden=16, seed=3)
    model, metrics = cwm.train_world_model(path, tmp_path / "a.pt",
                                           progress=lines.append, **options)
    assert model.config["latent"] == 8 and model.config["trains"]
    assert metrics["train"]["candidates"] == 3 and "heldout" not in metrics
    assert any("epoch 2/2" in line for line in lines)
    # Deterministic for a seed: a second run scores alike.
    again, _ = cwm.train_world_model([path], tmp_path / "b.pt", **options)
    scores = lambda m: [c["score"] for c in m.score(path)["groups"][0]["candidates"]]
    assert scores(model) == scores(again)
    # Training on continues from a model file.
    more, _ = cwm.train_world_model(path, tmp_path / "c.pt", epochs=1,
                                    start_from=tmp_path / "a.pt")
    assert more.config["hidden"] == 16 and scores(more) != scores(model)


def test_world_model_errors_name_the_problem(tuned, tmp_path):
    path, _ = tuned
    bad = tmp_path / "bad.pt"
    bad.write_text("not a model")
    with pytest.raises(RuntimeError, match="cannot be read"):
        cwm.WorldModel(bad)
    with pytest.raises(RuntimeError, match="does not exist"):
        cwm.WorldModel(tmp_path / "missing.pt")
    with pytest.raises(RuntimeError, match="does not exist"):
        cwm.train_world_model(tmp_path / "missing.jsonl", tmp_path / "m.pt")
    # A corrupt line is skipped and named; the rest still scores.
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text(pathlib.Path(path).read_text() + "not json\n")
    scored = cwm.WorldModel().score(damaged)
    assert len(scored["groups"][0]["candidates"]) == 3
    assert len(scored["warnings"]) == 1 and "corrupt line" in scored["warnings"][0]
    with pytest.raises(RuntimeError, match="bad ranking options"):
        cwm.WorldModel().rank(MATMUL, candidates=0, top="x")
    with pytest.raises(RuntimeError, match="candidates and top must be"):
        cwm.WorldModel().rank(MATMUL, candidates=0)


def test_progress_callback_sees_every_trial_and_can_stop(tmp_path):
    core_built()
    seen = []

    def progress(info):
        seen.append(info)
        return len(seen) < 2  # stop after the second trial

    result = cwm.tune(MATMUL, trials=6, database=str(tmp_path / "db.jsonl"),
                      cost_model="random", batch=1, min_time=0.01,
                      progress=progress)
    assert [p["trial"] for p in seen] == [1, 2]
    assert seen[0]["task"] == "mm" and seen[0]["trials"] == 6
    assert seen[0]["status"] in ("ok", "wrong_result", "crash", "timeout")
    assert seen[1]["elapsed_seconds"] > 0
    (task,) = result.report["tasks"]
    assert task["stopped"] is True
    assert task["trials_measured"] == 2  # both kept; nothing started after
    assert "func.func @mm" in result.module


def test_ctrl_c_stops_cleanly_and_raises(tmp_path):
    core_built()
    import signal
    calls = []

    def progress(info):
        calls.append(info["trial"])
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)  # as Ctrl-C during a trial

    path = tmp_path / "db.jsonl"
    # Python's own Ctrl-C handler (a runner such as lit may start us with
    # SIGINT ignored).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            cwm.tune(MATMUL, trials=6, database=str(path), cost_model="random",
                     batch=1, min_time=0.01, progress=progress)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert calls == [1]
    # The measured trial and the baseline are in the database.
    db = cwm.Database(path)
    (workload,) = db.workloads()
    assert len(db.records(workload["key"])) == 2


def test_progress_errors_propagate(tmp_path):
    core_built()

    def progress(info):
        raise ValueError("from the callback")

    with pytest.raises(ValueError, match="from the callback"):
        cwm.tune(MATMUL, trials=3, database=str(tmp_path / "db.jsonl"),
                 cost_model="random", batch=1, min_time=0.01, progress=progress)


CONV_NCHW = """
func.func @conv_nchw(%x: tensor<2x8x12x12xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<2x16x10x10xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x16x10x10xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x16x10x10xf32>) -> tensor<2x16x10x10xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x8x12x12xf32>, tensor<16x8x3x3xf32>)
      outs(%acc : tensor<2x16x10x10xf32>) -> tensor<2x16x10x10xf32>
  %e2 = tensor.empty() : tensor<2x16x10x10xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<2x16x10x10xf32>) outs(%e2 : tensor<2x16x10x10xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x16x10x10xf32>
  return %r : tensor<2x16x10x10xf32>
}
"""


def test_nchw_convolutions_are_tuned_as_nhwc_and_match_torch(tmp_path):
    """PyTorch's layout: the convolution is tuned as an NHWC task (the
    transposes around it are tasks or producers of their own), and the
    compiled layer computes what torch.nn.functional.conv2d does."""
    torch = pytest.importorskip("torch")
    path = tmp_path / "conv.jsonl"
    result = cwm.tune(CONV_NCHW, trials=4, database=str(path),
                      cost_model="random", batch=4, min_time=0.01, seed=3)
    classes = {w["task"]["op_class"] for w in cwm.Database(str(path)).workloads()}
    assert "conv2d" in classes, classes
    model = cwm.compile(CONV_NCHW, tmp_path / "conv.so", database=str(path))
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 8, 12, 12), dtype=np.float32)
    w = rng.standard_normal((16, 8, 3, 3), dtype=np.float32)
    expected = torch.relu(torch.nn.functional.conv2d(
        torch.from_numpy(x), torch.from_numpy(w))).numpy()
    np.testing.assert_allclose(model(x, w), expected, rtol=1e-4, atol=1e-4)


def test_export_spec_is_applied_by_stock_mlir_opt(tuned, tmp_path):
    """cwm.export_spec writes the library cwm-opt --cwm-export-spec writes:
    Debian's mlir-opt applies it to the untagged payload."""
    import shutil
    import subprocess
    path, _ = tuned
    spec = tmp_path / "spec.mlir"
    library = cwm.export_spec(str(path), spec)
    assert spec.read_text() == library
    assert "transform.foreach_match in %root @match_" in library
    assert '["linalg.matmul"]' in library
    mlir_opt = shutil.which("mlir-opt-22") or "/usr/lib/llvm-22/bin/mlir-opt"
    payload = tmp_path / "mm.mlir"
    payload.write_text(MATMUL)
    out = subprocess.run(
        [mlir_opt, str(payload), "--transform-preload-library=transform-library-paths="
         + str(spec), "--transform-interpreter"],
        check=True, capture_output=True, text=True).stdout
    # The tuned schedule ran (the library holds one, checked above): every
    # schedule tiles, parallelizes or vectorizes.
    assert any(op in out for op in ("scf.for", "scf.forall", "vector.")), out
    with pytest.raises(RuntimeError, match="does not exist"):
        cwm.export_spec(str(tmp_path / "missing.jsonl"))


DENSE_TRANSPOSED = """
func.func @dense(%x: tensor<8x16xf32>, %w: tensor<32x16xf32> {cwm.weight}) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %te = tensor.empty() : tensor<16x32xf32>
  %t = linalg.transpose ins(%w : tensor<32x16xf32>) outs(%te : tensor<16x32xf32>)
         permutation = [1, 0]
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %m = linalg.matmul ins(%x, %t : tensor<8x16xf32>, tensor<16x32xf32>)
         outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %m : tensor<8x32xf32>
}
"""


def test_bound_weights_are_prepared_once(tmp_path):
    """What reads only the arguments marked cwm.weight (here a transpose)
    runs in dense_prepare when the weights are bound; the bound function
    then reads the prepared value, and the plain call still takes
    everything."""
    model = cwm.compile(DENSE_TRANSPOSED, tmp_path / "dense.so")
    function = model["dense"]
    assert function.weights == [1]
    assert function.split == {"prepare": "dense_prepare",
                              "prepared": "dense_prepared"}
    assert model["dense_prepare"].role == "prepare"
    rng = np.random.default_rng(2)
    x = rng.standard_normal((8, 16), dtype=np.float32)
    w = rng.standard_normal((32, 16), dtype=np.float32)
    expected = x @ w.T
    np.testing.assert_allclose(model(x, w), expected, rtol=1e-5, atol=1e-5)
    bound = model.bind(w)
    np.testing.assert_allclose(bound(x), expected, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(bound(2 * x), 2 * expected, rtol=1e-5,
                               atol=1e-5)
    assert bound.benchmark(x, min_time=0.01) > 0
    # The prepared function computes from the value it is given, not from
    # the weight again.
    zeros = np.zeros((16, 32), dtype=np.float32)
    assert not model["dense_prepared"](x, w, zeros).any()
    with pytest.raises(ValueError, match="takes 1 weights, got 0"):
        model.bind()
    with pytest.raises(ValueError, match=r"weight 1 has shape \(3, 3\)"):
        model.bind(np.zeros((3, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="takes 1 inputs, got 2"):
        bound(x, x)
    plain = cwm.compile(MATMUL, tmp_path / "mm.so")
    with pytest.raises(ValueError, match="no inputs compiled as weights"):
        plain.bind(x)
