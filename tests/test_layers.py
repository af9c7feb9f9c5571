"""The layer contracts in pyproject.toml hold (import-linter, function-level imports included)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import ROOT


def test_every_layer_contract_is_kept() -> None:
    executable = shutil.which("lint-imports") or str(ROOT / ".venv" / "bin" / "lint-imports")
    done = subprocess.run(
        [executable, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": sys.prefix + "/bin"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout
