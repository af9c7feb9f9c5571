"""`portfolio-lint batch`: grade a roster or an organisation and write the gradebook."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from portfolio_lint.app.batch.grade import GradeResult, GradeSettings
from portfolio_lint.app.batch.roster import (
    Assignment,
    RosterError,
    org_assignments,
    parse_shard,
    read_roster,
    shard,
)
from portfolio_lint.untrusted.atomic import write_atomically


def _deadline(text: str | None) -> datetime | None:
    """--as-of as a roster's `deadline` is read: ISO 8601, no zone meaning UTC, a date alone
    meaning the end of that day."""
    from portfolio_lint.app.batch.deadlines import parse_deadline

    if text is None:
        return None
    try:
        return parse_deadline(text)
    except ValueError:
        raise click.BadParameter(
            "use ISO 8601, e.g. 2026-03-01T23:59:00+01:00 (a date alone: the end of that day, UTC)",
            param_hint="--as-of",
        ) from None


def _codes(values: tuple[str, ...], rubric: Path | None) -> tuple[str, ...]:
    """`--allow-inline-ignore` values split at commas, each naming a rule of the rubric."""
    from portfolio_lint.core.selection import validate_selectors
    from portfolio_lint.engine.rubric import RubricError, load_rubric

    codes = tuple(c.strip().upper() for value in values for c in value.split(",") if c.strip())
    try:
        known = [rule.code for rule in load_rubric(rubric).rules]
    except RubricError:
        return codes  # reported with the rubric's own message below
    unknown = validate_selectors(codes, known)
    if unknown:
        raise click.BadParameter(
            f"{unknown[0]!r} matches no rule of the rubric", param_hint="--allow-inline-ignore"
        )
    return codes


def _selection(
    select: tuple[str, ...], ignore: tuple[str, ...], rubric: Path | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`--select` and `--ignore` split at commas, each naming rules of the rubric (as in the
    single lint: codes, family prefixes or ALL)."""
    from portfolio_lint.core.selection import validate_selectors
    from portfolio_lint.engine.rubric import RubricError, load_rubric

    chosen = {
        option: tuple(c.strip().upper() for value in values for c in value.split(",") if c.strip())
        for option, values in (("--select", select), ("--ignore", ignore))
    }
    try:
        known = [rule.code for rule in load_rubric(rubric).rules]
    except RubricError:
        return chosen["--select"], chosen["--ignore"]  # reported below
    for option, codes in chosen.items():
        unknown = validate_selectors(codes, known)
        if unknown:
            raise click.BadParameter(
                f"{unknown[0]!r} matches no rule of the rubric", param_hint=option
            )
    return chosen["--select"], chosen["--ignore"]


def _warn(message: str) -> None:
    click.echo(f"portfolio-lint: warning: {message}", err=True)


def _assignments(
    roster: Path | None, org: str | None, prefix: str | None, local_roots: tuple[Path, ...] = ()
) -> list[Assignment]:
    if (roster is None) == (org is None):
        raise click.UsageError("give either --roster FILE or --org ORG --prefix PREFIX")
    if roster is not None:
        return read_roster(roster, local_roots=local_roots, warn=_warn)
    from portfolio_lint.sources.github import ApiSettings, client

    return org_assignments(client(ApiSettings.from_environment()), org or "", prefix or "")


def _report_writer(output: Path) -> Any:
    """Each student's feedback: reports/<key>.md, .html and .txt, opening with their cover."""
    from portfolio_lint.render import feedback
    from portfolio_lint.render.cover import Cover
    from portfolio_lint.sources.targets import redact_credentials

    graded = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    def write(result: GradeResult) -> None:
        report = result.report
        assert report is not None
        cover = Cover(
            student=result.assignment.student,
            repository=redact_credentials(result.assignment.repo),
            commit=result.commit,
            committed=result.committed.isoformat() if result.committed else None,
            graded=graded,
            deadline=result.due.isoformat() if result.due else None,
            late=result.late,
        )
        # The key keeps the dots of a name: never `with_suffix`, which would cut at them.
        reports = output / "reports"
        key = result.assignment.key
        write_atomically(reports / f"{key}.md", feedback.render_markdown(report, cover))
        write_atomically(reports / f"{key}.html", feedback.render_html(report, cover))
        write_atomically(reports / f"{key}.txt", feedback.render_text(report, cover))

    return write


@click.command("batch")
@click.option(
    "--roster",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with a student column and a repository column.",
)
@click.option(
    "--allow-local-root",
    "local_roots",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also grade roster folders below DIR (default: the roster's folder only).",
)
@click.option("--org", help="GitHub organisation whose repositories to grade.")
@click.option("--prefix", default="", help="With --org: repository name prefix.")
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("portfolio-lint-batch"),
    show_default=True,
)
@click.option("--as-of", "as_of", help="Grade the last commit before this ISO 8601 time.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Parallel grading processes.",
)
@click.option("--scheduler", help="Dask scheduler address (tcp://HOST:PORT); needs [dask].")
@click.option("--shard", "shard_spec", help="Grade only shard I of N (e.g. 2/4), for CI matrices.")
@click.option("--api", is_flag=True, help="Read repositories through the GitHub API (no clone).")
@click.option("--rubric", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--timeout",
    type=float,
    default=300.0,
    show_default=True,
    help="Seconds allowed per repository.",
)
@click.option("--no-history", is_flag=True, help="Skip git-history rules (faster).")
@click.option(
    "--honour-inline-ignores",
    is_flag=True,
    help="Honour students' `# portfolio-lint: ignore[...]` and `gitleaks:allow` comments "
    "(not honoured by default: each one is counted in the gradebook).",
)
@click.option(
    "--allow-inline-ignore",
    multiple=True,
    metavar="CODES",
    help="Honour inline suppressions of these rules only (codes or family prefixes).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Grade only these rules: codes, family prefixes (DOC) or ALL, comma-separated.",
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Leave these rules out of the grade."
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="SCORE",
    help="Add a `passed` column: yes when the single lint would pass (score >= SCORE, no "
    "error-severity finding, no crashed check).",
)
@click.option(
    "--isolated",
    is_flag=True,
    help="Accepted for the single lint's sake: batch is always isolated (a student's "
    "portfolio-lint.toml or [tool.portfolio-lint] is never read).",
)
@click.option(
    "--no-similarity",
    is_flag=True,
    help="Skip the similarity section (pairs of submissions sharing files, commits or code).",
)
@click.option(
    "--starter",
    metavar="DIR|URL",
    help="Starter code the students were given: its files, commits and code are not counted "
    "as shared between submissions.",
)
@click.option("--title", default="portfolio-lint cohort report", show_default=True)
def batch(
    roster: Path | None,
    local_roots: tuple[Path, ...],
    org: str | None,
    prefix: str,
    output_dir: Path,
    as_of: str | None,
    jobs: int,
    scheduler: str | None,
    shard_spec: str | None,
    api: bool,
    rubric: Path | None,
    timeout: float,
    no_history: bool,
    honour_inline_ignores: bool,
    allow_inline_ignore: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_under: float | None,
    isolated: bool,
    no_similarity: bool,
    starter: str | None,
    title: str,
) -> None:
    """Grade many repositories; results are cached and a killed run resumes."""
    from portfolio_lint.app.batch.dashboard import render_dashboard
    from portfolio_lint.app.batch.gradebook import gradebook_csv, results_json
    from portfolio_lint.app.batch.runner import grade_cohort, keep_previous_results, summarise
    from portfolio_lint.app.batch.similarity import similarity_section
    from portfolio_lint.engine.rubric import RubricError, load_rubric

    try:
        assignments = _assignments(roster, org, prefix, local_roots)
        if shard_spec:
            assignments = shard(assignments, *parse_shard(shard_spec))
        load_rubric(rubric)
    except (RosterError, RubricError) as error:
        raise click.UsageError(str(error)) from None
    selected, ignored = _selection(select, ignore, rubric)
    settings = GradeSettings(
        rubric_path=rubric,
        as_of=_deadline(as_of),
        api=api,
        history=not no_history,
        timeout=timeout,
        honour_inline_ignores=honour_inline_ignores,
        inline_ignores_allowed=_codes(allow_inline_ignore, rubric),
        select=selected,
        ignore=ignored,
        fail_under=fail_under,
        signatures=not no_similarity,
    )
    _warn_unused_extensions(assignments, settings)
    if starter is not None and no_similarity:
        raise click.UsageError("--starter is for the similarity section: drop --no-similarity")
    starter_signature = None if starter is None else _starter_signature(starter, settings)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with _progress(len(assignments)) as advance, _terminate_like_interrupt():
        records = grade_cohort(
            assignments,
            settings,
            output_dir,
            jobs=jobs,
            scheduler=scheduler,
            on_progress=advance,
            write_reports=_report_writer(output_dir),
        )
    pairs = None if no_similarity else similarity_section(records, starter_signature)
    summary = summarise(records, started)
    earlier = keep_previous_results(output_dir)
    write_atomically(output_dir / "gradebook.csv", gradebook_csv(records))
    write_atomically(output_dir / "results.json", results_json(records, summary, pairs))
    write_atomically(
        output_dir / "index.html", render_dashboard(records, title, pairs, previous=earlier)
    )
    click.echo(
        f"{summary['repositories']} repositories: {summary['graded']} graded, "
        f"{summary['unchanged']} unchanged, "
        f"{summary['errors']} error{'' if summary['errors'] == 1 else 's'}"
        + ("" if pairs is None else f", {len(pairs)} similar pair{'' if len(pairs) == 1 else 's'}")
        + f", in {summary['seconds']}s; see {output_dir / 'index.html'}",
        err=True,
    )


def _warn_unused_extensions(assignments: list[Assignment], settings: GradeSettings) -> None:
    """An extension adds days to --as-of: without it there is nothing to extend."""
    if settings.as_of is not None:
        return
    extended = sum(1 for a in assignments if a.extension_days and a.deadline is None)
    if extended:
        _warn(
            f"{extended} roster row{'s' if extended > 1 else ''} give an extension but there is "
            "no --as-of deadline to extend: graded at the branch tip"
        )


def _starter_signature(starter: str, settings: GradeSettings) -> dict[str, Any]:
    """The signature of the grader's starter code (a folder, or a repository to clone)."""
    from portfolio_lint.app.batch.grade import open_source
    from portfolio_lint.app.batch.signature import signature
    from portfolio_lint.core.config import Config
    from portfolio_lint.facts.repo import Repo, RunOptions

    folder = Path(starter).expanduser()
    # A local folder is named by its absolute path, as the roster does; anything else is a
    # remote target (gh:owner/repo, a URL).
    value = str(folder.resolve()) if folder.is_dir() else starter
    starter_settings = GradeSettings(history=True, timeout=settings.timeout)
    try:
        source, _ = open_source(Assignment("starter", value), starter_settings)
        return signature(Repo(source, Config(), RunOptions(history=True, jobs=1)))
    except Exception as error:
        raise click.BadParameter(
            f"cannot read {starter}: {error}", param_hint="--starter"
        ) from None


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """SIGTERM ends the batch the way Ctrl-C does: worker groups are killed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Progress:
    def __init__(self, total: int) -> None:
        self.total = total
        self.errors = 0
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("grading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[errors]} errors"),
                _rate_column(),
                TimeRemainingColumn(),
                transient=True,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("grading", total=self.total, errors=0)
        return self

    def __call__(self, outcome: Any) -> None:
        result = getattr(outcome, "result", None)
        if result is not None and result.status != "ok":
            self.errors += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, errors=self.errors)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Repositories per second."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f} repos/s")

    return RateColumn()


def _progress(total: int) -> _Progress:
    return _Progress(total)
