"""MemorySource: files from a mapping, validated paths, no git, no disk."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable

import pytest

from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Status
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.memory import NO_HISTORY, MemorySource, path_problem
from tests.sources.test_contract import HISTORY_RULES, fake_token


def test_files_are_listed_in_git_order_with_their_sizes() -> None:
    source = MemorySource({"b.py": "x = 1\n", "a/é.md": "é", "a/Z.txt": b"\0\1", "B.md": ""})
    listed = [(e.path, e.size, e.tracked) for e in source.files()]
    # git sorts by the path's bytes: upper case first, "a/Z" before "a/é" (0xC3 > 'Z')
    assert listed == [
        ("B.md", 0, True),
        ("a/Z.txt", 2, True),
        ("a/é.md", 2, True),
        ("b.py", 6, True),
    ]


def test_untracked_when_asked() -> None:
    assert [e.tracked for e in MemorySource({"a.py": ""}, tracked=False).files()] == [False]


def test_reads_text_as_utf8_bytes_as_given_and_honours_the_limit() -> None:
    source = MemorySource({"a.md": "café", "b.bin": b"\xff\x00\x01"})
    assert source.read_bytes("a.md", 100) == "café".encode()
    assert source.read_bytes("a.md", 3) == b"caf"
    assert source.read_bytes("b.bin", 100) == b"\xff\x00\x01"
    assert source.read_bytes("missing.md", 100) is None


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("", "empty path"),
        ("../outside.py", "`..` segment"),
        ("a/../../outside.py", "`..` segment"),
        ("/etc/passwd", "absolute path"),
        ("a\0b.py", "NUL in path"),
        ("a//b.py", "empty segment"),
        ("a/", "empty segment"),
        ("./a.py", "`.` segment"),
        (".git/config", "inside .git"),
        ("sub/.GIT/hooks/pre-commit", "inside .git"),
        ("bad\udcff.py", "not UTF-8"),
        ("bad\ud800.py", "not UTF-8"),
    ],
)
def test_paths_that_name_no_repository_file_are_dropped_with_a_warning(
    path: str, problem: str
) -> None:
    assert path_problem(path) == problem
    source = MemorySource({path: "x", "kept.py": "y"})
    assert [e.path for e in source.files()] == ["kept.py"]
    assert source.read_bytes(path, 100) is None
    assert source.warnings() == [f"{path!r}: {problem}, not read"]


def test_a_file_that_is_also_a_folder_is_dropped() -> None:
    source = MemorySource({"docs": "a file", "docs/guide/index.md": "# Guide", "docs2": ""})
    assert [e.path for e in source.files()] == ["docs/guide/index.md", "docs2"]
    assert source.warnings() == ["'docs': also a folder, not read"]
    assert [e.path for e in MemorySource({"docs/guide": "", "docs/x.md": ""}).files()] == [
        "docs/guide",
        "docs/x.md",
    ]


@pytest.mark.parametrize("path", ["a.py", ".gitignore", "a/.github/x.yml", "..a/b..", "a b/c?.md"])
def test_ordinary_paths_are_kept(path: str) -> None:
    assert path_problem(path) is None
    assert [e.path for e in MemorySource({path: ""}).files()] == [path]
    assert MemorySource({path: ""}).warnings() == []


def test_no_git_commit_or_host() -> None:
    source = MemorySource({"a.py": ""}, name="demo")
    assert source.name == "demo"
    assert source.git_root() is None
    assert source.commit() is None
    assert source.metadata() is None
    assert source.unavailable() == NO_HISTORY
    assert MemorySource({}).name == "<memory>"


def test_a_full_lint_runs_no_process_and_opens_no_file(
    rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule, history on: findings come from memory, history rules say why they skip."""
    files: dict[str, str | bytes] = {
        "README.md": "# Demo\n\nRun `python train.py`.\n",
        "train.py": f'TOKEN = "{fake_token()}"\ndata = open("/Users/ada/data.csv")\n',
    }

    def run() -> list[tuple[str, Status, str | None]]:
        repo = Repo(MemorySource(files), Config(), RunOptions(use_cache=False, history=True))
        return [(r.rule.code, r.status, r.reason) for r in lint(repo, rubric).results]

    warm = run()  # imports every lazily loaded module first

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"touched the system: {args}")

    for name, owner in (("Popen", subprocess), ("open", os), ("stat", os), ("lstat", os)):
        monkeypatch.setattr(owner, name, refuse)
    results = run()
    monkeypatch.undo()
    assert results == warm
    status = {code: (state, reason) for code, state, reason in results}
    assert not [code for code, (state, _) in status.items() if state is Status.ERROR]
    assert status["SEC001"][0] is Status.FAILED and status["DAT001"][0] is not Status.PASSED
    assert all(status[code] == (Status.NOT_APPLICABLE, NO_HISTORY) for code in HISTORY_RULES)


def test_repo_warnings_name_dropped_paths(memory_repo: Callable[..., Repo]) -> None:
    repo = memory_repo({"README.md": "# x\n", "../escape.py": "import os\n"})
    assert [e.path for e in repo.files] == ["README.md"]
    assert repo.warnings == ("'../escape.py': `..` segment, not read",)
