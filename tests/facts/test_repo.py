"""Repo: the history scan overlaps the per-file analysis only when a rule reads it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from portfolio_lint.analysis import runner
from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Status
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners import history as history_module
from portfolio_lint.untrusted.hardened_git import GitError

MANY_FILES = {f"pkg/module_{n}.py": f"VALUE_{n} = {n}\n" for n in range(runner.PARALLEL_MIN_FILES)}
SCANNER = history_module.scan_history


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the threads that ran the history scan."""
    ran: list[str] = []

    def recording(root: Path, **kwargs: float) -> history_module.History:
        ran.append(threading.current_thread().name)
        return SCANNER(root, **kwargs)

    monkeypatch.setattr(history_module, "scan_history", recording)
    return ran


def _lint(repo: Repo, rubric: Rubric, select: str) -> dict[str, Status]:
    report = lint(repo, rubric, Config(select=tuple(select.split(","))))
    return {result.rule.code: result.status for result in report.results}


def test_history_rules_scan_once_in_the_background_after_the_fork(
    make_repo: Callable[..., Repo],
    rubric: Rubric,
    scans: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads_at_fork_decision: list[list[str]] = []
    decide = runner._fork_is_safe

    def spy() -> bool:
        threads_at_fork_decision.append([thread.name for thread in threading.enumerate()])
        return decide()

    monkeypatch.setattr(runner, "_fork_is_safe", spy)
    repo = make_repo({"README.md": "# Demo\n", **MANY_FILES}, jobs=2)
    statuses = _lint(repo, rubric, "VCS,QUA")
    assert scans == ["history"]  # one scan, in its own thread
    # ... started only after the pool decided to fork (a live thread makes forking unsafe)
    assert len(threads_at_fork_decision) == 1
    assert "history" not in threads_at_fork_decision[0]
    assert statuses["VCS007"] is Status.PASSED


def test_no_history_rule_means_no_history_scan(
    make_repo: Callable[..., Repo], rubric: Rubric, scans: list[str]
) -> None:
    repo = make_repo({"README.md": "# Demo\n", "app.py": "x = 1\n"})
    assert _lint(repo, rubric, "DOC,QUA")
    assert scans == []


def test_history_read_before_the_facts_is_scanned_inline(
    make_repo: Callable[..., Repo], scans: list[str]
) -> None:
    repo = make_repo({"README.md": "# Demo\n"})
    history = repo.history
    assert history is not None and len(history.commits) == 1
    assert repo.history is history and scans == [threading.current_thread().name]


def test_a_failing_scan_in_the_thread_reaches_the_rule_as_a_warning(
    make_repo: Callable[..., Repo], rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(root: Path, **kwargs: float) -> history_module.History:
        raise GitError("git log failed: boom")

    monkeypatch.setattr(history_module, "scan_history", broken)
    repo = make_repo({"README.md": "# Demo\n", **MANY_FILES}, jobs=2)
    statuses = _lint(repo, rubric, "VCS007")
    assert statuses["VCS007"] is Status.NOT_APPLICABLE
    assert any("boom" in warning for warning in repo.warnings)


def test_history_off_is_never_scanned(
    make_repo: Callable[..., Repo], rubric: Rubric, scans: list[str]
) -> None:
    repo = make_repo({"README.md": "# Demo\n"}, history=False)
    statuses = _lint(repo, rubric, "VCS007")
    assert statuses["VCS007"] is Status.NOT_APPLICABLE and scans == []


def test_the_history_scan_is_cached_under_head(
    tmp_path: Path, make_repo: Callable[..., Repo], scans: list[str]
) -> None:
    from portfolio_lint.facts.repo import RunOptions
    from portfolio_lint.sources.local import LocalSource
    from tests.conftest import commit_all, write_tree

    first = make_repo({"README.md": "# Demo\n"})
    root = first.source.root
    options = RunOptions(cache_dir=tmp_path / "cache")

    def history() -> history_module.History | None:
        return Repo(LocalSource(root), options=options).history

    assert history() == history() and len(scans) == 1  # the second run read the cache
    write_tree(root, {"app.py": "x = 1\n"})
    commit_all(root, "Add app")
    later = history()
    assert later is not None and len(later.commits) == 2 and len(scans) == 2
