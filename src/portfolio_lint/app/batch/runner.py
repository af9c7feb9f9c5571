"""Grade a cohort: reuse unchanged results, run the rest on processes or Dask, write outputs."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from portfolio_lint.app.batch.grade import (
    NO_COMMIT,
    GradeResult,
    GradeSettings,
    cache_key,
    dated,
    grade,
)
from portfolio_lint.app.batch.pool import map_in_processes
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.store import ResultStore, record_of
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import load_rubric


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
    from portfolio_lint.app.batch.grade import assignment_target

    try:
        target = assignment_target(assignment)
        if target.local is not None:
            return local_state(target.local.resolve(), settings)
        if settings.api:
            from portfolio_lint.sources.github import GitHubSource

            return GitHubSource(target.slug or "", target.ref).commit()
        from portfolio_lint.sources.clone import remote_tip

        return remote_tip(target)
    except Exception:  # an unreachable repository is graded (and fails) the normal way
        return None


def local_state(folder: Path, settings: GradeSettings) -> str | None:
    """What a local target's result depends on (with the deadline in the cache key): a bare
    repository's HEAD commit; with a deadline, the work tree's HEAD commit (the deadline's
    commit lies in its history); else the work tree's commit and every listed file's path,
    size and modification time (it may hold uncommitted changes)."""
    from portfolio_lint.sources.gittree import GitTreeSource, is_bare_repository
    from portfolio_lint.sources.local import LocalSource
    from portfolio_lint.sources.subtree import enclosing_work_tree

    if is_bare_repository(folder):
        with GitTreeSource(folder, "HEAD") as tree:
            return tree.commit()
    source = LocalSource(folder, top=enclosing_work_tree(folder))
    commit = source.commit()
    if settings.as_of is not None:
        return commit
    listing = hashlib.sha256()
    for entry in sorted(source.files(), key=lambda e: e.path):
        try:
            status = os.lstat(folder / entry.disk_path)
        except OSError:
            return None
        listing.update(f"{entry.path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return f"{commit}+{listing.hexdigest()}"


def grade_or_reuse(
    assignment: Assignment, settings: GradeSettings, rubric: Rubric, stored_key: str | None
) -> Outcome:
    """Runs in a worker: skip grading when the stored result is for the same inputs.

    The rubric travels with the task, so a long-lived worker (a Dask cluster's) never grades
    with a rubric older than the one the cache key names.
    """
    own = dated(settings, assignment)  # the student's own deadline, if the roster gives one
    tip = tip_commit(assignment, own)
    key = cache_key(assignment.repo, tip, rubric.digest, own)
    if tip is not None and stored_key == key:
        return Reused(assignment)
    result = with_late_flag(grade(assignment, settings, rubric), tip)
    return Graded(result, key if tip is not None else "")


def with_late_flag(result: GradeResult, tip: str | None) -> GradeResult:
    """`late`: with a deadline, whether the branch has work after it. The graded commit is the
    last one before the deadline, so a different tip means later commits; a commit pushed
    after the deadline (GitHub's push time) is late too; all commits after it: NO_COMMIT."""
    if result.due is None:
        return result
    if result.status == NO_COMMIT:
        return replace(result, late=True)
    if result.status != "ok":
        return result
    moved = None if tip is None or result.commit is None else tip != result.commit
    late = True if result.pushed_late or moved else (False if moved is False else result.late)
    return replace(result, late=late)


Item = tuple[Assignment, str | None]  # an assignment and its stored cache key


def _grade_item(settings: GradeSettings, rubric: Rubric, item: Item) -> Outcome:
    return grade_or_reuse(item[0], settings, rubric, item[1])


def _failed(item: Item, reason: str) -> Outcome:
    return Graded(GradeResult(item[0], "error", error=reason), "")


def _run(
    assignments: Sequence[Assignment],
    settings: GradeSettings,
    rubric: Rubric,
    stored: dict[str, str | None],
    jobs: int,
    scheduler: str | None,
) -> Iterator[Outcome]:
    """Outcomes in completion order: on Dask, or on worker processes in their own groups."""
    items = [(a, stored[a.key]) for a in assignments]
    work = partial(_grade_item, settings, rubric)
    if scheduler:
        yield from _on_dask(work, items, scheduler)
    else:
        # Even one job runs in a worker process: a repository over its limit is killed with
        # every git process it started, which no in-process alarm can do.
        yield from map_in_processes(work, items, jobs, _failed, settings.timeout)


def _on_dask(
    work: Callable[[Item], Outcome], items: Sequence[Item], scheduler: str
) -> Iterator[Outcome]:
    from distributed import Client  # portfolio-lint: ignore[ENV005] (the dask[distributed] extra)

    # Not the process-wide default client: the batch owns this connection only.
    with Client(scheduler, set_as_default=False) as client:
        executor = client.get_executor()
        futures = {executor.submit(work, item): item for item in items}
        for future in as_completed(futures):
            error = future.exception()  # a worker lost on the cluster is one error row
            yield (
                future.result()
                if error is None
                else _failed(futures[future], f"worker failed: {type(error).__name__}: {error}")
            )


def grade_cohort(
    assignments: Sequence[Assignment],
    settings: GradeSettings,
    output: Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    on_progress: Callable[[Outcome], None] | None = None,
    write_reports: Callable[[GradeResult], None] | None = None,
) -> list[dict[str, Any]]:
    """Grade every assignment (reusing unchanged results); returns records in roster order."""
    store = ResultStore(output)
    rubric = load_rubric(settings.rubric_path)
    previous = {a.key: store.load(a) for a in assignments}
    stored = {key: _reusable_key(record, settings) for key, record in previous.items()}
    records: dict[str, dict[str, Any]] = {}
    for outcome in _run(assignments, settings, rubric, stored, jobs, scheduler):
        if isinstance(outcome, Reused):
            record = previous[outcome.assignment.key]
            assert record is not None
            # The roster's columns are today's (an email fixed since the last run shows).
            columns = dict(outcome.assignment.columns)
            records[outcome.assignment.key] = {**record, "reused": True, "roster": columns}
        else:
            record = record_of(outcome.result, outcome.key)
            if write_reports is not None and outcome.result.report is not None:
                write_reports(outcome.result)
            store.save(outcome.result.assignment, record)
            records[outcome.result.assignment.key] = record
        if on_progress is not None:
            on_progress(outcome)
    return [records[a.key] for a in assignments]


def _reusable_key(record: dict[str, Any] | None, settings: GradeSettings) -> str | None:
    """The cache key of a stored result that may stand in for grading (a graded result, with
    its similarity signature when the run compares submissions)."""
    if record is None or record.get("status") != "ok":
        return None
    if settings.signatures and not isinstance(record.get("signature"), dict):
        return None
    key = record.get("cache_key")
    return key if isinstance(key, str) else None


def summarise(records: Iterable[dict[str, Any]], started: float) -> dict[str, Any]:
    """Counts and timing for results.json."""
    rows = list(records)
    return {
        "repositories": len(rows),
        "graded": sum(1 for r in rows if r["status"] == "ok" and not r.get("reused")),
        "unchanged": sum(1 for r in rows if r["status"] == "ok" and r.get("reused")),
        "errors": sum(1 for r in rows if r["status"] != "ok"),
        "reused": sum(1 for r in rows if r.get("reused")),
        "seconds": round(time.monotonic() - started, 2),
    }


MAX_PREVIOUS_BYTES = 64 * 1024 * 1024


def keep_previous_results(output: Path) -> dict[str, dict[str, Any]]:
    """Before a run's results.json is written: the earlier run's records by key (empty when
    none), its file kept as results.previous.json for the trend column."""
    import json

    from portfolio_lint.untrusted.atomic import write_atomically

    path = output / "results.json"
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_PREVIOUS_BYTES + 1)
        if len(raw) > MAX_PREVIOUS_BYTES:
            return {}
        data = json.loads(raw)
    except (OSError, ValueError):
        return {}
    rows = data.get("results") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return {}
    write_atomically(output / "results.previous.json", raw.decode("utf-8", "replace"))
    return {r["key"]: r for r in rows if isinstance(r, dict) and isinstance(r.get("key"), str)}
