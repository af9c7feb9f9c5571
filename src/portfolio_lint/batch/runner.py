"""Grade a cohort: reuse unchanged results, run the rest on processes or Dask, write outputs."""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio_lint.batch.grade import GradeResult, GradeSettings, cache_key, grade
from portfolio_lint.batch.roster import Assignment
from portfolio_lint.batch.store import ResultStore, record_of
from portfolio_lint.rubric import Rubric, load_rubric


@dataclass(frozen=True)
class Reused:
    """A stored result whose repository, commit and rubric did not change."""

    assignment: Assignment


@dataclass(frozen=True)
class Graded:
    """A fresh result and the cache key it was graded under."""

    result: GradeResult
    key: str


Outcome = Reused | Graded


def tip_commit(assignment: Assignment, settings: GradeSettings) -> str | None:
    """The commit a re-run would grade, found cheaply (ls-remote, one API call, rev-parse)."""
    from portfolio_lint.targets import parse_target

    try:
        target = parse_target(assignment.repo)
        if target.local is not None:
            from portfolio_lint.sources.local import LocalSource

            return LocalSource(target.local).commit()
        if settings.api:
            from portfolio_lint.sources.github import GitHubSource

            return GitHubSource(target.slug or "", target.ref).commit()
        from portfolio_lint.sources.clone import remote_tip

        return remote_tip(target)
    except Exception:  # an unreachable repository is graded (and fails) the normal way
        return None


def grade_or_reuse(assignment: Assignment, settings: GradeSettings, rubric: Rubric,
                   stored_key: str | None) -> Outcome:
    """Runs in a worker: skip grading when the stored result is for the same inputs.

    The rubric travels with the task, so a long-lived worker (a Dask cluster's) never grades
    with a rubric older than the one the cache key names.
    """
    tip = tip_commit(assignment, settings)
    key = cache_key(assignment.repo, tip, rubric.digest, settings)
    if tip is not None and stored_key == key:
        return Reused(assignment)
    return Graded(grade(assignment, settings, rubric), key if tip is not None else "")


@contextmanager
def executor_for(jobs: int, scheduler: str | None) -> Iterator[Executor | None]:
    """A Dask executor, a process pool, or None for in-process grading."""
    if scheduler:
        from distributed import Client

        # Not the process-wide default client: the batch owns this connection only.
        with Client(scheduler, set_as_default=False) as client:
            yield client.get_executor()
        return
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield pool


def _run(assignments: Sequence[Assignment], settings: GradeSettings, rubric: Rubric,
         stored: dict[str, str | None], executor: Executor | None) -> Iterator[Outcome]:
    if executor is None:
        for assignment in assignments:
            yield grade_or_reuse(assignment, settings, rubric, stored[assignment.key])
        return
    futures: dict[Future[Outcome], Assignment] = {
        executor.submit(grade_or_reuse, a, settings, rubric, stored[a.key]): a
        for a in assignments
    }
    for future in as_completed(futures):
        assignment = futures[future]
        try:
            yield future.result()
        except BrokenProcessPool:
            yield Graded(GradeResult(assignment, "error", error="grading worker crashed"), "")
        except Exception as error:  # a worker lost on a cluster is one error row
            yield Graded(GradeResult(assignment, "error", error=f"worker failed: {error}"), "")


def grade_cohort(
    assignments: Sequence[Assignment], settings: GradeSettings, output: Path, *,
    jobs: int = 1, scheduler: str | None = None,
    on_progress: Callable[[Outcome], None] | None = None,
    write_reports: Callable[[GradeResult], None] | None = None,
) -> list[dict[str, Any]]:
    """Grade every assignment (reusing unchanged results); returns records in roster order."""
    store = ResultStore(output)
    rubric = load_rubric(settings.rubric_path)
    previous = {a.key: store.load(a) for a in assignments}
    stored = {key: (record or {}).get("cache_key") if (record or {}).get("status") == "ok"
              else None for key, record in previous.items()}
    records: dict[str, dict[str, Any]] = {}
    with executor_for(jobs, scheduler) as executor:
        for outcome in _run(assignments, settings, rubric, stored, executor):
            if isinstance(outcome, Reused):
                record = previous[outcome.assignment.key]
                assert record is not None
                records[outcome.assignment.key] = {**record, "reused": True}
            else:
                record = record_of(outcome.result, outcome.key)
                if write_reports is not None and outcome.result.report is not None:
                    write_reports(outcome.result)
                store.save(outcome.result.assignment, record)
                records[outcome.result.assignment.key] = record
            if on_progress is not None:
                on_progress(outcome)
    return [records[a.key] for a in assignments]


def summarise(records: Iterable[dict[str, Any]], started: float) -> dict[str, Any]:
    """Counts and timing for results.json."""
    rows = list(records)
    return {
        "repositories": len(rows),
        "graded": sum(1 for r in rows if r["status"] == "ok"),
        "errors": sum(1 for r in rows if r["status"] != "ok"),
        "reused": sum(1 for r in rows if r.get("reused")),
        "seconds": round(time.monotonic() - started, 2),
    }
