"""Pull-request mode: the findings a change introduced since a base revision."""

from __future__ import annotations

from collections import Counter

from portfolio_lint.core.config import Config
from portfolio_lint.core.model import Report
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.baseline import fingerprints, only_new
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.open import open_source
from portfolio_lint.sources.targets import Target
from portfolio_lint.untrusted.hardened_git import GitError


class DiffBaseError(Exception):
    """The base revision cannot be read."""


def base_fingerprints(repo: Repo, rubric: Rubric, config: Config, revision: str) -> Counter[str]:
    """Fingerprints of the findings the same rubric gives at `revision` (of the same folder,
    for a folder of a bigger repository)."""
    root = repo.git_root
    if root is None:
        raise DiffBaseError("--diff-base needs a git repository")
    try:
        source = open_source(Target(revision, local=root, ref=revision, subdir=repo.subtree))
    except GitError as error:
        raise DiffBaseError(f"--diff-base {revision}: {error}") from error
    try:
        base = lint(Repo(source, config, repo.options), rubric, config)
    finally:
        close = getattr(source, "close", None)  # the git tree's cat-file process
        if close is not None:
            close()
    return fingerprints(base)


def introduced_since(
    report: Report, repo: Repo, rubric: Rubric, config: Config, revision: str
) -> Report:
    """`report` keeping only findings absent at `revision` (the score stays the whole repo's)."""
    return only_new(report, base_fingerprints(repo, rubric, config, revision))
