"""A project folder inside a bigger repository, linted as that subtree of the repository.

A local folder inside a git work tree is a LocalSource with `top` (git runs at the top, with
the folder as its pathspec, so every .gitignore that applies is git's own business). Any other
source (a commit's tree, the GitHub API) is wrapped in SubtreeSource. Either way the report's
paths are relative to the folder, and the history is the folder's: `git log -- <folder>`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from portfolio_lint.sources.base import FileEntry, HostMetadata, Source
from portfolio_lint.sources.gittree import git_listing
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.overlay import OverlaySource
from portfolio_lint.sources.trust import trusted_git_dir
from portfolio_lint.untrusted.hardened_git import GitError
from portfolio_lint.untrusted.reads import read_capped

MAX_IGNORE_READ = 256 * 1024


def enclosing_work_tree(folder: Path) -> Path | None:
    """The top of the git work tree `folder` (resolved) lies in, when that repository may be
    read (sources.trust) and tracks a file below `folder`; None otherwise.

    A folder with git data of its own is a repository, not a subtree. A folder the enclosing
    repository tracks nothing in (a dotfiles repository at $HOME ignoring `*`, a scratch
    folder) is linted as a plain folder, as before; so is one below git data that neither the
    user nor the folder's owner owns (as git itself will not discover such a repository: a
    `.git` someone else planted in /tmp must not decide which files are graded).
    """
    if os.path.lexists(folder / ".git"):
        return None
    top = next((p for p in folder.parents if os.path.lexists(p / ".git")), None)
    if top is None or not _owned(top, folder) or not trusted_git_dir(top).trusted:
        return None
    try:
        tracked, _ = git_listing(
            top, ["ls-files", "-z", "--cached", "--", pathspec(subfolder(top, folder))], 1
        )
    except GitError:
        return None
    return top if tracked else None


def _owned(top: Path, folder: Path) -> bool:
    """Whether `top`'s git data belongs to the user running us or to `folder`'s owner."""
    try:
        return (top / ".git").lstat().st_uid in (os.getuid(), folder.stat().st_uid)
    except OSError:
        return False


def subfolder(top: Path, folder: Path) -> str:
    """`folder`'s POSIX path below `top`."""
    return folder.relative_to(top).as_posix()


def pathspec(folder: str) -> str:
    """A git pathspec for everything below `folder` (taken literally: `*` is a name)."""
    return f":(literal){folder}/"


def subtree_of(source: Source) -> str | None:
    """The folder of its repository `source` lints (POSIX, no slashes at the ends), or None."""
    if isinstance(source, OverlaySource):
        return subtree_of(source.base)
    if isinstance(source, LocalSource | SubtreeSource):
        return source.subtree
    return None


def ancestors(folder: str) -> list[str]:
    """The folders above `folder` inside the repository, top first: `a/b/c` → "", `a`, `a/b`."""
    parts = folder.split("/")
    return ["/".join(parts[:index]) for index in range(len(parts))]


def inherited_ignores(source: Source) -> list[tuple[str, str]]:
    """The .gitignore files above the linted folder that apply to it: (the folder's path
    relative to the ignore file's folder, with a trailing `/`; the file's text), top first."""
    folder = subtree_of(source)
    if folder is None:
        return []
    found = []
    for above in ancestors(folder):
        name = f"{above}/.gitignore" if above else ".gitignore"
        data = _read_above(source, name)
        if data is not None and len(data) <= MAX_IGNORE_READ:
            found.append((folder[len(above) :].lstrip("/") + "/", data.decode("utf-8", "replace")))
    return found


def _read_above(source: Source, name: str) -> bytes | None:
    if isinstance(source, OverlaySource):
        return _read_above(source.base, name)
    if isinstance(source, LocalSource):
        return read_capped(source.top, name, MAX_IGNORE_READ + 1)
    if isinstance(source, SubtreeSource):
        return source.inner.read_bytes(name, MAX_IGNORE_READ + 1)
    return None


class SubtreeSource:
    """The files of `inner` below `folder`, with paths relative to it; git and hosting data
    are the whole repository's (the history rules ask git for the folder's own)."""

    def __init__(self, inner: Source, folder: str) -> None:
        self.inner = inner
        self.subtree = folder
        self._prefix = folder + "/"
        self._files: list[FileEntry] | None = None

    @property
    def name(self) -> str:
        """The repository's name and the folder: `owner/repo//projects/titanic`."""
        return f"{self.inner.name}//{self.subtree}"

    def files(self) -> Sequence[FileEntry]:
        """The repository's files below the folder."""
        if self._files is None:
            cut = len(self._prefix)
            self._files = [
                FileEntry(e.path[cut:], e.size, e.tracked, e.blob)
                for e in self.inner.files()
                if e.path.startswith(self._prefix)
            ]
        return self._files

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """The repository file at the folder's `path`."""
        return self.inner.read_bytes(self._prefix + path, limit)

    def git_root(self) -> Path | None:
        """The repository's git data, for the folder's history."""
        return self.inner.git_root()

    def commit(self) -> str | None:
        """The repository's commit."""
        return self.inner.commit()

    def metadata(self) -> HostMetadata | None:
        """The repository's hosting metadata."""
        return self.inner.metadata()

    def warnings(self) -> Sequence[str]:
        """What the repository's source skipped."""
        return self.inner.warnings()

    def unavailable(self) -> str | None:
        """Why the repository's history is unavailable, or None."""
        return self.inner.unavailable()

    def close(self) -> None:
        """Close the repository's source (a commit's cat-file process)."""
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
