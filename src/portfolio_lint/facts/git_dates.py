"""When files last changed in the linted commit's history (hardened git, asked once per lint)."""

from __future__ import annotations

import re
from datetime import datetime

from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.untrusted.hardened_git import GitError, run_git

GIT_LOG_TIMEOUT = 30.0


@repository_fact
def last_commit_date(repo: Repo, pathspec: str) -> datetime | None:
    """Committer date of the last commit touching `pathspec`, up to the linted commit.

    None without a local git repository (plain folder, API mode), when no commit matches,
    or when git fails.
    """
    root = repo.git_root
    if root is None:
        return None
    revision = [repo.commit] if repo.commit else []
    try:
        out = run_git(
            root, ["log", "-1", "--format=%cI", *revision, "--", pathspec], timeout=GIT_LOG_TIMEOUT
        )
        return datetime.fromisoformat(out.decode().strip()) if out.strip() else None
    except (GitError, ValueError):
        return None


def last_change_of(repo: Repo, path: str) -> datetime | None:
    """When the repository file `path` (taken literally, no glob) was last committed."""
    return last_commit_date(repo, f":(literal){_inside(repo)}{path}")


def last_python_change(repo: Repo) -> datetime | None:
    """When a Python source file (`*.py`, any folder) was last committed."""
    return last_commit_date(repo, f"{glob_escape(_inside(repo))}*.py")


def _inside(repo: Repo) -> str:
    """The linted folder's path in the repository, as a pathspec prefix (git runs at the top)."""
    return f"{repo.subtree}/" if repo.subtree else ""


def glob_escape(text: str) -> str:
    """`text` matched literally inside a git wildcard pathspec."""
    return re.sub(r"([*?\[\\])", r"\\\1", text)
