"""Writing the proposed changes: new files created exclusively, text appended, nothing else."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from portfolio_lint.app.fix.change import Change
from portfolio_lint.app.fix.safety import FixRefusedError, read_existing, target
from portfolio_lint.untrusted.atomic import write_atomically

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def preflight(root: Path, changes: Sequence[Change]) -> None:
    """Refuse the whole set before anything is written: a file that appeared or changed since
    it was planned, a symlink on the way, or a folder or file that cannot be written."""
    for change in changes:
        full = target(root, change.path)
        if read_existing(root, change.path) != change.before:
            state = "now exists" if change.creates else "changed since it was read"
            raise FixRefusedError(f"{change.path}: {state}; nothing written")
        writable = full if not change.creates else _nearest_existing(full.parent)
        if not _writable(writable):
            shown = writable.relative_to(root) if writable != root else Path()
            raise FixRefusedError(f"{shown}: read-only; nothing written")


def _writable(path: Path) -> bool:
    """Writable by us, and not made read-only on purpose (no write bit at all: root could
    still write it, but the owner said no)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists():
        folder = folder.parent
    return folder


def apply(root: Path, changes: Sequence[Change]) -> None:
    """Write every change (after `preflight`): create, append or (a notebook) rewrite."""
    preflight(root, changes)
    for change in changes:
        full = target(root, change.path)
        if change.creates:
            _make_folders(root, change.path)
            _write(full, os.O_CREAT | os.O_EXCL, change.text)
        elif change.rewrite:
            write_atomically(full, change.text)
        else:
            _write(full, os.O_APPEND, change.text)


def _make_folders(root: Path, path: str) -> None:
    """Create the folders of `path` one by one, checking each is a real folder of the root."""
    current = root
    for part in path.split("/")[:-1]:
        current = current / part
        try:
            current.mkdir()
        except FileExistsError:
            if current.is_symlink() or not current.is_dir():
                raise FixRefusedError(
                    f"{path}: {current.relative_to(root)} is not a folder"
                ) from None


def _write(full: Path, mode: int, text: str) -> None:
    fd = os.open(full, os.O_WRONLY | mode | NOFOLLOW, 0o666)
    with os.fdopen(fd, "wb") as stream:
        stream.write(text.encode("utf-8"))
