"""Pull-request mode: the findings a change introduced since a base revision, and the score
then and now."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from portfolio_lint.core.config import Config
from portfolio_lint.core.model import (
    BASE_REVISION,
    BASE_SCORE,
    FINDINGS_FIXED,
    FINDINGS_NEW,
    SCORE_DELTA,
    Report,
)
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.baseline import fingerprints, only_new
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.open import open_source
from portfolio_lint.sources.targets import Target
from portfolio_lint.untrusted.hardened_git import GitError, run_git


class DiffBaseError(Exception):
    """The base revision cannot be read."""


def lint_base(repo: Repo, rubric: Rubric, config: Config, revision: str) -> Report:
    """The same rubric's report at `revision` (of the same folder, for a folder of a bigger
    repository), read from git objects: no second checkout."""
    root = repo.git_root
    if root is None:
        raise DiffBaseError("--diff-base needs a git repository")
    try:
        source = open_source(Target(revision, local=root, ref=revision, subdir=repo.subtree))
    except GitError as error:
        raise DiffBaseError(f"--diff-base {revision}: {error}") from error
    try:
        return lint(Repo(source, config, repo.options), rubric, config)
    finally:
        close = getattr(source, "close", None)  # the git tree's cat-file process
        if close is not None:
            close()


def _has_commits(root: Path) -> bool:
    try:
        run_git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    except GitError:
        return False
    return True


def base_fingerprints(repo: Repo, rubric: Rubric, config: Config, revision: str) -> Counter[str]:
    """Fingerprints of the findings the same rubric gives at `revision`."""
    return fingerprints(lint_base(repo, rubric, config, revision))


def introduced_since(
    report: Report, repo: Repo, rubric: Rubric, config: Config, revision: str
) -> Report:
    """`report` keeping only findings absent at `revision` (the score stays the whole repo's),
    with the base's score, the change and how many findings were fixed and added.

    In a repository without a commit yet (a pre-commit hook before the first commit) every
    finding is new."""
    if repo.git_root is not None and not _has_commits(repo.git_root):
        warning = f"--diff-base {revision}: no commit yet, so every finding is new"
        first = only_new(report, Counter())
        return replace(first, warnings=(*first.warnings, warning))
    base = lint_base(repo, rubric, config, revision)
    before, after = fingerprints(base), fingerprints(report)
    new = only_new(report, before)
    progress = [
        (BASE_REVISION, revision),
        (FINDINGS_FIXED, str(sum((before - after).values()))),
        (FINDINGS_NEW, str(len(new.findings))),
    ]
    if base.score is not None and report.score is not None:
        delta = round(report.score - base.score, 1)
        progress += [(BASE_SCORE, f"{base.score:.1f}"), (SCORE_DELTA, f"{delta:+.1f}")]
    return new.with_metadata(progress)
