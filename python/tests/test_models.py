"""Whole models compiled by cwm-compile match PyTorch on the same weights.

Each model is compiled twice: with the default lowering, and with the
schedules of a tuning database shipped in data/models (zstd; tuned on this
kind of machine by bench/models.sh). Both must agree with PyTorch's own operators.
"""

import subprocess

import numpy as np
import pytest

from cwm import runtime
from cwm_models import MODELS, reference

# Relative to the largest output magnitude; f32 through tens of layers.
TOLERANCE = 1e-4


def compile_model(tools, tmp_path, name, database=None):
    _, text = MODELS[name]()
    source = tmp_path / f"{name}.mlir"
    source.write_text(text)
    library = tmp_path / (f"{name}-tuned.so" if database else f"{name}.so")
    command = [str(tools / "cwm-compile"), str(source), "-o", str(library)]
    if database:
        command.append(f"--db={database}")
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return runtime.load(library), done.stderr


def check_against_torch(name, model):
    builder, _ = MODELS[name]()
    arrays = reference.weights(builder, seed=7)
    expected = reference.run(builder, arrays)
    actual = model(*arrays)
    assert actual.shape == expected.shape
    error = np.abs(actual - expected).max() / np.abs(expected).max()
    assert error < TOLERANCE, f"{name}: relative error {error:.3g}"
    return error


@pytest.mark.parametrize("name", sorted(MODELS))
def test_default_lowering_matches_torch(tools, tmp_path, name):
    model, log = compile_model(tools, tmp_path, name)
    assert "every task keeps the default lowering" in log
    check_against_torch(name, model)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_tuned_schedules_match_torch(tools, root, tmp_path, name):
    packed = root / "data" / "models" / f"{name}-cpu.jsonl.zst"
    assert packed.exists(), f"{packed} is missing (bench/models.sh)"
    database = tmp_path / f"{name}-cpu.jsonl"
    subprocess.run(["zstd", "-q", "-d", str(packed), "-o", str(database)],
                   check=True)
    model, log = compile_model(tools, tmp_path, name, database)
    # Most tasks must really run tuned code, not the default lowering.
    applied, total = log.split(" tasks tuned from")[0].split(": ")[-1].split(" of ")
    assert int(applied) >= int(total) // 2, log
    check_against_torch(name, model)


def test_bad_inputs_are_refused(tools, tmp_path):
    model, _ = compile_model(tools, tmp_path, "bert_layer")
    builder, _ = MODELS["bert_layer"]()
    arrays = reference.weights(builder)
    with pytest.raises(ValueError, match="takes 17 inputs, got 16"):
        model(*arrays[:-1])
    arrays[0] = arrays[0][:64]
    with pytest.raises(ValueError, match=r"input 0 has shape \(64, 768\)"):
        model(*arrays)


def test_not_a_cwm_library(tmp_path):
    with pytest.raises(runtime.CompileError, match="no cwm_signature"):
        runtime.load("libm.so.6")


def test_compile_errors_are_reported(tools, tmp_path):
    source = tmp_path / "dynamic.mlir"
    source.write_text("func.func @f(%a: tensor<?xf32>) -> tensor<?xf32> {\n"
                      "  return %a : tensor<?xf32>\n}\n")
    done = subprocess.run([str(tools / "cwm-compile"), str(source), "-o",
                           str(tmp_path / "x.so")], capture_output=True,
                          text=True)
    assert done.returncode != 0
    assert "needs statically shaped tensors" in done.stderr
    done = subprocess.run([str(tools / "cwm-compile"), str(source), "-o",
                           str(tmp_path / "x.so"), "--db=/nonexistent.jsonl"],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "does not exist" in done.stderr


@pytest.mark.parametrize("name", sorted(MODELS))
def test_channels_last_reference_matches_nchw(name):
    # bench/models.py times PyTorch in both memory formats and keeps the
    # faster: both must compute the same model.
    builder, _ = MODELS[name]()
    arrays = reference.weights(builder, seed=7)
    nchw = reference.torch_model(builder, arrays)().numpy()
    channels_last = reference.torch_model(builder, arrays,
                                          channels_last=True)().numpy()
    error = np.abs(channels_last - nchw).max() / np.abs(nchw).max()
    assert error < TOLERANCE, f"{name}: relative error {error:.3g}"
