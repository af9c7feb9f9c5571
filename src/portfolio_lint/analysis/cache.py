"""Per-file facts cached in SQLite by content digest, in the user's cache directory.

The cache is private to the user (folder 0700, files 0600, whatever the umask) and holds no
secret in the clear: a value with a text field the report would redact (a commit subject or
an absolute path quoting a token) is stored sealed under the per-user key (userkey.py), and
read back unchanged, so a cached run judges exactly what a fresh run judges.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import pickle
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from portfolio_lint.core.file_facts import FileFacts
from portfolio_lint.userkey import UserKeyError, private_fd, subkey, user_key

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

DB_NAME = "facts-v1.sqlite3"
# A stat record is trusted only for files last modified this long before it was taken, so an
# edit within the file system's timestamp granularity cannot hide behind an unchanged mtime.
RACY_WINDOW_NS = 2_000_000_000
T = TypeVar("T")
FOLDER_MODE = 0o700
FILE_MODE = 0o600
DB_SUFFIXES = ("", "-wal", "-shm", "-journal")
SEAL_MAGIC = b"PLSEAL1\0"  # then a Fernet token
# Fields that identify rather than describe (paths and digests are lookup keys): kept as is.
IDENTITY_FIELDS = frozenset(
    {
        "path",
        "digest",
        "key",
        "sha",
        "commit",
        "detector",
        "name",
        "qualname",
        "kind",
        "cell_type",
        "imports",
        "test_functions",
    }
)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS facts ("
    " salt TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL, value BLOB NOT NULL,"
    " used INTEGER NOT NULL, PRIMARY KEY (salt, path, digest))",
    "CREATE TABLE IF NOT EXISTS stats ("
    " salt TEXT NOT NULL, root TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, digest TEXT NOT NULL,"
    " PRIMARY KEY (salt, root, path))",
    "CREATE TABLE IF NOT EXISTS results ("
    " salt TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
    " used INTEGER NOT NULL, PRIMARY KEY (salt, kind, key))",
)


@dataclass(frozen=True)
class StatKey:
    """What identifies an unchanged file on disk without reading it."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> StatKey:
        """The key of a stat result."""
        return cls(info.st_size, info.st_mtime_ns, info.st_ino)

    def settled(self, now_ns: int) -> bool:
        """Whether the file was last written long enough ago for its mtime to be trusted."""
        return self.mtime_ns < now_ns - RACY_WINDOW_NS


def default_cache_dir() -> Path:
    """The user's cache directory for portfolio-lint (never inside a linted repository)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("portfolio-lint"))


def code_fingerprint() -> str:
    """Changes whenever the per-file analysers (analysis/, scanners/) or their data change."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=12)
    sources = [
        *package.glob("analysis/*.py"),
        *package.glob("scanners/*.py"),
        *package.glob("untrusted/*.py"),
        *package.glob("rules/*.toml"),
        *package.parent.parent.glob("rules/*.toml"),
    ]
    for path in sorted(sources):
        with contextlib.suppress(OSError):
            info = path.stat()
            digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


class FactsCache:
    """A SQLite store of FileFacts keyed by (salt, path, content digest); safe across processes."""

    def __init__(self, connection: sqlite3.Connection, salt: str) -> None:
        self._db = connection
        self._salt = salt

    @classmethod
    def open(cls, folder: Path, salt: str, warn: Callable[[str], None]) -> FactsCache | None:
        """Open (or create) the cache in `folder`; a corrupt database is discarded, warned about."""
        path = folder / DB_NAME
        for attempt in range(2):
            try:
                make_private_folder(folder)
                make_private_file(path)
                return cls(_connect(path), salt)
            except (sqlite3.Error, OSError) as error:
                if attempt == 0 and isinstance(error, sqlite3.DatabaseError):
                    warn(f"analysis cache {path} was unreadable ({error}); starting a new one")
                    _discard(path)
                    continue
                warn(f"analysis cache disabled: {error}")
        return None

    def digests(self, root: str) -> dict[str, tuple[StatKey, str]]:
        """Known digests of files under `root`, keyed by path, with the stat they were taken at."""
        rows = self._query(
            "SELECT path, size, mtime_ns, inode, digest FROM stats WHERE salt = ? AND root = ?",
            (self._salt, root),
        )
        return {row[0]: (StatKey(row[1], row[2], row[3]), row[4]) for row in rows}

    def lookup(self, path: str, digest: str) -> FileFacts | None:
        """Cached facts of `path` with content `digest`, or None."""
        rows = self._query(
            "SELECT value FROM facts WHERE salt = ? AND path = ? AND digest = ?",
            (self._salt, path, digest),
        )
        for (value,) in rows:
            try:
                facts = decode(value)
            except Exception:  # a stale, damaged or foreign value is a miss, not a crash
                return None
            return facts if isinstance(facts, FileFacts) else None
        return None

    def store(
        self,
        root: str | None,
        items: Iterable[tuple[FileFacts, StatKey | None]],
        now_ns: int | None = None,
    ) -> str | None:
        """Record facts (and settled stat keys when `root` is given); returns an error or None."""
        now_ns = now_ns or time.time_ns()
        facts_rows, stat_rows = [], []
        used = int(now_ns // 1_000_000_000)
        for facts, key in items:
            blob = encode(facts)
            if blob is None:
                continue
            facts_rows.append((self._salt, facts.path, facts.digest, blob, used))
            if root is not None and key is not None and key.settled(now_ns):
                stat_rows.append(
                    (self._salt, root, facts.path, key.size, key.mtime_ns, key.inode, facts.digest)
                )
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?)", facts_rows
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?, ?, ?)", stat_rows
                )
        except sqlite3.Error as error:
            return f"analysis cache not updated: {error}"
        return None

    def load_result(self, kind: str, key: str, expected: type[T]) -> T | None:
        """A whole-repository result (`kind` "history", ...) stored under an exact key."""
        rows = self._query(
            "SELECT value FROM results WHERE salt = ? AND kind = ? AND key = ?",
            (self._salt, kind, key),
        )
        for (value,) in rows:
            try:
                result = decode(value)
            except Exception:  # a stale, damaged or foreign value is a miss, not a crash
                return None
            return result if isinstance(result, expected) else None
        return None

    def store_result(self, kind: str, key: str, value: object) -> str | None:
        """Record a whole-repository result; returns an error or None."""
        blob = encode(value)
        if blob is None:
            return None
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                    (self._salt, kind, key, blob, int(time.time())),
                )
        except sqlite3.Error as error:
            return f"analysis cache not updated: {error}"
        return None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _query(self, sql: str, args: tuple[object, ...]) -> Iterator[tuple[Any, ...]]:
        try:
            return iter(self._db.execute(sql, args).fetchall())
        except sqlite3.Error:
            return iter(())


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and parents) and make it 0700, fixing a folder that already exists."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:
        folder.chmod(FOLDER_MODE)


def make_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (SQLite gives its -wal and -shm
    files the database's mode) and fix the mode of files an older version left readable."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        private_fd(fd, path, FILE_MODE)
    finally:
        os.close(fd)
    for suffix in DB_SUFFIXES[1:]:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").chmod(FILE_MODE)


def encode(value: object) -> bytes | None:
    """`value` pickled; sealed (encrypted under the user's key) when a text field holds a
    secret, so that no secret lies in the cache in full. None: it should be sealed but the
    user's key cannot be had (then nothing is stored)."""
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if not holds_secret(value):
        return blob
    try:
        return seal(blob, cache_key())
    except (OSError, UserKeyError):
        return None


def decode(blob: bytes) -> object:
    """The value of an `encode` result; raises on a damaged or foreign sealed value."""
    if blob.startswith(SEAL_MAGIC):
        blob = unseal(blob, cache_key())
    return pickle.loads(blob)


def cache_key() -> bytes:
    """The key that seals cache entries (derived from the per-user key)."""
    return subkey(user_key(), "analysis cache")


def seal(blob: bytes, key: bytes) -> bytes:
    """Encrypt and authenticate `blob` under `key` (Fernet: AES-128-CBC with HMAC-SHA256)."""
    return SEAL_MAGIC + _fernet(key).encrypt(blob)


def unseal(sealed: bytes, key: bytes) -> bytes:
    """The blob `seal` sealed; ValueError when it does not verify (damage, another key)."""
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(key).decrypt(sealed[len(SEAL_MAGIC) :])
    except InvalidToken:
        raise ValueError("sealed cache entry does not match the user's key") from None


def _fernet(key: bytes) -> Fernet:
    from cryptography.fernet import Fernet

    return Fernet(base64.urlsafe_b64encode(key[:32]))


def holds_secret(value: object) -> bool:
    """Whether a text field of `value` holds what the report would redact."""
    from portfolio_lint.scanners.secrets import redact_text

    return any(redact_text(text) != text for text in _texts(value))


def _texts(value: object) -> Iterator[str]:
    """The strings of `value`: itself, in containers, in dataclass fields that describe."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for spec in fields(value):
            if spec.name not in IDENTITY_FIELDS:
                yield from _texts(getattr(value, spec.name))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        for statement in SCHEMA:
            connection.execute(statement)
        connection.execute("SELECT count(*) FROM facts LIMIT 1").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    connection.isolation_level = "DEFERRED"
    return connection


def _discard(path: Path) -> None:
    for suffix in DB_SUFFIXES:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def stat_hits(
    known: Mapping[str, tuple[StatKey, str]], path: str, key: StatKey | None
) -> str | None:
    """The recorded digest of `path` when its stat key is unchanged."""
    record = known.get(path)
    return record[1] if record is not None and key is not None and record[0] == key else None
