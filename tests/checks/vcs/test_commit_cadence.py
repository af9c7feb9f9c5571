"""Tests of VCS010 commit-cadence: where it fires and where it stays quiet."""

from __future__ import annotations

import sys

from portfolio_lint.core.model import Status

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass
from tests.checks.vcs.conftest import Step, _linear


def test_single_commit_dump_is_a_finding(history_repo, run_rule) -> None:
    result = run_rule("VCS010", history_repo(_linear(["Initial commit"], [0])))
    assert result.status in (Status.PARTIAL, Status.FAILED)
    assert "one commit" in result.findings[0].message


def test_steady_work_over_days_passes(history_repo, run_rule) -> None:
    messages = [f"Add step {i} of the pipeline" for i in range(12)]
    result = run_rule("VCS010", history_repo(_linear(messages, list(range(12)))))
    assert result.status is Status.PASSED


def test_many_commits_on_one_day_score_partially(history_repo, run_rule) -> None:
    messages = [f"Add step {i} of the pipeline" for i in range(12)]
    result = run_rule("VCS010", history_repo(_linear(messages, [0] * 12)))
    assert result.status is Status.PARTIAL
    assert result.score is not None and 0.0 < result.score < 1.0
    assert "All commits on one day" in result.findings[0].message


def test_one_upload_then_small_touches_is_a_dump(history_repo, run_rule) -> None:
    code = "".join(f"value_{i} = {i}\n" for i in range(600))
    steps: list[Step] = [({"src/model.py": code}, (), "Upload project", 0)]
    steps += [
        ({"README.md": f"# Project\n\nStep {day}\n"}, (), f"Describe step {day}", day)
        for day in range(1, 12)
    ]
    result = run_rule("VCS010", history_repo(steps))
    assert result.status is Status.PARTIAL
    assert any("uploaded rather than built" in f.message for f in result.findings)


def test_code_added_across_many_commits_is_not_a_dump(history_repo, run_rule) -> None:
    steps: list[Step] = [
        (
            {f"src/part_{day}.py": "".join(f"v{i} = {i}\n" for i in range(60))},
            (),
            f"Add part {day} of the pipeline",
            day,
        )
        for day in range(12)
    ]
    assert run_rule("VCS010", history_repo(steps)).status is Status.PASSED


def test_the_span_counts_both_end_days(history_repo, run_rule) -> None:
    # Three commits on three consecutive calendar days: 3 days, never "3 days over 1 day".
    result = run_rule("VCS010", history_repo(_linear(["Load data", "Train", "Report"], [0, 1, 2])))
    message = next(f.message for f in result.findings if "day" in f.message)
    assert "3 distinct days over 3 days" in message


def test_one_day_of_commits_says_so(history_repo, run_rule) -> None:
    result = run_rule("VCS010", history_repo(_linear(["Load data", "Train model"], [0, 0])))
    assert any(f.message.startswith("All commits on one day") for f in result.findings)
