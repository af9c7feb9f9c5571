"""A random per-user secret key, in the user's configuration folder, private to the user.

Keys baselines' hashes (baseline.py) and seals analysis-cache entries that hold a secret
(analysis/cache.py); each use derives its own subkey with `subkey`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_FILE = "user.key"
KEY_BYTES = 32


class UserKeyError(Exception):
    """The key file exists but cannot be used."""


def default_key_dir() -> Path:
    """The user's configuration folder for portfolio-lint."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("portfolio-lint"))


def user_key(folder: Path | None = None) -> bytes:
    """The user's key, created (0600, folder 0700) on first use; a readable file is repaired."""
    folder = folder or default_key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(KEY_BYTES) + "\n")
    return _read_key(path)


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one `purpose`, derived from `key` (HMAC-SHA256)."""
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


def private_fd(fd: int, path: Path, mode: int = 0o600) -> None:
    """Give the open file `fd` (at `path`) exactly `mode` unless it already has it."""
    if stat.S_IMODE(os.fstat(fd).st_mode) == mode:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows, where modes are mostly ignored
        path.chmod(mode)


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "r", encoding="ascii", errors="replace") as handle:
        private_fd(handle.fileno(), path)
        text = handle.read().strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise UserKeyError(f"key file {path} is damaged; delete it to make a new one")
    return key
