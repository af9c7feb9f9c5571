"""Repo: the one object checks see; every fact is computed lazily, once, and cached."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from pathspec import GitIgnoreSpec

from portfolio_lint.core.config import Config
from portfolio_lint.core.file_facts import FileFacts
from portfolio_lint.facts.readme import Readme, parse_readme
from portfolio_lint.sources.base import FileEntry, HostMetadata, Source
from portfolio_lint.sources.local import is_skipped_dir
from portfolio_lint.sources.walk import MAX_WILDCARD_RUNS, load_ignore_spec, too_complex
from portfolio_lint.untrusted.reads import DEFAULT_READ_LIMIT, decode_text, looks_binary

if TYPE_CHECKING:
    from portfolio_lint.analysis.cache import FactsCache
    from portfolio_lint.scanners.history import History

README_NAMES = re.compile(r"^readme(\.(md|markdown|mdown|rst|txt|adoc|org))?$", re.IGNORECASE)
README_PREFERENCE = (".md", ".markdown", ".rst", ".txt", "")
T = TypeVar("T")
P = ParamSpec("P")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    """How a run treats the repository (not what the rubric checks)."""

    use_cache: bool = True
    cache_dir: Path | None = None
    jobs: int = 0
    history: bool = True
    coverage_file: Path | None = None
    read_limit: int = DEFAULT_READ_LIMIT
    scan_limit: int = 8 * 1024 * 1024


class Repo:
    """A repository as checks see it, backed by a Source."""

    def __init__(
        self, source: Source, config: Config | None = None, options: RunOptions | None = None
    ) -> None:
        self.source = source
        self.config = config or Config()
        self.options = options or RunOptions()
        self._warnings: list[str] = []
        self._texts: dict[tuple[str, int], str | None] = {}
        self._markdown: dict[str, Readme | None] = {}
        self._history: Future[History | None] | None = None
        self._history_lock = threading.Lock()
        self._history_expected = False
        self._memo: dict[Hashable, Any] = {}
        self._memo_lock = threading.Lock()

    # -- files -------------------------------------------------------------------------------

    @cached_property
    def files(self) -> tuple[FileEntry, ...]:
        """Every file of the repository, minus the config's `exclude` globs."""
        entries = tuple(self.source.files())
        log.debug("walked %d files (%d bytes)", len(entries), sum(e.size for e in entries))
        spec = self.glob_spec(self.config.exclude, "exclude")
        if spec is None:
            return entries
        kept = tuple(e for e in entries if not spec.match_file(e.path))
        log.debug("exclude globs left %d files", len(kept))
        return kept

    def glob_spec(self, patterns: Iterable[str], where: str) -> GitIgnoreSpec | None:
        """The config's globs at `where` compiled once per lint (None when none is left after
        `safe_globs`): the file walk and the engine's ignores share it."""
        wanted = tuple(patterns)

        def compile_kept() -> GitIgnoreSpec | None:
            kept = self.safe_globs(wanted, where)
            return GitIgnoreSpec.from_lines(kept) if kept else None

        return self.memo(("glob-spec", where, wanted), compile_kept)

    def safe_globs(self, patterns: Iterable[str], where: str) -> list[str]:
        """The config's globs minus those whose wildcards could backtrack for hours (warned)."""
        patterns = list(patterns)
        kept = [p for p in patterns if not too_complex(p)]
        dropped = [p for p in patterns if too_complex(p)]
        if dropped:
            self.warn(
                f"config `{where}`: {len(dropped)} pattern{'' if len(dropped) == 1 else 's'} "
                "with more than"
                f" {MAX_WILDCARD_RUNS} wildcards not applied (matching could take hours)"
            )
        return kept

    @cached_property
    def by_path(self) -> Mapping[str, FileEntry]:
        """Files keyed by their relative path."""
        return {entry.path: entry for entry in self.files}

    def exists(self, path: str) -> bool:
        """Whether `path` is a file of the repository."""
        return path in self.by_path

    def exists_dir(self, path: str) -> bool:
        """Whether any file lies below folder `path`."""
        prefix = path.rstrip("/") + "/"
        return any(p.startswith(prefix) for p in self.by_path)

    def glob(self, *patterns: str) -> list[FileEntry]:
        """Files matching any gitignore-style pattern (`*.py`, `tests/**`, `/setup.cfg`)."""
        spec = GitIgnoreSpec.from_lines(patterns)
        return [entry for entry in self.files if spec.match_file(entry.path)]

    def find_ci(self, *names: str) -> FileEntry | None:
        """The first root-level file whose name matches one of `names`, ignoring case."""
        lowered = {entry.path.lower(): entry for entry in self.files if "/" not in entry.path}
        return next((lowered[n.lower()] for n in names if n.lower() in lowered), None)

    def is_vendored(self, path: str) -> bool:
        """Whether `path` lies in a virtualenv, dependency or cache folder (not the author's)."""
        return any(is_skipped_dir(part) for part in path.split("/")[:-1])

    # -- reading -----------------------------------------------------------------------------

    def read_bytes(self, path: str, limit: int | None = None) -> bytes | None:
        """Up to `limit` bytes of a repository file; None when missing or unreadable."""
        if path not in self.by_path:
            return None
        return self.source.read_bytes(path, limit or self.options.read_limit)

    def read_text(self, path: str, limit: int | None = None) -> str | None:
        """Decoded text of a file (any encoding); None when missing or binary."""
        key = (path, limit or self.options.read_limit)
        if key not in self._texts:
            data = self.read_bytes(path, key[1])
            self._texts[key] = None if data is None or looks_binary(data) else decode_text(data)
        return self._texts[key]

    def markdown(self, path: str) -> Readme | None:
        """A Markdown/RST/text document of the repository, parsed once."""
        if path not in self._markdown:
            text = self.read_text(path)
            self._markdown[path] = None if text is None else parse_readme(path, text)
        return self._markdown[path]

    @cached_property
    def readme(self) -> Readme | None:
        """The root README (any case, .md preferred over .rst/.txt), parsed; None if absent."""
        candidates = [
            e.path for e in self.files if "/" not in e.path and README_NAMES.match(e.path)
        ]
        if not candidates:
            return None

        def preference(name: str) -> int:
            suffix = Path(name).suffix.lower()
            return README_PREFERENCE.index(suffix) if suffix in README_PREFERENCE else 9

        return self.markdown(min(candidates, key=preference))

    # -- per-file analysis -------------------------------------------------------------------

    @cached_property
    def facts(self) -> Mapping[str, FileFacts]:
        """Per-file facts for every author file, computed in parallel and cached by content."""
        from portfolio_lint.analysis.runner import analyze_repository

        started = self._start_history if self._history_expected else None
        return analyze_repository(
            self.source,
            [entry for entry in self.files if not self.is_vendored(entry.path)],
            scan_limit=self.options.scan_limit,
            jobs=self.options.jobs,
            cache=self._open_cache(),
            warn=self.warn,
            on_started=started,
        )

    def _open_cache(self) -> FactsCache | None:
        from portfolio_lint.analysis.runner import open_cache

        return open_cache(
            use_cache=self.options.use_cache,
            cache_dir=self.options.cache_dir,
            scan_limit=self.options.scan_limit,
            warn=self.warn,
        )

    def cached_result(self, kind: str, key: str, compute: Callable[[], T], expected: type[T]) -> T:
        """`compute()`, kept in the analysis cache under (`kind`, `key`) between runs (computed
        and not stored with `--no-cache`). The key must name everything the value depends on."""
        cache = self._open_cache()
        if cache is None:
            return compute()
        try:
            stored = cache.load_result(kind, key, expected)
            if stored is not None:
                return stored
            value = compute()
            error = cache.store_result(kind, key, value)
            if error:
                self.warn(error)
            return value
        finally:
            cache.close()

    def _cached_history(self, root: Path) -> History:
        """The history scan, stored in the analysis cache under HEAD's hash."""
        from portfolio_lint.scanners.history import History, history_key, scan_history

        folder = self.subtree
        cache = self._open_cache()
        if cache is None:
            return scan_history(root, folder=folder)
        try:
            key = history_key(root, folder)
            stored = cache.load_result("history", key, History) if key else None
            if stored is not None:
                return stored
            found = scan_history(root, folder=folder)
            error = cache.store_result("history", key, found) if key else None
            if error:
                self.warn(error)
            return found
        finally:
            cache.close()

    # -- git and hosting ---------------------------------------------------------------------

    @property
    def git_root(self) -> Path | None:
        """Local git work tree or clone, for history scanners."""
        return self.source.git_root()

    @cached_property
    def subtree(self) -> str | None:
        """The folder of a bigger repository this lint is about (its history is the folder's),
        or None for a whole repository."""
        from portfolio_lint.sources.subtree import subtree_of

        return subtree_of(self.source)

    @property
    def history_unavailable(self) -> str | None:
        """Why history rules cannot run here, or None when they can."""
        if not self.options.history:
            return "history scanning turned off (--no-history)"
        return self.source.unavailable()

    def expect_history(self) -> None:
        """Rules will read the history: scan it in a thread alongside the per-file analysis.

        The thread starts once the analysis has forked its workers (forking a process that
        runs threads is unsafe), or at once if the facts are already there.
        """
        self._history_expected = True
        if "facts" in self.__dict__:
            self._start_history()

    def _start_history(self) -> None:
        with self._history_lock:
            if self._history is not None or self.history_unavailable is not None:
                return
            future: Future[History | None] = Future()
            self._history = future
        thread = threading.Thread(
            target=self._fill_history, args=(future,), name="history", daemon=True
        )
        thread.start()

    @property
    def history(self) -> History | None:
        """Commits, secrets in added lines, added paths and big blobs; None when unavailable."""
        with self._history_lock:
            future, inline = self._history, self._history is None
            if future is None:
                future = self._history = Future()
        if inline:
            self._fill_history(future)
        return future.result()

    def _fill_history(self, future: Future[History | None]) -> None:
        try:
            future.set_result(self._scan_history())
        except BaseException as error:  # handed to whoever reads the history
            future.set_exception(error)

    def _scan_history(self) -> History | None:
        root = self.git_root
        if self.history_unavailable is not None or root is None:
            return None
        from portfolio_lint.untrusted.hardened_git import GitError

        try:
            found = self._cached_history(root)
        except GitError as error:
            self.warn(f"history could not be read: {error}")
            return None
        for note in found.notes:
            self.warn(f"history: {note}")
        return found

    @cached_property
    def metadata(self) -> HostMetadata | None:
        """Hosting metadata (GitHub API mode), if any."""
        return self.source.metadata()

    @cached_property
    def commit(self) -> str | None:
        """The commit being linted, when known."""
        return self.source.commit()

    @cached_property
    def ignore_spec(self) -> GitIgnoreSpec | None:
        """The root .gitignore, compiled (None if absent or unusable)."""
        text = self.read_text(".gitignore")
        if text is None:
            return None
        return load_ignore_spec(text, self._warnings, ".gitignore")

    @cached_property
    def inherited_ignores(self) -> tuple[tuple[str, GitIgnoreSpec], ...]:
        """For a folder of a bigger repository, the .gitignore files above it, compiled: (the
        folder's path from the ignore file's folder, ending in `/`; the patterns)."""
        from portfolio_lint.sources.subtree import inherited_ignores

        found = []
        for inside, text in inherited_ignores(self.source):
            spec = load_ignore_spec(text, self._warnings, f"{inside}.gitignore above the folder")
            if spec is not None:
                found.append((inside, spec))
        return tuple(found)

    def is_ignored(self, path: str) -> bool:
        """Whether the root .gitignore, or one above the linted folder, ignores `path` (a
        file, or a folder ending in `/`)."""
        nearest_first = [("", self.ignore_spec), *reversed(self.inherited_ignores)]
        for inside, spec in nearest_first:
            decided = None if spec is None else spec.check_file(inside + path).include
            if decided is not None:  # the nearest .gitignore with a matching pattern decides
                return bool(decided)
        return False

    # -- whole-repository facts ---------------------------------------------------------------

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value stored under `key`, computed by `compute()` on first use.

        The lock guards the table, not the computation: a fact may read other facts, and
        two threads asking at once at worst compute the same value twice (the first stored
        is kept and returned to both).
        """
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
        value = compute()
        with self._memo_lock:
            return self._memo.setdefault(key, value)  # type: ignore[no-any-return]

    # -- bookkeeping -------------------------------------------------------------------------

    def warn(self, message: str) -> None:
        """Record something skipped or degraded; shown in the report."""
        if message not in self._warnings:
            self._warnings.append(message)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Source and analysis warnings, in order."""
        return (*self.source.warnings(), *self._warnings)


def repository_fact(
    function: Callable[Concatenate[Repo, P], T],
) -> Callable[Concatenate[Repo, P], T]:
    """Compute `function(repo, *args)` once per Repo and arguments; later calls reuse it.

    Arguments after the Repo must be hashable. The value is shared by every caller, so a
    fact returns immutable values (tuples, frozensets, frozen dataclasses).
    """
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def memoised(repo: Repo, /, *args: P.args, **kwargs: P.kwargs) -> T:
        key = (name, args, tuple(sorted(kwargs.items())))
        return repo.memo(key, lambda: function(repo, *args, **kwargs))

    return memoised
