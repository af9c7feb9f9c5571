"""Baselines and --diff-base: only new findings are reported; fingerprints survive line shifts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from portfolio_lint import registry
from portfolio_lint.baseline import BaselineError, read_baseline, write_baseline
from portfolio_lint.diffbase import introduced_since
from portfolio_lint.engine import lint
from portfolio_lint.model import Finding, Verdict
from portfolio_lint.repo import Repo, RunOptions
from portfolio_lint.rubric import parse_rubric
from portfolio_lint.sources.local import LocalSource
from tests.conftest import commit_all, write_tree

CHECK = "test-only-todo-finder"


@pytest.fixture
def todo_rubric() -> Iterator[object]:
    def find_todos(repo: Repo) -> Verdict:
        """Lines containing TODO."""
        findings = []
        for entry in repo.files:
            for number, line in enumerate((repo.read_text(entry.path) or "").splitlines(), 1):
                if "TODO" in line:
                    findings.append(Finding.at(entry.path, "TODO left", line=number,
                                               evidence=line.strip()))
        return Verdict.from_findings(findings)

    registry.check(CHECK)(find_todos)
    yield parse_rubric(
        {"rule": [{"code": "QUA901", "name": "no-todo", "check": CHECK, "family": "QUA",
                   "severity": "error"}]},
        source="test",
    )
    registry._REGISTRY.pop(CHECK)


def make_history(root: Path) -> None:
    write_tree(root, {"a.py": "x = 1  # TODO tidy\n"})
    commit_all(root, "one")
    write_tree(root, {"a.py": "import os\n\n\nx = 1  # TODO tidy\n", "b.py": "# TODO new\n"})
    commit_all(root, "two")


def test_diff_base_reports_only_new_findings(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    repo = Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False))
    report = lint(repo, todo_rubric)
    assert len(report.findings) == 2
    new = introduced_since(report, repo, todo_rubric, repo.config, "HEAD~1")
    assert [f.location.path for f in new.findings if f.location] == ["b.py"]
    assert new.score == report.score  # the score still reflects the whole repository
    assert new.has_errors


def test_baseline_round_trip_stores_hashes_only(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    repo = Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False))
    report = lint(repo, todo_rubric)
    path = tmp_path.parent / "baseline.json"
    write_baseline(report, path)
    text = path.read_text()
    assert "TODO" not in text and "a.py" not in text
    assert read_baseline(path) == Counter(f.fingerprint for f in report.findings)


def test_repeated_findings_are_counted(tmp_path: Path, todo_rubric) -> None:
    from portfolio_lint.baseline import new_findings

    finding = Finding.at("a.py", "TODO left", line=1, evidence="# TODO")
    known = Counter({finding.fingerprint: 1})
    assert new_findings([finding, finding], known) == [finding]


@pytest.mark.parametrize(
    "content",
    ["not json", '{"fingerprints": {}}', '{"portfolio_lint_baseline": 1, "fingerprints": []}'],
)
def test_bad_baseline_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(BaselineError):
        read_baseline(path)


def test_written_baseline_is_valid_json(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    report = lint(Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False)), todo_rubric)
    path = tmp_path.parent / "b.json"
    write_baseline(report, path)
    assert json.loads(path.read_text())["portfolio_lint_baseline"] == 1
