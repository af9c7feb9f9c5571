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

    A local folder is read in place; a folder inside a git work tree that tracks files in it
    is that subtree of the repository (sources.subtree). A bare repository (at HEAD) or a
    local target with a `ref` (a revision, as `--diff-base` asks) is read as that commit's git
    tree, or from a clone of the folder's history with `clone_local_commits` or a deadline
    (`as_of`), which only a clone resolves. A remote target is read through the GitHub API
    with `api` (GitHub's host only: NotOnGitHubError otherwise), else from a blobless clone in
    `clone_cache` (default: the user's cache folder; with the blobs of its whole history
    when `history`); its `subdir`, if any, must be a folder of the commit. Errors of the
    underlying sources (GitError, GitHubError...) pass through for the caller to word.
    """
    if target.local is not None:
        path = target.local.resolve()
        bare = _is_bare(path)
        top = None if bare else _enclosing_work_tree(path)
        subdir = target.subdir if top is None else path.relative_to(top).as_posix()
        if as_of is None and target.ref is None and not bare:
            return _local(path, top)
        if as_of is None and not clone_local_commits:
            return _within(_git_tree(top or path, target.ref), subdir)
        target = Target(target.raw, url=(top or path).as_uri(), ref=target.ref, subdir=subdir)
    elif api:
        return _within(_github(target, as_of), target.subdir)
    from portfolio_lint.sources.clone import CLONE_TIMEOUT, ensure_checkout

    checkout = ensure_checkout(
        target,
        cache=clone_cache,
        as_of=as_of,
        timeout=CLONE_TIMEOUT if clone_timeout is None else clone_timeout,
        history=history,
    )
    if target.subdir is None:
        return _local(checkout.path, None)
    return _local(_folder_of(checkout.path, target.subdir, checkout.commit), checkout.path)


def _folder_of(root: Path, subdir: str, commit: str) -> Path:
    """`root/subdir`, which must be a real folder inside `root` (no symlink on the way)."""
    from portfolio_lint.untrusted.hardened_git import GitError

    root = root.resolve()
    folder = root / subdir
    if folder.is_dir() and folder.resolve() == folder and folder.is_relative_to(root):
        return folder
    raise GitError(f"no folder {subdir!r} in commit {commit[:12]}")


def _within(source: Source, subdir: str | None) -> Source:
    """`source`, or its folder `subdir` (which must hold files)."""
    if subdir is None:
        return source
    from portfolio_lint.sources.subtree import SubtreeSource
    from portfolio_lint.untrusted.hardened_git import GitError

    project = SubtreeSource(source, subdir)
    if not project.files():
        project.close()
        raise GitError(f"no folder {subdir!r} with files in {source.name}")
    return project


def _enclosing_work_tree(path: Path) -> Path | None:
    from portfolio_lint.sources.subtree import enclosing_work_tree

    return enclosing_work_tree(path)


def _is_bare(path: Path) -> bool:
    from portfolio_lint.sources.gittree import is_bare_repository

    return is_bare_repository(path)


def _local(path: Path, top: Path | None) -> Source:
    from portfolio_lint.sources.local import LocalSource

    return LocalSource(path, top=top)


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
