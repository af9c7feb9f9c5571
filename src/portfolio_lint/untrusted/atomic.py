"""The one way an output file is written: readers see the old file or the whole new one."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

NEW_FILE_MODE = 0o666  # narrowed by the umask, as for any file a program creates
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_atomically(path: Path, text: str, *, durable: bool = True) -> None:
    """Write `text` (UTF-8, `\\n` line ends) to `path` through a temporary file in the same
    folder and a rename, creating missing folders; raises OSError, leaving no temporary.

    A new file gets the umask's usual mode; a replaced file keeps its own. With `durable`
    (the default) the data reaches the disk (fsync) before the rename, so a crash leaves the
    old file or the new one; without it, readers still never see a part. A device or pipe
    (`/dev/null`, a FIFO) is written in place: replacing it with a regular file would break
    it for every other program.
    """
    data = text.encode("utf-8")
    try:
        current = path.stat()
    except (FileNotFoundError, NotADirectoryError):  # mkdir below says why, if it cannot
        current = None
    if current is not None and not stat.S_ISREG(current.st_mode):
        with path.open("wb") as stream:
            stream.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as stream:
            if current is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), stat.S_IMODE(current.st_mode))
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file next to `path` (a hidden name of its own), opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, flags, NEW_FILE_MODE), temporary
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
