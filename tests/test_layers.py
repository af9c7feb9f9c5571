"""The layer contracts in pyproject.toml hold (import-linter, function-level imports included)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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


def _lint_imports(root: Path) -> str:
    executable = shutil.which("lint-imports") or str(ROOT / ".venv" / "bin" / "lint-imports")
    done = subprocess.run(
        [executable, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(root / "src"), "PATH": sys.prefix + "/bin"},
    )
    return done.stdout + done.stderr


def test_function_level_upward_imports_and_cycles_break_the_contracts(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    package = tmp_path / "src" / "portfolio_lint"
    # An upward import hidden in a function body: core reaching for the Repo.
    with (package / "core" / "scoring.py").open("a") as module:
        module.write("\n\ndef _planted() -> None:\n    import portfolio_lint.facts.repo\n")
    # A cycle between two modules of one layer: repo already imports facts.readme.
    with (package / "facts" / "readme.py").open("a") as module:
        module.write("\n\ndef _planted() -> None:\n    import portfolio_lint.facts.repo\n")
    output = _lint_imports(tmp_path)
    assert "portfolio_lint.core.scoring -> portfolio_lint.facts.repo" in output
    assert "no import cycles, between packages or between the modules of one BROKEN" in output
