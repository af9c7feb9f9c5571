"""The code base stays ruff-clean and ruff-formatted (the lint step of the test suite)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PATHS = ("src", "tests", "benchmarks")


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("ruff") or shutil.which("ruff", path=str(sys.prefix + "/bin"))
    if executable is None:
        pytest.fail("ruff is not installed (it is a dev dependency)")
    return subprocess.run(
        [executable, *args, *PATHS], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    done = ruff("check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_would_change_nothing() -> None:
    done = ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
