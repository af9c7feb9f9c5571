"""A commit's tree read straight from the object database: no checkout, no filters, no hooks."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from portfolio_lint.sources.base import FileEntry, HostMetadata
from portfolio_lint.sources.trust import is_bare_layout, trusted_git_dir
from portfolio_lint.untrusted.hardened_git import (
    DEFAULT_TIMEOUT,
    GitError,
    git_environment,
    hardened_argv,
    run_git,
    watched_git,
)

REGULAR_MODES = ("100644", "100755")
# A tree can reuse its subtrees: a few KB of objects may name millions of paths. Listings
# stop here with an error instead of reading them all.
MAX_TREE_ENTRIES = 100_000
MAX_LISTING_BYTES = 64 * 1024 * 1024


def is_bare_repository(path: Path) -> bool:
    """A bare repository's layout (HEAD, objects/, refs/, no .git), confirmed by git.

    Git data that fails the trust decision is not opened: the layout alone answers (the
    source then refuses it with the reason).
    """
    if not is_bare_layout(path):
        return False
    if trusted_git_dir(path).refused is not None:
        return True
    answer = run_git(path, ["rev-parse", "--is-bare-repository"], check=False)
    return answer.strip() == b"true"


def git_listing(
    cwd: Path, args: Sequence[str], limit: int, timeout: float = DEFAULT_TIMEOUT
) -> tuple[list[bytes], bool]:
    """NUL-separated records of a hardened git listing (`-z`): at most `limit` of them and
    MAX_LISTING_BYTES in all, read in fixed-size chunks (a `-z` listing has no newlines to
    split on); True when git had more (git is then killed)."""
    with watched_git(cwd, args, timeout=timeout) as watched:
        records, truncated = _read_records(watched.stdout, limit)
    watched.raise_for_failure(args, check_code=not truncated)  # git killed at the cap: no error
    return records, truncated


def _read_records(stdout: IO[bytes], limit: int) -> tuple[list[bytes], bool]:
    records: list[bytes] = []
    rest = b""
    size = 0
    while chunk := os.read(stdout.fileno(), 1 << 16):
        size += len(chunk)
        *done, rest = (rest + chunk).split(b"\0")
        records += filter(None, done)
        if len(records) > limit or size > MAX_LISTING_BYTES:
            return records[:limit], True
    if rest:
        records.append(rest)
    return records[:limit], len(records) > limit


def too_many_files(commit: str, limit: int) -> str:
    """The refusal for a commit whose tree names more than `limit` files."""
    return (
        f"commit {commit[:12]} has more than {limit} files (a tree that reuses itself?): not read"
    )


def require_trusted(root: Path) -> None:
    """Raise GitError when `root`'s git data fails the trust decision (see sources.trust)."""
    decision = trusted_git_dir(root)
    if not decision.trusted:
        raise GitError(decision.refused or "not a git repository")


class GitTreeSource:
    """Files of `revision` in the repository at `root` (blobs read raw with `git cat-file`)."""

    def __init__(self, root: Path, revision: str, *, display: str | None = None) -> None:
        self.root = root.resolve()
        require_trusted(self.root)
        self._display = display or f"{self.root}@{revision}"
        self._commit = self._resolve(revision)
        self._files: list[FileEntry] | None = None
        self._blobs: dict[str, str] = {}
        self._batch: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._warnings: list[str] = []

    def _resolve(self, revision: str) -> str:
        output = (
            run_git(
                self.root, ["rev-parse", "--verify", "-q", f"{revision}^{{commit}}"], check=False
            )
            .decode()
            .strip()
        )
        if not output:
            if revision == "HEAD" and is_bare_layout(self.root):
                raise GitError("a bare repository with no commits")
            raise GitError(f"unknown revision {revision!r}")
        return output

    @property
    def name(self) -> str:
        """Display name: path and revision."""
        return self._display

    def files(self) -> Sequence[FileEntry]:
        """Regular files of the commit (symlinks and submodules are not followed).

        Raises GitError when the tree cannot be read (a missing object) or names more than
        MAX_TREE_ENTRIES files.
        """
        if self._files is None:
            listing, truncated = git_listing(
                self.root,
                ["ls-tree", "-r", "-z", "--long", "--full-tree", self._commit],
                MAX_TREE_ENTRIES,
            )
            if truncated:
                raise GitError(too_many_files(self._commit, MAX_TREE_ENTRIES))
            files = []
            for record in listing:
                meta, _, raw_path = record.partition(b"\t")
                mode, kind, blob, size = meta.split()
                if kind != b"blob" or mode.decode() not in REGULAR_MODES:
                    continue
                path = raw_path.decode("utf-8", "backslashreplace")  # as display_name does
                self._blobs[path] = blob.decode()
                files.append(FileEntry(path, int(size), tracked=True, blob=blob.decode()))
            self._files = files
        return self._files

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """Up to `limit` bytes of a blob of the commit."""
        self.files()
        blob = self._blobs.get(path)
        if blob is None:
            return None
        with self._lock:
            return self._read_blob(blob, limit)

    def _read_blob(self, blob: str, limit: int) -> bytes | None:
        if self._batch is None or self._batch.poll() is not None:
            # The same per-repository hardening as run_git: program-running keys of this
            # repository's config blanked, git dir pinned, no discovery of an enclosing repo.
            self._batch = subprocess.Popen(
                hardened_argv(self.root, ["cat-file", "--batch"]),
                cwd=self.root,
                env=git_environment(self.root),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        process = self._batch
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(blob.encode() + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        size = int(header[2])
        data = process.stdout.read(min(size, limit))
        remaining = size - len(data) + 1  # the rest, and the newline after each object
        while remaining > 0:
            remaining -= len(process.stdout.read(min(remaining, 1 << 20)) or b"\0" * remaining)
        return data

    def close(self) -> None:
        """Stop the cat-file process."""
        if self._batch is not None:
            if self._batch.stdin:
                self._batch.stdin.close()
            self._batch.wait(timeout=10)
            if self._batch.stdout:
                self._batch.stdout.close()
            self._batch = None

    def __enter__(self) -> GitTreeSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def git_root(self) -> Path | None:
        """The repository, for history up to this commit."""
        return self.root

    def commit(self) -> str | None:
        """The commit being read."""
        return self._commit

    def metadata(self) -> HostMetadata | None:
        """No hosting metadata."""
        return None

    def warnings(self) -> Sequence[str]:
        """Nothing is skipped silently."""
        return list(self._warnings)

    def unavailable(self) -> str | None:
        """History is available when the repository is not shallow."""
        if (self.root / ".git" / "shallow").is_file() or (self.root / "shallow").is_file():
            return "shallow clone: history is incomplete"
        return None
