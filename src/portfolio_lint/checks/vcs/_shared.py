"""Helpers shared by several VCS rules; not a rule."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.history import History
from portfolio_lint.sources.base import FileEntry


def require_history(repo: Repo) -> History:
    """The git history; Skip when it is unreadable, empty or shows no committed file."""
    history = repo.history
    if history is None:
        raise Skip(repo.history_unavailable or "git history could not be read")
    if not history.commits:
        raise Skip("the repository has no commits")
    if not history.added_paths and not repo.files:
        raise Skip("no file was ever committed")  # empty commits show no work to judge
    return history


def short(sha: str) -> str:
    """The abbreviated commit id shown in findings."""
    return sha[:8]


MAX_FINDINGS = 30

MIB = 1024 * 1024


def committed_files(repo: Repo) -> list[FileEntry]:
    """Tracked files in a git repository; every file of a plain folder (a snapshot)."""
    if any(entry.tracked for entry in repo.files):
        return [entry for entry in repo.files if entry.tracked]
    return list(repo.files)


def human_size(size: int) -> str:
    """A size in MB, or in KB below a tenth of a megabyte."""
    return f"{size / MIB:.1f} MB" if size >= MIB / 10 else f"{size / 1024:.0f} KB"
