"""A repository on disk: a git work tree (tracked + untracked-not-ignored) or a plain folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from portfolio_lint.sources.base import FileEntry, HostMetadata
from portfolio_lint.sources.gittree import git_listing
from portfolio_lint.sources.trust import trusted_git_dir
from portfolio_lint.sources.walk import MAX_IGNORE_BYTES, too_complex, walk_folder
from portfolio_lint.untrusted.hardened_git import GitError, run_git
from portfolio_lint.untrusted.reads import contained_path, decode_text, display_name, read_capped

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        ".direnv",
        ".eggs",
        "site-packages",
        ".ipynb_checkpoints",
        ".cache",
        "build",
        "dist",
    }
)
MAX_FILES = 200_000
UNTRACKED_TIMEOUT = 20.0


def is_skipped_dir(name: str, path: Path | None = None) -> bool:
    """Folders never walked in an untracked tree: VCS data, virtualenvs, caches, dependencies."""
    if name in SKIPPED_DIRS or name.endswith(".egg-info"):
        return True
    return path is not None and (path / "pyvenv.cfg").is_file()


def _own_git_metadata(root: Path, warnings: list[str]) -> bool:
    """Whether git may read `root`'s git data (see sources.trust); refused data is a warning
    and the folder is linted as plain files."""
    if not os.path.lexists(root / ".git"):
        return False  # a bare layout without .git is read by GitTreeSource, not walked with git
    decision = trusted_git_dir(root)
    if decision.refused is not None:
        warnings.append(f"{decision.refused}: linted as a plain folder")
    return decision.trusted


def _outside_root(path: str) -> bool:
    """An index path that would name a file outside the work tree: absolute, `..`, empty or
    `.` segments, or a `.git` segment (git refuses all of these in paths it writes)."""
    framed = f"/{path}/"
    if "/." not in framed and "//" not in framed:
        return False  # the common case, without splitting
    return path.startswith("/") or any(
        part in ("", ".", "..") or part.lower() == ".git" for part in path.split("/")
    )


class LocalSource:
    """Files of a local folder; git is used (hardened) when the folder is a work tree.

    With `top`, the folder is a project inside the work tree at `top`: git runs there with
    the folder as its pathspec (every .gitignore above it applies), paths are the folder's.
    """

    def __init__(self, root: Path, *, top: Path | None = None) -> None:
        self.root = root.resolve()
        self.top = self.root if top is None else top.resolve()
        # The folder's POSIX path inside the repository (None: the whole repository).
        self.subtree = None if self.top == self.root else self.root.relative_to(self.top).as_posix()
        self._scope = [] if self.subtree is None else ["--", f":(literal){self.subtree}/"]
        self._warnings: list[str] = []
        self._files: list[FileEntry] | None = None
        self._disk: dict[str, str] = {}
        self._parents: dict[str, bool] = {}
        self._is_git = _own_git_metadata(self.top, self._warnings)

    @property
    def name(self) -> str:
        """The folder's path (bytes that are not UTF-8 shown as `\\xff`)."""
        return display_name(str(self.root))

    def files(self) -> Sequence[FileEntry]:
        """Tracked and untracked-not-ignored files, or a walk that honours .gitignore."""
        if self._files is None:
            self._files = self._list_files()
        return self._files

    def _list_files(self) -> list[FileEntry]:
        if self._is_git:
            try:
                return self._git_files()
            except GitError as error:
                self._warnings.append(f"git listing failed ({error}); walked the folder instead")
        paths = walk_folder(self.root, is_skipped_dir, self._warnings, MAX_FILES)
        return [
            entry
            for p in paths
            if p.rsplit("/", 1)[-1] != ".git"  # a gitdir pointer file is git data too
            and (entry := self._entry(p, tracked=False)) is not None
        ]

    def _git_files(self) -> list[FileEntry]:
        tracked = self._tracked()
        entries: list[FileEntry] = []
        seen: set[str] = set()
        cut = 0 if self.subtree is None else len(self.subtree) + 1
        for paths, is_tracked in ((tracked, True), (self._untracked(tracked), False)):
            for in_repo in paths:
                path = in_repo[cut:] if self._below(in_repo) else ""
                if not path or path in seen:
                    continue
                if not is_tracked and any(is_skipped_dir(part) for part in path.split("/")[:-1]):
                    continue
                seen.add(path)
                entry = self._entry(path, tracked=is_tracked)
                if entry is not None:
                    entries.append(entry)
                if len(entries) >= MAX_FILES:
                    self._warnings.append(f"more than {MAX_FILES} files; the rest were not read")
                    return entries
        return entries

    def _below(self, path: str) -> bool:
        """Whether a path of the repository lies in the linted folder."""
        return self.subtree is None or path.startswith(self.subtree + "/")

    def _tracked(self) -> list[str]:
        """Index paths (of the repository), bounded, without any that would name a file
        outside the work tree."""
        records, truncated = git_listing(
            self.top, ["ls-files", "-z", "--cached", *self._scope], MAX_FILES
        )
        if truncated:
            self._warnings.append(f"more than {MAX_FILES} files; the rest were not read")
        paths = [os.fsdecode(record) for record in records]
        outside = [path for path in paths if _outside_root(path)]
        if not outside:
            return paths
        self._warnings.append(
            f"{len(outside)} index path(s) outside the work tree not read, "
            f"e.g. {display_name(outside[0])!r}"
        )
        dropped = set(outside)
        return [path for path in paths if path not in dropped]

    def _untracked(self, tracked: list[str]) -> list[str]:
        """Untracked-not-ignored files: git's listing, or our bounded walk when git could hang.

        git's own wildcard matcher backtracks exponentially on patterns like `*a*a*a...*b`, so
        ignore files with such patterns go to the walk (which drops them), and a slow git is
        killed and replaced by the walk too.
        """
        ignore_files = [p for p in tracked if p.rsplit("/", 1)[-1] == ".gitignore"]
        ignore_files += [".gitignore", ".git/info/exclude"]
        if self.subtree is not None:  # the folders above: their .gitignore applies too
            parts = self.subtree.split("/")
            ignore_files += ["/".join(parts[:n]) + "/.gitignore" for n in range(1, len(parts))]
        if not all(_ignore_file_is_safe(self.top, p) for p in ignore_files):
            return self._walk_untracked(tracked, "a .gitignore has patterns git could hang on")
        try:
            others, truncated = git_listing(
                self.top,
                ["ls-files", "-z", "--others", "--exclude-standard", *self._scope],
                MAX_FILES,
                timeout=UNTRACKED_TIMEOUT,
            )
        except GitError as error:
            return self._walk_untracked(tracked, str(error))
        if truncated:
            self._warnings.append(f"more than {MAX_FILES} untracked files; the rest were not read")
        return [os.fsdecode(path) for path in others]

    def _walk_untracked(self, tracked: list[str], reason: str) -> list[str]:
        """Repository paths of the files a walk from the top finds (below the folder)."""
        self._warnings.append(f"untracked files listed by walking the folder ({reason})")
        known = set(tracked)
        walked = walk_folder(self.top, is_skipped_dir, self._warnings, MAX_FILES)
        return [path for path in walked if path not in known and self._below(path)]

    def _entry(self, path: str, *, tracked: bool) -> FileEntry | None:
        full = self.root / path
        shown = display_name(path)
        if not self._parent_inside(path):
            self._warnings.append(f"{shown}: below a symlinked folder, not read")
            return None
        try:
            info = full.lstat()
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            target = contained_path(self.root, path)
            if target is None:
                self._warnings.append(f"{shown}: symlink out of the repository, not followed")
                return None
            info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        if shown == path:
            return FileEntry(path, info.st_size, tracked=tracked)
        if shown in self._disk or os.path.lexists(self.root / shown):
            # A file literally named `n\xff.py` exists too: reading one for the other would
            # hide its content, so the undecodable name is reported instead of read.
            self._warnings.append(f"{shown}: two files show under this name; one not read")
            return None
        self._disk[shown] = path
        return FileEntry(shown, info.st_size, tracked=tracked, disk=path)

    def _parent_inside(self, path: str) -> bool:
        """Whether no folder on `path`'s way is a symlink (one lstat per folder, cached):
        lstat of a file below a symlinked folder would stat a file elsewhere."""
        return self._real_dir(path.rpartition("/")[0])

    def _real_dir(self, folder: str) -> bool:
        if not folder:
            return True
        known = self._parents.get(folder)
        if known is None:
            known = self._real_dir(folder.rpartition("/")[0])
            if known:
                try:
                    known = not stat.S_ISLNK((self.root / folder).lstat().st_mode)
                except OSError:
                    known = True  # missing: nothing below it can be statted either
            self._parents[folder] = known
        return known

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """Read through the containment and size checks."""
        return read_capped(self.root, self._disk.get(path, path), limit)

    def git_root(self) -> Path | None:
        """The work tree (its top), when this is a git repository."""
        return self.top if self._is_git else None

    def commit(self) -> str | None:
        """HEAD's id, when there is one."""
        if not self._is_git:
            return None
        try:
            return run_git(self.top, ["rev-parse", "--verify", "-q", "HEAD"]).decode().strip()
        except GitError:
            return None

    def metadata(self) -> HostMetadata | None:
        """A local folder has no hosting metadata."""
        return None

    def warnings(self) -> Sequence[str]:
        """What was skipped while listing."""
        return list(self._warnings)

    def unavailable(self) -> str | None:
        """History needs a git work tree with full history."""
        if not self._is_git:
            return "not a git repository (plain folder)"
        if (self.top / ".git" / "shallow").is_file():
            return "shallow clone: history is incomplete"
        return None


def _ignore_file_is_safe(root: Path, relative: str) -> bool:
    data = read_capped(root, relative, MAX_IGNORE_BYTES + 1)
    if data is None:
        return True
    if len(data) > MAX_IGNORE_BYTES:
        return False
    return not any(too_complex(line) for line in decode_text(data).splitlines())
