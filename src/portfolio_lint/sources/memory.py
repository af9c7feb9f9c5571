"""A repository held in memory (path → text or bytes): no git, no disk, no network."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from portfolio_lint.sources.base import FileEntry, HostMetadata

MEMORY_NAME = "<memory>"
NO_HISTORY = "in-memory files: no git history"


def path_problem(path: str) -> str | None:
    """Why `path` cannot name a file of a repository, or None when it can.

    The rules git applies to the paths it writes (and LocalSource to an index it reads): a
    relative POSIX path of non-empty segments, none `.`, `..` or `.git`, without NUL bytes,
    encodable as UTF-8.
    """
    if not path:
        return "empty path"
    if "\0" in path:
        return "NUL in path"
    if path.startswith("/"):
        return "absolute path"
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "not UTF-8"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"`{part}` segment" if part else "empty segment"
        if part.lower() == ".git":
            return "inside .git"
    return None


class MemorySource:
    """Files from a mapping, all listed as tracked (as if committed); text is stored as UTF-8.

    Paths that could not name a file of a repository, or name a folder of another path too,
    are dropped with a warning, as LocalSource drops index paths outside the work tree. Files
    are listed in git's order (by the bytes of their path), whatever the mapping's order.
    """

    def __init__(
        self,
        files: Mapping[str, str | bytes],
        *,
        name: str = MEMORY_NAME,
        tracked: bool = True,
    ) -> None:
        self._name = name
        self._warnings: list[str] = []
        self._data: dict[str, bytes] = {}
        folders = {p.rsplit("/", i)[0] for p in files for i in range(1, p.count("/") + 1)}
        for path in sorted(files, key=lambda p: p.encode("utf-8", "surrogatepass")):
            problem = path_problem(path) or ("also a folder" if path in folders else None)
            if problem is not None:
                self._warnings.append(f"{path!r}: {problem}, not read")
                continue
            content = files[path]
            self._data[path] = content.encode("utf-8") if isinstance(content, str) else content
        self._files = tuple(FileEntry(p, len(d), tracked=tracked) for p, d in self._data.items())

    @property
    def name(self) -> str:
        """The name given at construction (`<memory>` by default)."""
        return self._name

    def files(self) -> Sequence[FileEntry]:
        """Every valid path of the mapping, sorted as git lists them."""
        return self._files

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """Up to `limit` bytes of a listed file; None for a path that is not listed."""
        data = self._data.get(path)
        return None if data is None else data[:limit]

    def git_root(self) -> Path | None:
        """No git: history rules do not apply."""
        return None

    def commit(self) -> str | None:
        """No commit."""
        return None

    def metadata(self) -> HostMetadata | None:
        """No hosting metadata."""
        return None

    def warnings(self) -> Sequence[str]:
        """Paths dropped at construction."""
        return list(self._warnings)

    def unavailable(self) -> str | None:
        """History needs git."""
        return NO_HISTORY
