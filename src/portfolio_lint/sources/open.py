"""The one place a Target becomes a Source: the CLI, batch and `--diff-base` all call it,
each passing its policy (API mode, history, deadline, clone cache and timeout) as arguments."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from portfolio_lint.sources.base import Source
from portfolio_lint.sources.targets import Target


class NotOnGitHubError(ValueError):
    """API mode was asked for a target the GitHub API cannot read; callers word the error."""

    def __init__(self, target: Target, *, other_host: bool) -> None:
        self.target = target
        self.other_host = other_host  # False: not an owner/repo target at all
        super().__init__(target.display)


def open_source(
    target: Target,
    *,
    api: bool = False,
    history: bool = True,
    as_of: datetime | None = None,
    clone_cache: Path | None = None,
    clone_timeout: float | None = None,
    clone_local_commits: bool = False,
) -> Source:
    """The Source for `target`.

    A local folder is read in place. A bare repository (at HEAD) or a local target with a
    `ref` (a revision, as `--diff-base` asks) is read as that commit's git tree, or from a
    clone of the folder's history with `clone_local_commits` or a deadline (`as_of`), which
    only a clone resolves. A remote target is read through the GitHub API with `api`
    (GitHub's host only: NotOnGitHubError otherwise), else from a blobless clone in
    `clone_cache` (default: the user's cache folder; with the blobs of its whole history
    when `history`). Errors of the
    underlying sources (GitError, GitHubError...) pass through for the caller to word.
    """
    if target.local is not None:
        path = target.local.resolve()
        if as_of is None and target.ref is None and not _is_bare(path):
            return _local(path)
        if as_of is None and not clone_local_commits:
            return _git_tree(path, target.ref)
        target = Target(target.raw, url=path.as_uri(), ref=target.ref)
    elif api:
        return _github(target, as_of)
    from portfolio_lint.sources.clone import CLONE_TIMEOUT, ensure_checkout

    checkout = ensure_checkout(
        target,
        cache=clone_cache,
        as_of=as_of,
        timeout=CLONE_TIMEOUT if clone_timeout is None else clone_timeout,
        history=history,
    )
    return _local(checkout.path)


def _is_bare(path: Path) -> bool:
    from portfolio_lint.sources.gittree import is_bare_repository

    return is_bare_repository(path)


def _local(path: Path) -> Source:
    from portfolio_lint.sources.local import LocalSource

    return LocalSource(path)


def _git_tree(path: Path, ref: str | None) -> Source:
    """A bare repository at HEAD (named by its folder), or the commit `ref` names."""
    from portfolio_lint.sources.gittree import GitTreeSource
    from portfolio_lint.untrusted.reads import display_name

    if ref is None:
        return GitTreeSource(path, "HEAD", display=display_name(str(path)))
    return GitTreeSource(path, ref)


def _github(target: Target, as_of: datetime | None) -> Source:
    from portfolio_lint.sources.clone import on_github_host
    from portfolio_lint.sources.github import GitHubSource

    if target.slug is None:
        raise NotOnGitHubError(target, other_host=False)
    if not on_github_host(target.url or ""):
        # The API (and the token) serve GitHub only: another host's owner/repo would be
        # read as GitHub's repository of that name.
        raise NotOnGitHubError(target, other_host=True)
    return GitHubSource(target.slug, target.ref, as_of=as_of)
