"""Run the per-file analysis over a repository: cached by content, parallel when it pays."""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio_lint.analysis.cache import FactsCache, StatKey, default_cache_dir, stat_hits
from portfolio_lint.analysis.pipeline import ANALYZER_VERSION, analyze_file, content_digest
from portfolio_lint.core.file_facts import FileFacts
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.untrusted.reads import (
    SNIFF_BYTES,
    contained_path,
    display_name,
    looks_binary,
    read_fd,
)

if TYPE_CHECKING:
    from portfolio_lint.sources.base import FileEntry, Source

log = logging.getLogger(__name__)

# Below these, a process pool costs more than it saves (and small repos must lint in < 1 s).
PARALLEL_MIN_FILES = 200
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
# Chunks are cut by estimated cost: a byte of Python or notebook costs about twenty of other text
# (parse and walks against a secret scan), opening a file about a hundred. Each chunk takes
# 1/GUIDED_SHARE of the cost still to hand out per worker, so the chunks shrink toward the end
# and the workers finish together; none costs less than MIN_CHUNK_COST.
CODE_SUFFIXES = (".py", ".pyw", ".ipynb")
OTHER_BYTE_COST = 1 / 20
FILE_COST = 100
GUIDED_SHARE = 3
MIN_CHUNK_COST = 50_000

# Facts, the stat they were read at (local files), and a warning when analysis failed.
Result = tuple[FileFacts, StatKey | None, str | None]
# A file for a worker: its path in reports, its size, its name on disk.
Item = tuple[str, int, str]


@dataclass(frozen=True)
class Work:
    """A file still to analyse: its path, the size it was listed with, its name on disk."""

    path: str
    size: int
    disk: str


def analyze_repository(
    source: Source,
    entries: Iterable[FileEntry],
    *,
    scan_limit: int,
    jobs: int,
    cache: FactsCache | None,
    warn: Callable[[str], None],
    on_started: Callable[[], None] | None = None,
) -> dict[str, FileFacts]:
    """Facts for `entries` (the author's files) with reads capped at `scan_limit`.

    `cache` is closed on return. `on_started` runs once the work is under way (after any
    worker processes were forked), so other work can overlap it without making the fork unsafe.
    """
    started = on_started or (lambda: None)
    limit = scan_limit
    entries = list(entries)
    root = source.root if isinstance(source, LocalSource) else None
    facts: dict[str, FileFacts] = {}
    try:
        if root is None:
            started()
            results: Iterable[Result] = _analyze_via_source(source, entries, limit, cache, facts)
        else:
            work = _cached_local(root, entries, cache, facts)
            results = _analyze_local(root, work, limit, _jobs(jobs), started)
        fresh: list[tuple[FileFacts, StatKey | None]] = []
        for result, key, warning in results:
            facts[result.path] = result
            if warning is None:
                fresh.append((result, key))
            else:
                warn(warning)
        if cache is not None and fresh:
            error = cache.store(None if root is None else display_name(str(root)), fresh)
            if error:
                warn(error)
    finally:
        if cache is not None:
            cache.close()
    log.debug(
        "analysed %d files: %d from the cache, %d parsed (jobs %d)",
        len(entries),
        len(facts) - len(fresh),
        len(fresh),
        _jobs(jobs),
    )
    return {entry.path: facts[entry.path] for entry in entries if entry.path in facts}


def open_cache(
    *, use_cache: bool, cache_dir: Path | None, scan_limit: int, warn: Callable[[str], None]
) -> FactsCache | None:
    """The user's analysis cache for these settings; None with `--no-cache`."""
    if not use_cache:
        return None
    from portfolio_lint import __version__
    from portfolio_lint.analysis.cache import code_fingerprint

    folder = cache_dir or default_cache_dir()
    salt = f"{ANALYZER_VERSION}|{__version__}|{code_fingerprint()}|{scan_limit}"
    return FactsCache.open(folder, salt, warn)


def _jobs(requested: int) -> int:
    if requested > 0:
        return requested
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _cached_local(
    root: Path,
    entries: Iterable[FileEntry],
    cache: FactsCache | None,
    facts: dict[str, FileFacts],
) -> list[Work]:
    """Fill `facts` from the cache where a file's stat is unchanged; return what is left."""
    work = [Work(e.path, e.size, e.disk_path) for e in entries]
    if cache is None:
        return work
    known = cache.digests(display_name(str(root)))  # SQLite text: no lone surrogates
    left: list[Work] = []
    for item in work:
        digest = stat_hits(known, item.path, _stat_key(root, item.disk))
        cached = cache.lookup(item.path, digest) if digest is not None else None
        if cached is None:
            left.append(item)
        else:
            facts[item.path] = cached
    return left


def _stat_key(root: Path, path: str) -> StatKey | None:
    try:
        return StatKey.of((root / path).stat())
    except OSError:
        return None


def _analyze_via_source(
    source: Source,
    entries: Iterable[FileEntry],
    limit: int,
    cache: FactsCache | None,
    facts: dict[str, FileFacts],
) -> Iterator[Result]:
    """Non-local sources (API, git objects): read through the source, in this process."""
    for entry in entries:
        # Big files: sniff first, so a large binary is never fetched whole.
        head = source.read_bytes(entry.path, SNIFF_BYTES) if entry.size > limit else None
        data = (
            head
            if head is not None and looks_binary(head)
            else (source.read_bytes(entry.path, limit))
        )
        if data is None:
            continue
        if looks_binary(data):
            data = data[:SNIFF_BYTES]
        cached = cache.lookup(entry.path, content_digest(data)) if cache is not None else None
        if cached is not None:
            facts[entry.path] = cached
            continue
        yield _analyze(entry.path, data, entry.size > len(data), None)


def _analyze_local(
    root: Path, work: list[Work], limit: int, jobs: int, started: Callable[[], None]
) -> Iterator[Result]:
    """Analyse files of a local tree, in a process pool when the work is big enough."""
    total = sum(min(item.size, limit) for item in work)
    small = len(work) < PARALLEL_MIN_FILES and total < PARALLEL_MIN_BYTES
    if jobs <= 1 or small or not _fork_is_safe():
        started()
        yield from analyze_chunk(str(root), [_item(item) for item in work], limit)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(work, limit, jobs)
    context = multiprocessing.get_context("fork")
    done: set[int] = set()
    try:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context) as pool:
            futures = {
                pool.submit(_analyze_chunk_list, str(root), chunk, limit): index
                for index, chunk in enumerate(chunks)
            }
            started()
            for future in as_completed(futures):
                results = future.result()
                done.add(futures[future])
                yield from results
    except BrokenProcessPool:
        # A worker died (killed, out of memory): finish the remaining chunks here.
        for index, chunk in enumerate(chunks):
            if index not in done:
                yield from analyze_chunk(str(root), chunk, limit)


def _item(work: Work) -> Item:
    return work.path, work.size, work.disk


def _chunks(work: list[Work], limit: int, jobs: int) -> list[list[Item]]:
    """Split work into chunks of decreasing estimated cost, costliest files first: a worker
    that is done takes the next chunk, and the last ones are small."""
    costs = {item.path: _cost(item, limit) for item in work}
    ordered = sorted(work, key=lambda item: (-costs[item.path], item.path))
    remaining = sum(costs.values())
    chunks: list[list[Item]] = []
    current: list[Item] = []
    cost = 0.0
    for item in ordered:
        current.append(_item(item))
        cost += costs[item.path]
        if cost >= max(MIN_CHUNK_COST, remaining / (GUIDED_SHARE * jobs)):
            chunks.append(current)
            remaining -= cost
            current, cost = [], 0.0
    if current:
        chunks.append(current)
    return chunks


def _cost(item: Work, limit: int) -> float:
    size = min(item.size, limit)
    code = item.path.lower().endswith(CODE_SUFFIXES)
    return FILE_COST + (size if code else size * OTHER_BYTE_COST)


def _fork_is_safe() -> bool:
    """Fork workers only on Linux from a single-threaded process.

    `spawn`/`forkserver` would re-import the `__main__` module (re-running an unguarded CLI
    entry point), so where fork is unsafe the analysis runs in-process instead.
    """
    import multiprocessing

    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and _single_threaded()
    )


def _single_threaded() -> bool:
    if threading.active_count() != 1:
        return False
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return line.split()[1] == "1"
    except (OSError, IndexError):
        return False
    return False


def _analyze_chunk_list(root: str, items: list[Item], limit: int) -> list[Result]:
    return list(analyze_chunk(root, items, limit))


def analyze_chunk(root: str, items: list[Item], limit: int) -> Iterator[Result]:
    """Read and analyse files below `root` (runs in a worker process or in-process)."""
    base = Path(root)
    for path, _size, disk in items:
        read = read_for_analysis(base, disk, limit)
        if read is None:
            continue
        data, truncated, key = read
        yield _analyze(path, data, truncated, key)


def _analyze(path: str, data: bytes, truncated: bool, key: StatKey | None) -> Result:
    try:
        return analyze_file(path, data, truncated=truncated), key, None
    except ImportError:  # a broken installation (the secret scanner, radon), not a bad file
        raise
    except Exception as error:  # one bad file must not cost the whole run its analysis
        facts = FileFacts(path, content_digest(data), len(data), truncated=truncated)
        return facts, key, f"{path}: analysis failed ({type(error).__name__}: {error})"


def read_for_analysis(root: Path, path: str, limit: int) -> tuple[bytes, bool, StatKey] | None:
    """Up to `limit` bytes of a contained regular file; binaries stop after the sniffed head."""
    resolved = contained_path(root, path)
    if resolved is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(resolved, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        data = os.read(fd, min(limit, SNIFF_BYTES))
        if not looks_binary(data):
            data = read_fd(fd, limit, head=data)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data, info.st_size > len(data), StatKey.of(info)
