"""Shared fixtures: where cwm's tools are (CWM_TOOLS, default build/bin)."""

import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# cwm_models from the sources; `cwm` from PYTHONPATH (BUILD/python, with
# the compiled extension) when set, else the sources (runtime only).
sys.path.append(str(ROOT / "python"))


@pytest.fixture(scope="session")
def tools():
    path = pathlib.Path(os.environ.get("CWM_TOOLS", ROOT / "build" / "bin"))
    if not (path / "cwm-compile").exists():
        pytest.fail(f"cwm-compile not found in {path}: build cwm first or "
                    "set CWM_TOOLS")
    return path


@pytest.fixture(scope="session")
def root():
    return ROOT
