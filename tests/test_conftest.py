"""The shared fixtures: when make_repo holds a repository in memory, and how run_rule treats
history rules on one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portfolio_lint.core.model import RuleResult, Status
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.base import HostMetadata
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.memory import MemorySource
from tests.conftest import (
    FileContent,
    GitTwins,
    held_in_memory,
    ignores_a_file,
    verdict_of,
)

README: dict[str, FileContent] = {"README.md": "# Demo\n"}


@pytest.mark.parametrize(
    ("files", "ignored"),
    [
        ({"a.py": ""}, False),
        ({".gitignore": "*.log\n", "a.py": ""}, False),
        ({".gitignore": "*.log\n", "a.py": "", "run.log": ""}, True),
        ({".gitignore": b"data/\n", "data/x.csv": ""}, True),
        ({".gitignore": ".*\n"}, True),  # it ignores itself
        ({"src/.gitignore": "", "a.py": ""}, True),  # below the root: not worked out
    ],
)
def test_ignores_a_file(files: dict[str, FileContent], ignored: bool) -> None:
    assert ignores_a_file(files) is ignored


@pytest.mark.parametrize(
    ("git_repo", "rule_test", "files", "memory"),
    [
        (None, True, README, True),
        (True, True, README, False),
        (False, True, README, False),
        (None, False, README, False),  # outside tests/checks
        (None, True, {".gitignore": "*.md\n", **README}, False),
    ],
)
def test_held_in_memory(
    git_repo: bool | None, rule_test: bool, files: dict[str, FileContent], memory: bool
) -> None:
    assert held_in_memory(files, git_repo, rule_test=rule_test) is memory


def test_make_repo_outside_the_rule_tests_is_on_git(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(README)
    assert isinstance(repo.source, LocalSource) and repo.git_root is not None
    plain = make_repo(README, git_repo=False)
    assert isinstance(plain.source, LocalSource) and plain.git_root is None


def test_a_history_rule_runs_on_the_git_twin(
    memory_repo: Callable[..., Repo],
    make_repo: Callable[..., Repo],
    git_twins: GitTwins,
    run_rule: Callable[..., RuleResult],
) -> None:
    repo = memory_repo({**README, "a.py": "x = 1\n"})
    git_twins.register(repo, lambda: make_repo({**README, "a.py": "x = 1\n"}, git_repo=True))
    result = run_rule("VCS008", repo)
    assert result.status is Status.PASSED
    twin = git_twins.of(repo)
    assert twin is not None and twin is git_twins.of(repo)  # built once
    assert isinstance(twin.source, LocalSource)


def test_a_history_rule_on_memory_without_a_twin_is_refused(
    memory_repo: Callable[..., Repo], run_rule: Callable[..., RuleResult]
) -> None:
    with pytest.raises(AssertionError, match="VCS008 reads the history"):
        run_rule("VCS008", memory_repo(README))
    off = run_rule("VCS008", memory_repo(README, history=False))
    assert off.status is Status.NOT_APPLICABLE


def test_the_twin_sees_the_metadata_a_test_planted(
    memory_repo: Callable[..., Repo], make_repo: Callable[..., Repo], git_twins: GitTwins
) -> None:
    repo = memory_repo(README)
    git_twins.register(repo, lambda: make_repo(README, git_repo=True))
    repo.__dict__["metadata"] = HostMetadata(license="MIT")
    twin = git_twins.of(repo)
    assert twin is not None and twin.metadata == HostMetadata(license="MIT")
    assert git_twins.of(memory_repo(README)) is None


def test_memory_and_git_give_one_verdict(
    memory_repo: Callable[..., Repo],
    make_repo: Callable[..., Repo],
    run_rule: Callable[..., RuleResult],
) -> None:
    """What --compare-git checks for every rule test, here for a rule that finds something."""
    files: dict[str, FileContent] = {**README, "train.py": 'open("/Users/ada/data.csv")\n'}
    memory, on_git = memory_repo(files), make_repo(files, git_repo=True)
    assert isinstance(memory.source, MemorySource)
    found = run_rule("DAT001", memory)
    assert found.findings
    assert verdict_of(found) == verdict_of(run_rule("DAT001", on_git))
