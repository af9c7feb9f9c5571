"""The crash-surviving process pool: a worker that dies fails only its own item."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from portfolio_lint.app.batch import pool
from portfolio_lint.app.batch.grade import GradeResult, GradeSettings
from portfolio_lint.app.batch.pool import CRASHED, TIMED_OUT, map_in_processes
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.runner import grade_cohort
from portfolio_lint.core.rubric import Rubric
from tests.app.batch.conftest import STUDENTS, Cohort, by_student


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
        n * n for n in range(20) if n not in (7, 13)
    ]
    assert sorted(o for o in outcomes if isinstance(o, str)) == [
        f"13: {CRASHED}",
        "7: worker failed: ValueError: seven",
    ]


def test_an_empty_queue_starts_no_pool() -> None:
    assert list(map_in_processes(square_or_die, [], 2, failed)) == []


def crash_when_grading(student: str) -> None:
    """Worker initializer: in this worker, grading `student` kills the process."""
    from portfolio_lint.app.batch import runner

    real = runner.grade

    def grade(
        assignment: Assignment, settings: GradeSettings, rubric: Rubric | None = None
    ) -> GradeResult:
        if assignment.student == student:
            os._exit(9)
        return real(assignment, settings, rubric)

    runner.grade = grade


def test_a_crashing_repository_is_one_error_row(
    cohort: Cohort, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "INITIALIZER", (crash_when_grading, ("cyd",)))
    records = by_student(
        grade_cohort(
            cohort.assignments(), GradeSettings(rubric_path=cohort.rubric), tmp_path / "out", jobs=2
        )
    )
    assert (records["cyd"]["status"], records["cyd"]["error"]) == ("error", CRASHED)
    for student in ("ada", "bob", "dan"):
        assert (records[student]["status"], records[student]["score"]) == (
            "ok",
            STUDENTS[student][1].score,
        )
    assert records["eve"]["error"].startswith("GitError")


def sleep_in_a_child(seconds: int) -> int:
    """Start `sleep` (a stand-in for git) and wait for it: past any short limit."""
    child = subprocess.Popen(["sleep", str(seconds)])
    Path(os.environ["POOL_TEST_PIDS"], str(child.pid)).touch()
    child.wait()
    return seconds


def leave_a_child_behind(seconds: int) -> int:
    """Start `sleep` and return at once, leaving it running (what a killed git call leaves)."""
    child = subprocess.Popen(["sleep", str(seconds)])
    Path(os.environ["POOL_TEST_PIDS"], str(child.pid)).touch()
    pool.note_possible_strays()  # what grading does when an item fails
    return 0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()[0]
    except OSError:
        return False
    return state != b"Z"


@pytest.fixture
def child_pids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    monkeypatch.setenv("POOL_TEST_PIDS", str(tmp_path))
    return lambda: [int(p.name) for p in tmp_path.iterdir()]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads /proc")
def test_an_item_over_the_limit_is_killed_with_its_children_and_the_rest_go_on(
    child_pids: Callable[[], list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "GRACE", 0.2)
    started = time.monotonic()
    outcomes = list(map_in_processes(sleep_in_a_child, [60, 0, 60, 0], 1, failed, timeout=0.5))
    assert time.monotonic() - started < 2 * 0.7 + 5
    assert sorted(map(str, outcomes)) == ["0", "0", *[f"60: {TIMED_OUT.format(0.5)}"] * 2]
    assert len(child_pids()) == 4
    assert not any(alive(pid) for pid in child_pids())


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads /proc")
def test_a_failed_item_leaves_no_process_behind(child_pids: Callable[[], list[int]]) -> None:
    assert list(map_in_processes(leave_a_child_behind, [60, 60], 2, failed)) == [0, 0]
    assert len(child_pids()) == 2
    assert not any(alive(pid) for pid in child_pids())


def test_no_limit_lets_an_item_finish() -> None:
    assert list(map_in_processes(square_or_die, [3], 1, failed, timeout=0)) == [9]


def pid_retiring_on(number: int) -> int:
    """This worker's pid; item 1 asks for the worker to be replaced afterwards."""
    if number == 1:
        pool.retire_this_worker()
    return os.getpid()


def test_a_worker_that_asks_to_retire_is_replaced_after_its_item() -> None:
    pids = list(map_in_processes(pid_retiring_on, [0, 1, 2, 3], 1, failed))
    assert pids[0] == pids[1] != pids[2] == pids[3]
