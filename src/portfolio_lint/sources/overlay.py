"""A source with some files replaced or added in memory: what a repository would look like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from portfolio_lint.sources.base import FileEntry, HostMetadata, Source
from portfolio_lint.sources.memory import path_problem


class OverlaySource:
    """`base` with `files` (path → bytes) laid over it, listed as tracked (as if committed).

    Everything else (git history, commit, metadata, the folder of a bigger repository it is)
    is the base's: `portfolio-lint fix` lints the repository as it would be once the proposed
    files are written, without writing them.
    """

    def __init__(self, base: Source, files: Mapping[str, bytes]) -> None:
        bad = [path for path in files if path_problem(path) is not None]
        if bad:
            raise ValueError(f"cannot overlay {bad[0]!r}: {path_problem(bad[0])}")
        self.base = base
        self._data = dict(files)

    @property
    def name(self) -> str:
        """The base's name."""
        return self.base.name

    def files(self) -> Sequence[FileEntry]:
        """The base's files, the overlaid ones with their new size, in git's order."""
        entries = {e.path: e for e in self.base.files() if e.path not in self._data}
        for path, data in self._data.items():
            entries[path] = FileEntry(path, len(data), tracked=True)
        return [entries[p] for p in sorted(entries, key=lambda p: p.encode("utf-8", "replace"))]

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """An overlaid file's new bytes, else the base's."""
        data = self._data.get(path)
        return self.base.read_bytes(path, limit) if data is None else data[:limit]

    def git_root(self) -> Path | None:
        """The base's git work tree: history rules judge the same history."""
        return self.base.git_root()

    def commit(self) -> str | None:
        """The base's commit."""
        return self.base.commit()

    def metadata(self) -> HostMetadata | None:
        """The base's hosting metadata."""
        return self.base.metadata()

    def warnings(self) -> Sequence[str]:
        """The base's warnings."""
        return self.base.warnings()

    def unavailable(self) -> str | None:
        """The base's reason history is unavailable, if any."""
        return self.base.unavailable()
