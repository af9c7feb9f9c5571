"""Grade one student repository in isolation: resolve, fetch, lint, never raise."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from portfolio_lint import __version__
from portfolio_lint.app.batch.pool import note_possible_strays, retire_this_worker
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.timeout import GradeTimeoutError, time_limit
from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Report
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import load_rubric
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.base import Source
from portfolio_lint.sources.targets import Target


@dataclass(frozen=True)
class GradeSettings:
    """How every repository of a batch is graded (picklable: sent to workers)."""

    rubric_path: Path | None = None
    as_of: datetime | None = None
    api: bool = False
    clone_cache: Path | None = None  # None: the user's cache folder
    history: bool = True
    timeout: float = 300.0
    # Students' inline suppressions are not honoured unless the grader opts in (issue 13).
    honour_inline_ignores: bool = False
    inline_ignores_allowed: tuple[str, ...] = ()
    # The single lint's --select, --ignore and --fail-under (rule codes or family prefixes).
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_under: float | None = None
    # Compute each repository's similarity signature (files, commits, code shingles).
    signatures: bool = True


NO_COMMIT = "no-commit-before-deadline"


def dated(settings: GradeSettings, assignment: Assignment) -> GradeSettings:
    """The settings with the student's own deadline: their roster `deadline`, else --as-of
    plus their `extension_days`."""
    from portfolio_lint.app.batch.deadlines import due

    when = due(settings.as_of, assignment.deadline, assignment.extension_days)
    return settings if when == settings.as_of else replace(settings, as_of=when)


@dataclass(frozen=True)
class GradeResult:
    """One row of the gradebook, with the full report when grading succeeded."""

    assignment: Assignment
    status: str  # "ok" | "error" | NO_COMMIT
    commit: str | None = None
    report: Report | None = None
    error: str | None = None
    seconds: float = 0.0
    cached: bool = False
    families: dict[str, float | None] = field(default_factory=dict)
    # With a deadline on GitHub: whether the graded commit was pushed after it (None: unknown).
    pushed_late: bool | None = None
    # With a deadline: whether the repository has work after it (None: no deadline, unknown).
    late: bool | None = None
    due: datetime | None = None  # the deadline this student was graded at
    committed: datetime | None = None  # the graded commit's date, when git knows it
    # What the cohort's similarity section compares (app.batch.signature), when asked for.
    signature: dict[str, Any] | None = None

    @property
    def score(self) -> float | None:
        """The report's score (None on error)."""
        return self.report.score if self.report else None

    @property
    def grade(self) -> str:
        """Letter grade, or empty on error."""
        return self.report.grade if self.report else ""


def assignment_target(assignment: Assignment) -> Target:
    """What an assignment names. A local folder only by an absolute path (the roster vetted
    and resolved it): the grader's working directory never turns `owner/repo` into a folder,
    and a path-like value (`./x`, `/x`, `~/x`) is never sent to GitHub."""
    from portfolio_lint.sources.targets import parse_target

    if assignment.refusal:
        raise RefusedError(assignment.refusal)
    return parse_target(assignment.repo, cwd=Path(os.devnull), shorthand=True)


class RefusedError(ValueError):
    """A roster row that is not graded (a local path outside the allowed folders)."""


def open_source(assignment: Assignment, settings: GradeSettings) -> tuple[Source, str]:
    """The Source for an assignment, and how reports should name it. A deadline names a
    commit, not the work tree, and a bare repository has no work tree: a local folder is
    then graded from a clone of its history."""
    from portfolio_lint.sources.open import NotOnGitHubError
    from portfolio_lint.sources.open import open_source as open_target

    target = assignment_target(assignment)
    try:
        source = open_target(
            target,
            api=settings.api,
            history=settings.history,
            as_of=settings.as_of,
            clone_cache=settings.clone_cache,
            clone_timeout=max(30.0, settings.timeout),
            clone_local_commits=True,
        )
    except NotOnGitHubError as error:
        if error.other_host:
            raise ValueError(
                f"{target.display}: API mode reads GitHub repositories only, not {target.url}"
            ) from None
        raise ValueError(f"{target.display}: API mode needs a GitHub owner/repo") from None
    return source, target.display


def grade(
    assignment: Assignment, settings: GradeSettings, rubric: Rubric | None = None
) -> GradeResult:
    """Grade one repository with `rubric` (default: load `settings.rubric_path`).

    Every failure, the timeout included, becomes an error row with its reason; a repository
    whose commits all come after the student's deadline gets the status NO_COMMIT.
    """
    from portfolio_lint.sources.base import NoCommitBeforeError

    started = time.monotonic()
    settings = dated(settings, assignment)
    try:
        with time_limit(settings.timeout):
            rubric = rubric or load_rubric(settings.rubric_path)
            source, display = open_source(assignment, settings)
            options = RunOptions(history=settings.history, jobs=1)
            repo = Repo(source, Config(), options)
            report = replace(lint_isolated(repo, rubric, settings), target=display)
            pushed = pushed_late(assignment, source, report.commit, settings)
            committed = commit_date(repo)
            sig = _signature(repo) if settings.signatures else None
    except NoCommitBeforeError as error:
        return GradeResult(
            assignment,
            NO_COMMIT,
            error=_reason(error),
            seconds=time.monotonic() - started,
            late=True,
            due=settings.as_of,
        )
    except (Exception, GradeTimeoutError) as error:  # one repository never stops the batch
        note_possible_strays()  # a git call killed at its timeout may leave its helpers
        if isinstance(error, GradeTimeoutError):
            retire_this_worker()  # raised from a signal: it may have cut an import in half
        return GradeResult(
            assignment,
            "error",
            error=_reason(error),
            seconds=time.monotonic() - started,
            due=settings.as_of,
        )
    return GradeResult(
        assignment,
        "ok",
        commit=report.commit,
        report=report,
        seconds=time.monotonic() - started,
        families={f.family: f.score for f in report.families},
        pushed_late=pushed,
        late=pushed,  # the runner adds what the branch tip says
        due=settings.as_of,
        committed=committed,
        signature=sig,
    )


def _signature(repo: Repo) -> dict[str, Any] | None:
    """The similarity signature; None when it cannot be computed (the grade still stands)."""
    from portfolio_lint.app.batch.signature import signature

    try:
        return signature(repo)
    except Exception:  # RecursionError and MemoryError included; a timeout is not caught
        return None


def commit_date(repo: Repo) -> datetime | None:
    """The graded commit's committer date (None for a plain folder, in API mode, or when git
    cannot say)."""
    from portfolio_lint.untrusted.hardened_git import GitError, run_git

    root, commit = repo.git_root, repo.commit
    if root is None or commit is None:
        return None
    try:
        out = run_git(root, ["show", "-s", "--format=%cI", commit, "--"], timeout=30.0)
        return datetime.fromisoformat(out.decode().strip())
    except (GitError, ValueError):
        return None


def pushed_late(
    assignment: Assignment, source: Source, commit: str | None, settings: GradeSettings
) -> bool | None:
    """With --as-of on a GitHub repository: whether `commit` was pushed after the deadline.

    API mode asks the API it already uses; clone mode asks only with a token (the API's
    anonymous rate limit would stall a cohort). None when there is no deadline or no answer.
    """
    from portfolio_lint.sources.clone import TOKEN_VARIABLES, on_github_host
    from portfolio_lint.sources.github import GitHubSource
    from portfolio_lint.sources.subtree import SubtreeSource

    if settings.as_of is None or commit is None:
        return None
    if isinstance(source, SubtreeSource):
        source = source.inner
    try:
        if isinstance(source, GitHubSource):
            return source.pushed_after(settings.as_of)
        target = assignment_target(assignment)
        if (
            target.slug is None
            or not on_github_host(target.url or "")
            or not any(os.environ.get(v) for v in TOKEN_VARIABLES)
        ):
            return None
        from portfolio_lint.sources.github import ApiSettings, client, pushed_after

        repo = client(ApiSettings.from_environment()).get_repo(target.slug)
        return pushed_after(repo, commit, target.ref or repo.default_branch, settings.as_of)
    except Exception:  # the flag is advice: an API failure leaves it unknown
        return None


def lint_isolated(repo: Repo, rubric: Rubric, settings: GradeSettings) -> Report:
    """Lint with the grader's rubric only: the student's own config is never read, and their
    inline suppressions count only as the grader's settings allow."""
    from portfolio_lint.engine.run import lint

    config = Config(
        select=settings.select or ("ALL",),
        ignore=settings.ignore,
        fail_under=settings.fail_under,
        honour_inline_ignores=settings.honour_inline_ignores,
        inline_ignores_allowed=settings.inline_ignores_allowed,
    )
    return lint(repo, rubric, config)


def _reason(error: BaseException) -> str:
    from portfolio_lint.sources.targets import redact_credentials

    text = str(error).strip().splitlines()
    message = redact_credentials(text[0]) if text else ""
    return f"{type(error).__name__}: {message}"[:300] if message else type(error).__name__


def cache_key(repo: str, commit: str | None, rubric_digest: str, settings: GradeSettings) -> str:
    """Results are reused for the same repository, commit, rubric, tool version and mode."""
    deadline = settings.as_of.isoformat() if settings.as_of else ""
    inline = "all" if settings.honour_inline_ignores else ",".join(settings.inline_ignores_allowed)
    mode = f"api={settings.api};history={settings.history};as-of={deadline};inline={inline}"
    if settings.select or settings.ignore or settings.fail_under is not None:
        chosen = f"select={','.join(settings.select)};ignore={','.join(settings.ignore)}"
        mode += f";{chosen};fail-under={settings.fail_under}"
    # The repository is hashed: a URL may carry a token, and keys are stored on disk.
    repo_digest = hashlib.sha256(repo.encode()).hexdigest()
    return f"{repo_digest}\0{commit}\0{rubric_digest}\0{__version__}\0{mode}"
