"""When files last changed: asked of hardened git once per Repo and pathspec."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from portfolio_lint.facts import git_dates
from portfolio_lint.facts.git_dates import last_change_of, last_commit_date, last_python_change
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.local import LocalSource
from tests.conftest import EPOCH, commit_all, write_tree


def test_last_changes_by_pathspec(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({"src/calc.py": "x = 1\n", "[ab].md": "# literal\n"})
    root = repo.source.root
    write_tree(root, {"README.md": "# Calc\n"})
    commit_all(root, "Docs", EPOCH + timedelta(days=3))
    later = Repo(LocalSource(root), options=repo.options)
    assert last_python_change(later) == EPOCH
    assert last_commit_date(later, "*.md") == EPOCH + timedelta(days=3)
    assert last_change_of(later, "[ab].md") == EPOCH  # a literal path, not a glob
    assert last_commit_date(later, "*.rs") is None


def test_no_git_no_dates(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({"a.py": "x = 1\n"}, git_repo=False)
    assert last_python_change(repo) is None


def test_git_is_asked_once_per_pathspec(
    make_repo: Callable[..., Repo], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    run = git_dates.run_git

    def counting(cwd: object, args: list[str], **kwargs: float) -> bytes:
        calls.append(args)
        return run(cwd, args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(git_dates, "run_git", counting)
    repo = make_repo({"a.py": "x = 1\n"})
    assert last_python_change(repo) == last_python_change(repo) == EPOCH
    assert len(calls) == 1
