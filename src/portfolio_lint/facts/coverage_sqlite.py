"""An untrusted .coverage SQLite file, read with plain queries: no views, triggers or virtual
tables (a recursive view never ends), a time budget and a cap on value sizes."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_SECONDS = 10.0
MAX_VALUE_BYTES = 16 * 1024 * 1024
MAX_FILES = 100_000
PROGRESS_STEPS = 10_000
# Schema objects that run SQL of the file's author when coverage's tables are queried.
UNSAFE_KINDS = frozenset({"view", "trigger"})
UNSAFE_SQL = re.compile(r"\bVIRTUAL\b|\bGENERATED\b|\bAS\s*\(", re.IGNORECASE)


class UnsafeDataError(Exception):
    """The data file cannot be read safely; the message says why."""


@contextmanager
def hardened(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `path`, refused when its schema could run queries."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise UnsafeDataError(f"unreadable .coverage data: {type(error).__name__}") from None
    try:
        deadline = time.monotonic() + MAX_SECONDS
        connection.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        limit_length = getattr(sqlite3, "SQLITE_LIMIT_LENGTH", None)  # Python 3.11+
        if limit_length is not None:
            connection.setlimit(limit_length, MAX_VALUE_BYTES)  # type: ignore[attr-defined]
        connection.execute("PRAGMA trusted_schema = OFF")
        for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master"):
            if kind in UNSAFE_KINDS or UNSAFE_SQL.search(str(sql or "")):
                raise UnsafeDataError(f".coverage data with a {kind} `{name}` is refused")
        yield connection
    except sqlite3.Error as error:
        interrupted = "interrupt" in str(error)
        why = f"took more than {MAX_SECONDS:.0f}s" if interrupted else type(error).__name__
        raise UnsafeDataError(f"unreadable .coverage data: {why}") from None
    finally:
        connection.close()


def measured_files(connection: sqlite3.Connection) -> dict[int, str]:
    """Measured file ids and their recorded paths."""
    rows = connection.execute("SELECT id, path FROM file LIMIT ?", (MAX_FILES,))
    return {int(key): path for key, path in rows if isinstance(path, str)}


def executed(connection: sqlite3.Connection, file_id: int, statements: set[int]) -> set[int]:
    """Which of `statements` the data records as run (line bitmaps or branch arcs)."""
    tables = {
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    found: set[int] = set()
    if "line_bits" in tables:
        query = "SELECT numbits FROM line_bits WHERE file_id = ?"
        for (bits,) in connection.execute(query, (file_id,)):
            if isinstance(bits, bytes):  # coverage's numbits: bit n of the blob is line n
                found.update(
                    n for n in statements if n >> 3 < len(bits) and bits[n >> 3] & (1 << (n & 7))
                )
    if "arc" in tables:
        for ends in connection.execute(
            "SELECT fromno, tono FROM arc WHERE file_id = ?", (file_id,)
        ):
            found.update(n for n in ends if n in statements)
    return found
