"""No rule module imports another rule module, nor another family's helpers (import-linter)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT
from tests.test_layers import _lint_imports

CONTRACT = "no check imports another check"


def test_a_rule_importing_a_rule_or_another_familys_helpers_breaks_the_contract(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert f"{CONTRACT} KEPT" in _lint_imports(tmp_path)
    checks = tmp_path / "src" / "portfolio_lint" / "checks"
    planted = {
        "docs/readme_usage.py": "portfolio_lint.checks.docs.readme_present",
        "env/dependencies_pinned.py": "portfolio_lint.checks.docs._shared",
    }
    for module, target in planted.items():
        with (checks / module).open("a") as source:
            source.write(f"\n\ndef _planted() -> None:\n    import {target}\n")
    output = " ".join(_lint_imports(tmp_path).split())  # the report wraps long lines
    assert f"{CONTRACT} BROKEN" in output
    for module, target in planted.items():
        importer = "portfolio_lint.checks." + module.removesuffix(".py").replace("/", ".")
        assert f"{importer} is not allowed to import {target}" in output
