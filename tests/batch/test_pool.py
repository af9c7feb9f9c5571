"""The crash-surviving process pool: a worker that dies fails only its own item."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from portfolio_lint.batch import pool
from portfolio_lint.batch.grade import GradeResult, GradeSettings
from portfolio_lint.batch.pool import CRASHED, map_in_processes
from portfolio_lint.batch.roster import Assignment
from portfolio_lint.batch.runner import grade_cohort
from portfolio_lint.rubric import Rubric
from tests.batch.conftest import STUDENTS, Cohort, by_student


def square_or_die(number: int) -> int:
    if number == 13:
        os._exit(3)  # what an out-of-memory kill looks like to the pool
    if number == 7:
        raise ValueError("seven")
    return number * number


def failed(number: int, reason: str) -> str:
    return f"{number}: {reason}"


def test_only_the_item_that_kills_its_worker_fails() -> None:
    outcomes = list(map_in_processes(square_or_die, range(20), 2, failed))
    assert len(outcomes) == 20
    assert sorted(o for o in outcomes if isinstance(o, int)) == [
        n * n for n in range(20) if n not in (7, 13)]
    assert sorted(o for o in outcomes if isinstance(o, str)) == [
        f"13: {CRASHED}", "7: worker failed: ValueError: seven"]


def test_an_empty_queue_starts_no_pool() -> None:
    assert list(map_in_processes(square_or_die, [], 2, failed)) == []


def crash_when_grading(student: str) -> None:
    """Pool initializer: in this worker, grading `student` kills the process."""
    from portfolio_lint.batch import runner

    real = runner.grade

    def grade(assignment: Assignment, settings: GradeSettings,
              rubric: Rubric | None = None) -> GradeResult:
        if assignment.student == student:
            os._exit(9)
        return real(assignment, settings, rubric)

    runner.grade = grade


def test_a_crashing_repository_is_one_error_row(cohort: Cohort, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def crashing_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=crash_when_grading, initargs=("cyd",))

    monkeypatch.setattr(pool, "process_pool", crashing_pool)
    records = by_student(grade_cohort(cohort.assignments(),
                                      GradeSettings(rubric_path=cohort.rubric),
                                      tmp_path / "out", jobs=2))
    assert (records["cyd"]["status"], records["cyd"]["error"]) == ("error", CRASHED)
    for student in ("ada", "bob", "dan"):
        assert (records[student]["status"], records[student]["score"]) == (
            "ok", STUDENTS[student][1].score)
    assert records["eve"]["error"].startswith("GitError")
