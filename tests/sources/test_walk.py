"""Folder walk honouring .gitignore, with bounded pattern matching."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio_lint.sources import walk
from portfolio_lint.sources.local import is_skipped_dir
from portfolio_lint.sources.walk import load_ignore_spec, too_complex, walk_folder
from tests.conftest import write_tree

PATHOLOGICAL = "*a" * 26 + "*b"


def _walk(root: Path, warnings: list[str] | None = None) -> list[str]:
    return walk_folder(root, is_skipped_dir, [] if warnings is None else warnings, 10_000)


@pytest.mark.parametrize(
    ("pattern", "complex_"),
    [
        ("*.pyc", False),
        ("**/build/**/*.o", False),
        ("*_*.pkl", False),
        ("*.py[cod]", False),
        ("*a*a*a*b", True),
        (PATHOLOGICAL, True),
    ],
)
def test_too_complex(pattern: str, complex_: bool) -> None:
    assert too_complex(pattern) is complex_


def test_walk_honours_nested_gitignores_and_negation(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "*.log\ndata/\n!keep.log\n",
            "keep.log": "k",
            "debug.log": "d",
            "data/raw.csv": "x",
            "src/main.py": "",
            "src/.gitignore": "generated_*.py\n",
            "src/generated_1.py": "",
            "src/notes.md": "",
        },
    )
    assert _walk(tmp_path) == [
        ".gitignore",
        "keep.log",
        "src/.gitignore",
        "src/main.py",
        "src/notes.md",
    ]


def test_walk_skips_virtualenvs_caches_and_dependencies(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "app.py": "",
            "node_modules/x/index.js": "",
            "__pycache__/a.pyc": "",
            "env/pyvenv.cfg": "home = /usr",
            "env/lib/site.py": "",
            ".git/config": "",
            "pkg.egg-info/PKG-INFO": "",
        },
    )
    assert _walk(tmp_path) == ["app.py"]


def test_pathological_patterns_are_dropped_and_the_walk_finishes(tmp_path: Path) -> None:
    files = {".gitignore": f"{PATHOLOGICAL}\n*.tmp\n"}
    files.update({"a" * (200 - i) + "c": "" for i in range(50)})
    files["x.tmp"] = ""
    write_tree(tmp_path, files)
    warnings: list[str] = []
    found = _walk(tmp_path, warnings)
    assert "x.tmp" not in found  # the sane pattern still applies
    assert len(found) == 51
    assert any("wildcards not applied" in w for w in warnings)


def test_matching_stops_when_its_time_budget_is_spent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {".gitignore": "*.tmp\n", "x.tmp": "", "y.py": ""})
    monkeypatch.setattr(walk, "MATCH_BUDGET_SECONDS", -1.0)
    warnings: list[str] = []
    assert _walk(tmp_path, warnings) == [".gitignore", "x.tmp", "y.py"]
    assert any("took too long" in w for w in warnings)


def test_oversized_or_special_gitignore_is_not_applied(tmp_path: Path) -> None:
    write_tree(tmp_path, {"big/.gitignore": "x\n" * 200_000, "big/x": "", "y.py": ""})
    os.mkfifo(tmp_path / ".gitignore")  # reading it must not block the walk
    warnings: list[str] = []
    # The walk lists names; LocalSource drops the FIFO itself (only regular files are entries).
    assert _walk(tmp_path, warnings) == [".gitignore", "y.py", "big/.gitignore", "big/x"]
    assert any("larger than" in w for w in warnings)


def test_symlinked_directories_are_not_descended(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.txt": "x"})
    root = tmp_path / "repo"
    write_tree(root, {"a.py": ""})
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    assert _walk(root) == ["a.py"]


def test_too_many_patterns_are_a_warning() -> None:
    warnings: list[str] = []
    spec = load_ignore_spec("\n".join(f"f{i}" for i in range(5_000)), warnings, ".gitignore")
    assert spec is None and warnings
