"""Safe reads of untrusted files (size caps, binary sniffing, symlink containment)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

SNIFF_BYTES = 8192
DEFAULT_READ_LIMIT = 2 * 1024 * 1024


UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB marks a file binary (git's heuristic), unless a UTF-16/32
    byte-order mark says it is text."""
    if data.startswith(UTF32_BOMS + UTF16_BOMS):
        return False
    return b"\0" in data[:SNIFF_BYTES]


def decode_text(data: bytes) -> str:
    """Decode any bytes: UTF-8 (with or without BOM), UTF-16/32 by BOM, else Latin-1."""
    if data.startswith(UTF32_BOMS):
        return data.decode("utf-32", errors="replace")
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def display_name(name: str) -> str:
    """A file name fit for reports: bytes that are not UTF-8 (kept by os.fsdecode as lone
    surrogates, which no encoder writes) shown as `\\xff` escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def contained_path(root: Path, relative: str) -> Path | None:
    """`root/relative` if it resolves inside `root` and is a regular file, else None."""
    if relative.startswith("/") or "\0" in relative:
        return None
    candidate = root / relative
    try:
        resolved = candidate.resolve(strict=True)
        root_resolved = root.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root_resolved):
        return None
    try:
        mode = resolved.stat().st_mode
    except OSError:
        return None
    return resolved if stat.S_ISREG(mode) else None


def read_capped(root: Path, relative: str, limit: int = DEFAULT_READ_LIMIT) -> bytes | None:
    """Up to `limit` bytes of a file inside `root`; None if it escapes, is missing or special."""
    path = contained_path(root, relative)
    if path is None:
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return read_fd(fd, limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def read_fd(fd: int, limit: int, head: bytes = b"") -> bytes:
    """`head` (bytes already read from `fd`) and what follows, up to `limit` bytes in all."""
    chunks = [head]
    remaining = limit - len(head)
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
