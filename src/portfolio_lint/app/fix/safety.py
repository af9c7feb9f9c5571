"""Where `fix` may read and write: inside the repository, never through a symlink."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from portfolio_lint.sources.memory import path_problem

MAX_EDITED_BYTES = 1 << 20  # a file `fix` appends to is read whole: README, .gitignore...


class FixRefusedError(Exception):
    """Why `fix` will not make a change (or any change): printed as one line, exit 2."""


class UnreadableError(FixRefusedError):
    """A file fix would append to is not text it can edit (not UTF-8, too large): that fixer
    is skipped with a note, the others go on."""


def target(root: Path, path: str) -> Path:
    """The file `path` names inside `root`, after checking that neither it nor any folder
    between it and the root is a symlink, and that it stays inside the root once resolved."""
    problem = path_problem(path)
    if problem is not None:
        raise FixRefusedError(f"{path}: {problem}")
    current = root
    for part in path.split("/"):
        current = current / part
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            break  # neither it nor anything below exists yet: created as real folders
        if stat.S_ISLNK(mode):
            raise FixRefusedError(f"{path}: {current.relative_to(root)} is a symlink; not followed")
    full = root / path
    resolved_root = root.resolve()
    if not full.resolve().is_relative_to(resolved_root):
        raise FixRefusedError(f"{path}: outside the repository")
    return full


def read_existing(root: Path, path: str, limit: int = MAX_EDITED_BYTES) -> str | None:
    """The whole text of an existing regular file, or None when there is no such file.

    Raises FixRefusedError for a symlink or a non-regular file, UnreadableError for a file
    that is not UTF-8 or larger than `limit` bytes (1 MiB by default).
    """
    full = target(root, path)
    try:
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _nonblock())
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FixRefusedError(f"{path}: cannot read: {error.strerror}") from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise FixRefusedError(f"{path}: not a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableError(f"{path}: larger than {limit >> 20} MiB; not edited")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableError(f"{path}: not UTF-8 text; not edited") from None


def _nonblock() -> int:
    return getattr(os, "O_NONBLOCK", 0)  # a FIFO planted in place of a file must not block
