"""Tests of TST004 coverage-measured: where it fires and where it stays quiet."""

from __future__ import annotations

import json
from datetime import timedelta

import coverage
import pytest

from portfolio_lint.core.model import Status
from tests.checks.testing.conftest import WITH_TESTS
from tests.conftest import EPOCH, commit_all, write_tree

SOURCE = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n"


def cobertura(percent: float, stamp_ms: int) -> str:
    valid = 200
    covered = round(valid * percent / 100)
    return (
        f'<?xml version="1.0" ?>\n<coverage version="7.4" timestamp="{stamp_ms}"'
        f' lines-valid="{valid}" lines-covered="{covered}" line-rate="{covered / valid}"'
        ' branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n'
        "  <sources><source>/src</source></sources>\n  <packages/>\n</coverage>\n"
    )


def coverage_json(percent: float, when: str) -> str:
    return json.dumps(
        {
            "meta": {"format": 3, "version": "7.4.0", "timestamp": when},
            "files": {},
            "totals": {"percent_covered": percent, "covered_lines": 1, "num_statements": 1},
        }
    )


RECENT_MS = int((EPOCH + timedelta(minutes=5)).timestamp() * 1000)


@pytest.mark.parametrize(
    ("report", "status"),
    [
        ({"coverage.xml": cobertura(92.0, RECENT_MS)}, Status.PASSED),
        ({"coverage.xml": cobertura(40.0, RECENT_MS)}, Status.PARTIAL),
        ({"reports/coverage.json": coverage_json(85.5, "2026-01-05T10:05:00")}, Status.PASSED),
        ({"coverage.json": coverage_json(20.0, "2026-01-05T10:05:00")}, Status.PARTIAL),
        ({"coverage.xml": "<coverage line-rate="}, Status.FAILED),
        (
            {
                "coverage.xml": '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM'
                ' "file:///etc/passwd">]>\n<coverage line-rate="1">&x;</coverage>\n'
            },
            Status.FAILED,
        ),
        ({"coverage.json": '{"meta": {}}'}, Status.FAILED),
    ],
)
def test_coverage_measured_from_committed_reports(make_repo, run_rule, report, status):
    result = run_rule("TST004", make_repo({"src/calc.py": SOURCE, **report}))
    assert result.status is status
    if status is Status.PARTIAL:
        assert any("below the 80% threshold" in f.message for f in result.findings)


def test_partial_credit_is_proportional_to_the_threshold(make_repo, run_rule):
    result = run_rule("TST004", make_repo({"coverage.xml": cobertura(40.0, RECENT_MS)}))
    assert result.score == pytest.approx(0.5)


def test_no_report_is_not_applicable(make_repo, run_rule):
    result = run_rule("TST004", make_repo({**WITH_TESTS, "requirements.txt": "pytest-cov\n"}))
    assert result.status is Status.NOT_APPLICABLE
    assert "--coverage-file" in (result.reason or "")


def test_report_older_than_the_source_is_stale(tmp_path, run_rule, make_repo):
    repo = make_repo(
        {"src/calc.py": SOURCE, "coverage.xml": cobertura(95.0, RECENT_MS)}, git_repo=True
    )
    fresh = run_rule("TST004", repo)
    assert fresh.status is Status.PASSED
    root = repo.source.root
    write_tree(root, {"src/calc.py": SOURCE + "\n\ndef mul(a, b):\n    return a * b\n"})
    commit_all(root, "Add mul", EPOCH + timedelta(days=3))
    stale = run_rule("TST004", type(repo)(type(repo.source)(root), options=repo.options))
    assert stale.status is Status.PARTIAL
    assert any("stale" in f.message for f in stale.findings)


def test_commit_touching_only_docs_does_not_make_the_report_stale(run_rule, make_repo):
    repo = make_repo(
        {"src/calc.py": SOURCE, "coverage.xml": cobertura(95.0, RECENT_MS)}, git_repo=True
    )
    root = repo.source.root
    write_tree(root, {"README.md": "# Calc\n"})
    commit_all(root, "Docs", EPOCH + timedelta(days=3))
    result = run_rule("TST004", type(repo)(type(repo.source)(root), options=repo.options))
    assert result.status is Status.PASSED


def _real_data_file(folder, module_path, executed):
    """A genuine .coverage SQLite file written through coverage's own API (no code is run)."""
    data = coverage.CoverageData(basename=str(folder / ".coverage"))
    data.add_lines({str(module_path): executed})
    data.write()
    data.close(force=True)
    return folder / ".coverage"


@pytest.mark.parametrize(
    ("executed", "status"), [([1, 2, 5, 6], Status.PASSED), ([1, 2], Status.PARTIAL)]
)
def test_coverage_file_option_reads_a_coverage_data_file(
    tmp_path, make_repo, run_rule, executed, status
):
    outside = tmp_path / "ci-artifacts"
    outside.mkdir()
    # measured on another machine: an absolute path whose tail is the repository path
    data_file = _real_data_file(outside, "/home/runner/work/calc/src/calc.py", executed)
    repo = make_repo({"src/calc.py": SOURCE}, coverage_file=data_file, git_repo=True)
    result = run_rule("TST004", repo)
    assert result.status is status
    assert not (repo.source.root / ".coverage").exists()  # nothing written in the linted repo


def test_coverage_file_option_outranks_committed_reports(tmp_path, make_repo, run_rule):
    given = tmp_path / "coverage.json"
    given.write_text(coverage_json(30.0, "2099-01-01T00:00:00+00:00"), encoding="utf-8")
    repo = make_repo(
        {"coverage.xml": cobertura(99.0, RECENT_MS), "a.py": SOURCE}, coverage_file=given
    )
    result = run_rule("TST004", repo)
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(30.0 / 80.0)
