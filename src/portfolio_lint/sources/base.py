"""The Source protocol every repository source implements, and the values it returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class NoCommitBeforeError(Exception):
    """The repository has commits, none of them before the deadline (batch `--as-of`)."""


@dataclass(frozen=True)
class FileEntry:
    """A regular file of the repository: POSIX path relative to the root, size in bytes.

    `disk` is the name on disk when it differs from `path` (a name that is not UTF-8 is
    listed with `\\xff` escapes, see `safety.display_name`).
    """

    path: str
    size: int
    tracked: bool = True
    blob: str | None = None
    disk: str | None = None

    @property
    def disk_path(self) -> str:
        """The relative path to open on disk."""
        return self.disk or self.path


@dataclass(frozen=True)
class HostMetadata:
    """What a hosting service knows about a repository (GitHub API mode)."""

    description: str | None = None
    topics: tuple[str, ...] = ()
    license: str | None = None
    default_branch: str | None = None
    homepage: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


class Source(Protocol):
    """Read-only access to one repository's files, optional git and hosting metadata."""

    @property
    def name(self) -> str:
        """Display name of the target (path or owner/repo)."""
        ...

    def files(self) -> Sequence[FileEntry]:
        """Every file that is part of the repository (never outside it, never .git)."""
        ...

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """Up to `limit` bytes of a listed file; None when missing or unreadable."""
        ...

    def git_root(self) -> Path | None:
        """A local git work tree or clone for history commands; None when there is none."""
        ...

    def commit(self) -> str | None:
        """The commit being linted, when known."""
        ...

    def metadata(self) -> HostMetadata | None:
        """Hosting metadata, when the source has it."""
        ...

    def warnings(self) -> Sequence[str]:
        """What the source skipped or could not do (shown in the report)."""
        ...

    def unavailable(self) -> str | None:
        """Why history is not available (plain folder, shallow clone, API mode), or None."""
        ...
