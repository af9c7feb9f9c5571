"""Grading one repository: verdicts from a clone, error rows, deadlines, timeouts, cache keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio_lint.app.batch.grade import GradeSettings, cache_key, grade
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.engine.rubric import load_rubric
from tests.app.batch.conftest import (
    DAN_AT_DEADLINE,
    DEADLINE,
    README_FULL,
    STUDENTS,
    Cohort,
    build_cohort,
    rubric_text,
)
from tests.conftest import EPOCH


def settings_for(cohort: Cohort, **changes: object) -> GradeSettings:
    return replace(GradeSettings(rubric_path=cohort.rubric, timeout=60.0), **changes)


@pytest.mark.parametrize("student", list(STUDENTS))
def test_grade_clones_the_tip_and_scores_it(cohort: Cohort, student: str) -> None:
    expected = STUDENTS[student][1]
    result = grade(Assignment(student, cohort.url(student)), settings_for(cohort))
    assert result.status == "ok", result.error
    assert result.commit == cohort.commits[student][-1]
    assert (result.score, result.grade) == (expected.score, expected.grade)
    assert result.families == pytest.approx(expected.families)
    assert result.report is not None and result.report.target == cohort.url(student)
    assert result.error is None and not result.cached


def test_a_missing_repository_is_an_error_with_its_reason(cohort: Cohort) -> None:
    result = grade(Assignment("eve", cohort.url("eve")), settings_for(cohort))
    assert (result.status, result.commit, result.report, result.score, result.grade) == (
        "error",
        None,
        None,
        None,
        "",
    )
    assert result.error is not None and result.error.startswith("GitError: git clone failed")
    assert "\n" not in result.error


def test_a_target_that_is_no_repository_at_all_is_an_error(cohort: Cohort) -> None:
    result = grade(Assignment("zed", "not a repository"), settings_for(cohort))
    assert result.status == "error"
    assert result.error is not None and result.error.startswith("TargetError:")


def test_as_of_grades_the_last_commit_before_the_deadline(cohort: Cohort) -> None:
    result = grade(Assignment("dan", cohort.url("dan")), settings_for(cohort, as_of=DEADLINE))
    assert result.commit == cohort.commits["dan"][0]
    assert (result.score, result.grade) == (DAN_AT_DEADLINE.score, DAN_AT_DEADLINE.grade)


def test_a_deadline_before_the_first_commit_is_its_own_status(cohort: Cohort) -> None:
    early = settings_for(cohort, as_of=EPOCH - timedelta(days=1))
    result = grade(Assignment("ada", cohort.url("ada")), early)
    assert (result.status, result.late, result.score) == ("no-commit-before-deadline", True, None)
    assert result.error == f"NoCommitBeforeError: no commit before {early.as_of.isoformat()}"


def test_the_students_own_config_cannot_change_the_grade(tmp_path: Path) -> None:
    # A student who tells portfolio-lint to ignore the tests rule still fails it.
    sneaky = {
        "README.md": README_FULL,
        "portfolio-lint.toml": 'ignore = ["TST901", "DOC"]\n',
        "pyproject.toml": '[tool.portfolio-lint]\nignore = ["TST901"]\n',
    }
    cohort = build_cohort(tmp_path / "c", {"mal": [(sneaky, 1)]})
    result = grade(Assignment("mal", cohort.url("mal")), settings_for(cohort))
    assert result.report is not None
    assert {r.rule.code: r.status.value for r in result.report.results} == {
        "DOC901": "passed",
        "DOC902": "passed",
        "TST901": "failed",
    }
    assert result.score == 60.0


def test_the_rubric_given_is_the_one_used(cohort: Cohort, tmp_path: Path) -> None:
    heavier_tests = tmp_path / "other.toml"
    heavier_tests.write_text(rubric_text(tests_weight=7))
    result = grade(
        Assignment("bob", cohort.url("bob")), settings_for(cohort), load_rubric(heavier_tests)
    )
    assert result.score == 30.0  # README (2) and Install (1) of 10


BASE = GradeSettings()


@pytest.mark.parametrize(
    "changed",
    [
        ("repo", "file:///other.git", "c1", "r1", BASE),
        ("commit", "file:///a.git", "c2", "r1", BASE),
        ("rubric", "file:///a.git", "c1", "r2", BASE),
        ("as-of", "file:///a.git", "c1", "r1", replace(BASE, as_of=DEADLINE)),
        ("history", "file:///a.git", "c1", "r1", replace(BASE, history=False)),
        ("api", "file:///a.git", "c1", "r1", replace(BASE, api=True)),
    ],
)
def test_cache_key_changes_with_every_input(
    changed: tuple[str, str, str, str, GradeSettings],
) -> None:
    _, repo, commit, digest, settings = changed
    assert cache_key(repo, commit, digest, settings) != cache_key("file:///a.git", "c1", "r1", BASE)


def test_cache_key_ignores_what_does_not_change_a_verdict() -> None:
    assert cache_key("r", "c", "d", BASE) == cache_key(
        "r", "c", "d", replace(BASE, timeout=1.0, clone_cache=Path("/elsewhere"))
    )


def test_a_local_work_tree_is_graded_as_it_stands(cohort: Cohort) -> None:
    work = cohort.work["bob"]
    (work / "tests").mkdir()
    (work / "tests" / "test_uncommitted.py").write_text("def test_x():\n    pass\n")
    result = grade(Assignment("bob", str(work)), settings_for(cohort))
    assert (result.status, result.commit, result.score) == ("ok", cohort.commits["bob"][-1], 100.0)


def test_a_local_work_tree_with_a_deadline_is_graded_at_its_commit(cohort: Cohort) -> None:
    result = grade(Assignment("dan", str(cohort.work["dan"])), settings_for(cohort, as_of=DEADLINE))
    assert (result.status, result.commit) == ("ok", cohort.commits["dan"][0])
    assert result.score == DAN_AT_DEADLINE.score


def test_a_bare_repository_path_is_graded_like_its_url(cohort: Cohort) -> None:
    student = next(iter(STUDENTS))
    by_url = grade(Assignment(student, cohort.url(student)), settings_for(cohort))
    by_path = grade(
        Assignment(student, str(cohort.root / "bare" / f"{student}.git")), settings_for(cohort)
    )
    assert by_path.status == "ok", by_path.error
    assert (by_path.commit, by_path.score) == (by_url.commit, by_url.score)


def test_api_mode_reads_only_github_repositories(
    cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another host's owner/repo would grade GitHub's repository of that name (and call the
    # API with the grader's token for it): an error row before any request.
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:1")  # any request would fail
    result = grade(
        Assignment("m", "https://git.example.org/octo/capstone"), settings_for(cohort, api=True)
    )
    assert result.error == (
        "ValueError: octo/capstone: API mode reads GitHub repositories "
        "only, not https://git.example.org/octo/capstone.git"
    )


def test_a_refused_row_is_an_error_and_reads_nothing(cohort: Cohort) -> None:
    refused = Assignment("m", str(cohort.work["ada"]), refusal="local path outside the roster")
    result = grade(refused, settings_for(cohort))
    assert (result.status, result.report) == ("error", None)
    assert result.error == "RefusedError: local path outside the roster"


def test_a_relative_path_is_never_read_from_the_working_directory(
    cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(cohort.root)  # holds work/ada, which "work/ada" would name
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://127.0.0.1:1")
    result = grade(Assignment("m", "work/ada"), settings_for(cohort, timeout=20.0))
    assert result.status == "error"
