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


# -- the memo ------------------------------------------------------------------------------


def test_a_repository_fact_is_computed_once_per_repo_and_arguments(
    make_repo: Callable[..., Repo],
) -> None:
    from portfolio_lint.facts.repo import repository_fact

    calls: list[tuple[str, int]] = []

    @repository_fact
    def sized(repo: Repo, name: str, limit: int = 1) -> tuple[str, ...]:
        calls.append((name, limit))
        return tuple(e.path for e in repo.files if e.path.startswith(name))[:limit]

    repo = make_repo({"a.py": "", "ab.py": "", "b.py": ""}, git_repo=False)
    first = sized(repo, "a", 2)
    assert first == ("a.py", "ab.py")
    assert sized(repo, "a", 2) is first  # the stored value, not a recomputation
    assert sized(repo, "b") == ("b.py",)
    assert calls == [("a", 2), ("b", 1)]
    other = make_repo({"a.py": ""}, git_repo=False)
    assert sized(other, "a", 2) == ("a.py",)  # another Repo: its own value
    assert calls == [("a", 2), ("b", 1), ("a", 2)]


def test_memo_keeps_the_first_value_when_two_threads_race(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({"a.py": ""}, git_repo=False)
    started, release = threading.Event(), threading.Event()
    values: list[object] = []

    def slow() -> object:
        started.set()
        release.wait(5)
        return "slow"

    thread = threading.Thread(target=lambda: values.append(repo.memo("key", slow)))
    thread.start()
    started.wait(5)
    assert repo.memo("key", lambda: "fast") == "fast"  # not blocked by the slow computation
    release.set()
    thread.join(5)
    assert values == ["fast"]  # the first stored value wins for every caller
    assert repo.memo("key", lambda: "third") == "fast"


def test_whole_repository_facts_are_parsed_once_per_lint(
    make_repo: Callable[..., Repo], rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portfolio_lint.facts import ci, dependencies, linked_docs

    counts: dict[str, int] = {}

    def counting(module: object, name: str) -> None:
        original = getattr(module, name)

        def counted(*args: object, **kwargs: object) -> object:
            counts[name] = counts.get(name, 0) + 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    counting(dependencies, "parse_requirements")
    counting(ci, "_parse")
    counting(linked_docs, "local_target")
    repo = make_repo(
        {
            "README.md": "# Demo\n\nSee [setup](docs/setup.md).\n\n```bash\npip install -r"
            " requirements.txt\npython train.py\n```\n",
            "docs/setup.md": "# Setup\n",
            "requirements.txt": "numpy==1.26.4\n",
            ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n"
            "    steps:\n      - run: pytest\n",
            "train.py": "print(1)\n",
            "tests/test_a.py": "def test_a():\n    assert True\n",
        }
    )
    lint(repo, rubric)
    # several rules read each of these facts; each file is parsed once
    assert counts == {"parse_requirements": 1, "_parse": 1, "local_target": 1}
