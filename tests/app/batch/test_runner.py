"""Grading a cohort: verdicts, error rows, reuse of unchanged results, pools and Dask."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint.app.batch import pool, runner
from portfolio_lint.app.batch.grade import GradeSettings
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.runner import grade_cohort, summarise
from portfolio_lint.app.batch.store import ResultStore
from portfolio_lint.facts.repo import Repo
from tests.app.batch.conftest import (
    DAN_AT_DEADLINE,
    DEADLINE,
    STUDENTS,
    TEST_FILE,
    Cohort,
    by_student,
    rubric_text,
    verdicts,
)

Run = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def graded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Students graded (not reused), in the order their results arrived."""
    names: list[str] = []
    real = runner._run

    def counting(*args: Any, **kwargs: Any) -> Iterator[runner.Outcome]:
        for outcome in real(*args, **kwargs):
            if isinstance(outcome, runner.Graded):
                names.append(outcome.result.assignment.student)
            yield outcome

    monkeypatch.setattr(runner, "_run", counting)
    return names


@pytest.fixture
def run(cohort: Cohort, tmp_path: Path) -> Run:
    """grade_cohort over the cohort's roster into tmp_path/out (keyword options pass through)."""

    def go(output: Path | None = None, **options: Any) -> list[dict[str, Any]]:
        settings = GradeSettings(
            rubric_path=cohort.rubric,
            as_of=options.pop("as_of", None),
            timeout=options.pop("timeout", 60.0),
        )
        return grade_cohort(cohort.assignments(), settings, output or tmp_path / "out", **options)

    return go


def test_each_student_gets_the_verdict_of_their_tip(cohort: Cohort, run: Run) -> None:
    records = by_student(run())
    assert list(records) == ["ada", "bob", "cyd", "dan", "eve"]
    for student, (_, expected) in STUDENTS.items():
        record = records[student]
        assert record["status"] == "ok", record["error"]
        assert record["commit"] == cohort.commits[student][-1]
        assert (record["score"], record["grade"]) == (expected.score, expected.grade)
        assert record["families"] == pytest.approx(expected.families)
        assert record["error"] is None


def test_a_missing_repository_is_an_error_row_and_the_batch_goes_on(run: Run) -> None:
    records = run()
    eve = by_student(records)["eve"]
    assert (eve["status"], eve["commit"], eve["score"], eve["grade"]) == ("error", None, None, "")
    assert eve["error"].startswith("GitError: git clone failed")
    assert [r["status"] for r in records] == ["ok", "ok", "ok", "ok", "error"]
    summary = summarise(records, time.monotonic())
    assert (summary["repositories"], summary["graded"], summary["errors"]) == (5, 4, 1)


def test_a_rerun_with_nothing_changed_grades_nothing(run: Run, graded: list[str]) -> None:
    first = run()
    assert sorted(graded) == ["ada", "bob", "cyd", "dan", "eve"]
    graded.clear()
    second = run()
    assert graded == ["eve"]  # error rows are retried, finished results are not
    assert [r.get("reused", False) for r in second] == [True, True, True, True, False]
    assert verdicts(second) == verdicts(first)
    assert summarise(second, time.monotonic())["reused"] == 4


def test_a_new_commit_regrades_only_that_student(
    cohort: Cohort, run: Run, graded: list[str]
) -> None:
    run()
    graded.clear()
    commit = cohort.push("bob", {"tests/test_b.py": TEST_FILE}, 5)
    records = by_student(run())
    assert sorted(graded) == ["bob", "eve"]
    assert (records["bob"]["commit"], records["bob"]["score"]) == (commit, 100.0)
    assert not records["bob"].get("reused")
    assert all(records[s]["reused"] for s in ("ada", "cyd", "dan"))


def test_a_changed_rubric_regrades_everyone_with_the_new_rules(
    cohort: Cohort, run: Run, graded: list[str]
) -> None:
    run()
    graded.clear()
    # Same path, new content: the tests rule now weighs nothing.
    cohort.rubric.write_text(rubric_text(tests_weight=0))
    records = by_student(run())
    assert sorted(graded) == ["ada", "bob", "cyd", "dan", "eve"]
    assert records["bob"]["score"] == 100.0  # README and Install: 3 of 3
    assert records["cyd"]["score"] == 0.0


def test_as_of_grades_the_last_commit_before_the_deadline(
    cohort: Cohort, run: Run, graded: list[str]
) -> None:
    tip = by_student(run())
    graded.clear()
    records = by_student(run(as_of=DEADLINE))
    dan = records["dan"]
    assert dan["commit"] == cohort.commits["dan"][0] != tip["dan"]["commit"]
    assert (dan["score"], dan["grade"]) == (DAN_AT_DEADLINE.score, DAN_AT_DEADLINE.grade)
    assert dan["families"] == pytest.approx(DAN_AT_DEADLINE.families)
    assert records["ada"]["commit"] == cohort.commits["ada"][-1]
    # Another deadline is another result: nothing graded for the tip is reused for it.
    assert sorted(graded) == ["ada", "bob", "cyd", "dan", "eve"]


def test_an_unreadable_stored_result_is_regraded(
    cohort: Cohort, run: Run, tmp_path: Path, graded: list[str]
) -> None:
    run()
    graded.clear()
    store = ResultStore(tmp_path / "out")
    ada, bob = cohort.assignments()[:2]
    text = store.path(ada).read_text()
    store.path(ada).write_text(text[: len(text) // 2])  # as if cut off mid-write
    # A killed writer's temporary file sits next to the results and is never read.
    (store.path(bob).parent / f".{store.path(bob).name}.tmp123").write_text("{")
    records = by_student(run())
    assert sorted(graded) == ["ada", "eve"]
    assert records["ada"]["score"] == 100.0 and records["bob"]["reused"]


def stuck_in_checks() -> None:
    """Worker initializer: every check's file search hangs in Python code."""

    def stuck(self: Repo, *patterns: str) -> Any:
        time.sleep(3)  # interrupted by the timeout's alarm

    Repo.glob = stuck  # type: ignore[method-assign]


def test_a_repository_over_its_timeout_is_an_error_row(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Inside a check, where the engine's per-check `except Exception` would swallow a plain
    # exception: the timeout must still end this repository's grading.
    monkeypatch.setattr(pool, "INITIALIZER", (stuck_in_checks, ()))
    records = run(timeout=0.2)
    assert {r["status"] for r in records} == {"error"}
    assert all(r["error"].startswith(("GradeTimeoutError: timed out", "GitError")) for r in records)
    assert by_student(records)["ada"]["error"] == "GradeTimeoutError: timed out after 0.2s"


def test_two_processes_give_the_same_verdicts_as_one(run: Run, tmp_path: Path) -> None:
    one = run(tmp_path / "one")
    two = run(tmp_path / "two", jobs=2)
    assert verdicts(two) == verdicts(one)
    assert [r["student"] for r in two] == [r["student"] for r in one]


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_verdicts_as_one_process(run: Run, tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    one = run(tmp_path / "one")
    # dashboard_address=None still serves an HTTP endpoint on 8787 (a "port in use" warning
    # when two clusters run at once): a free loopback port instead.
    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        on_dask = run(tmp_path / "dask", scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    assert verdicts(on_dask) == verdicts(one)


def test_a_local_work_tree_is_regraded_every_time(
    cohort: Cohort, tmp_path: Path, graded: list[str]
) -> None:
    # Uncommitted edits do not change the commit, so a stored result is never trusted for it.
    local = [Assignment("bob", str(cohort.work["bob"]))]
    settings = GradeSettings(rubric_path=cohort.rubric)
    assert grade_cohort(local, settings, tmp_path / "out")[0]["score"] == 60.0
    (cohort.work["bob"] / "tests").mkdir()
    (cohort.work["bob"] / "tests" / "test_new.py").write_text(TEST_FILE)
    again = grade_cohort(local, settings, tmp_path / "out")[0]
    assert (again["score"], again.get("reused", False), graded) == (100.0, False, ["bob", "bob"])


@pytest.mark.parametrize("kind", ["work tree", "bare path"])
def test_a_rerun_reuses_results_for_local_folders_and_bare_paths(
    cohort: Cohort, tmp_path: Path, graded: list[str], kind: str
) -> None:
    folders = cohort.work if kind == "work tree" else cohort.bare
    assignments = [Assignment(s, str(folders[s])) for s in ("ada", "bob", "cyd")]
    settings = GradeSettings(rubric_path=cohort.rubric, timeout=60.0)
    out = tmp_path / "out"
    first = grade_cohort(assignments, settings, out)
    assert [r["status"] for r in first] == ["ok", "ok", "ok"]
    assert sorted(graded) == ["ada", "bob", "cyd"]
    graded.clear()
    second = grade_cohort(assignments, settings, out)
    assert graded == []
    assert verdicts(second) == verdicts(first)
    summary = summarise(second, time.monotonic())
    assert (summary["graded"], summary["unchanged"]) == (0, 3)
    # A change is graded again: an uncommitted file in a work tree, a push to a bare one.
    if kind == "work tree":
        (cohort.work["bob"] / "tests").mkdir()
        (cohort.work["bob"] / "tests" / "test_b.py").write_text(TEST_FILE, encoding="utf-8")
    else:
        cohort.push("bob", {"tests/test_b.py": TEST_FILE}, 5)
    third = by_student(grade_cohort(assignments, settings, out))
    assert graded == ["bob"]
    assert third["bob"]["score"] == 100.0 and not third["bob"].get("reused")
    assert third["ada"]["reused"] and third["cyd"]["reused"]


def test_keep_previous_results_returns_the_earlier_records_and_keeps_their_file(
    tmp_path: Path,
) -> None:
    assert runner.keep_previous_results(tmp_path) == {}
    earlier = '{"summary": {}, "results": [{"key": "ada-1", "score": 71.0}, "junk"]}\n'
    (tmp_path / "results.json").write_text(earlier, encoding="utf-8")
    assert runner.keep_previous_results(tmp_path) == {"ada-1": {"key": "ada-1", "score": 71.0}}
    assert (tmp_path / "results.previous.json").read_text(encoding="utf-8") == earlier
    (tmp_path / "results.json").write_text("not json", encoding="utf-8")
    assert runner.keep_previous_results(tmp_path) == {}
