"""The one decision on which git data a linted folder may be read with.

A linted repository is untrusted, and so is everything in it that points elsewhere: a `.git`
file or symlink, `commondir`, `objects/info/alternates`. Followed blindly, they make git read
another repository (another student's, the grader's) and report it as this one. Special files
(FIFOs, sockets, devices) among the git data would block git for minutes. The rules:

- `<root>/.git` as a folder is this repository's git data; its `commondir`, if any, must name
  itself.
- A `.git` file (or a symlink out of the folder) is followed only to a linked worktree or a
  submodule git dir that names this folder back: `<main>/worktrees/<name>` whose `gitdir`
  file names `<root>/.git` and whose `commondir` names `<main>`, or a git dir whose
  `core.worktree` is `<root>`. A `.git` pointing inside the folder is refused: no layout git
  makes does that. (`git init --separate-git-dir` writes no back-pointer: refused too.)
  This holds in batch as well as single runs: the back-pointer lives in the other
  repository's git data, which a student cannot write unless it is their own.
- A bare repository is its own git data; its `commondir`, if any, must name itself.
- Alternates must stay inside the git data that names them.
- Every entry of the git data git may open (top-level files; `refs/`, `logs/`, `objects/`,
  `info/` walked, at most MAX_GIT_ENTRIES entries) is a regular file or folder, or a symlink
  that stays inside the git data.

Refused git data is not used: a work tree is linted as a plain folder (with a warning), a bare
repository or a `file://` clone source is an error.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from portfolio_lint.untrusted.hardened_git import git_command, git_environment
from portfolio_lint.untrusted.reads import display_name, read_capped

MAX_GIT_ENTRIES = 100_000
MAX_POINTER_BYTES = 4096
MAX_ALTERNATE_DEPTH = 5
CONFIG_TIMEOUT = 10.0
WALKED_DIRS = frozenset({"refs", "logs", "objects", "info"})


@dataclass(frozen=True)
class TrustDecision:
    """The git dir git may use for a folder, or why none may be used.

    `git_dir` and `refused` are both None for a folder without git data.
    """

    git_dir: Path | None = None
    common_dir: Path | None = None
    refused: str | None = None

    @property
    def trusted(self) -> bool:
        """Whether git may read this folder's git data."""
        return self.git_dir is not None


class _TrustError(Exception):
    """Why git data is not used (internal: becomes TrustDecision.refused)."""


def trusted_git_dir(root: Path) -> TrustDecision:
    """Which git data `root` (a work tree, or a bare repository) may be read with."""
    root = root.resolve()
    try:
        if os.path.lexists(root / ".git"):
            return _work_tree_decision(root)
        if is_bare_layout(root):
            _check_own_git_dir(root)
            return TrustDecision(root, root)
    except _TrustError as reason:
        return TrustDecision(refused=str(reason))
    return TrustDecision()


def is_bare_layout(path: Path) -> bool:
    """A bare repository's layout (HEAD, objects, refs, no .git), by name only: whatever they
    are (a symlink, a FIFO) is for the trust decision to judge, without opening anything."""
    if os.path.lexists(path / ".git"):
        return False
    return all(os.path.lexists(path / name) for name in ("HEAD", "objects", "refs"))


def _work_tree_decision(root: Path) -> TrustDecision:
    dot_git = root / ".git"
    info = dot_git.lstat()
    if stat.S_ISDIR(info.st_mode):
        _check_own_git_dir(dot_git)
        return TrustDecision(dot_git, dot_git)
    if stat.S_ISLNK(info.st_mode):
        target = _resolve(dot_git)
        if _inside(target, root):
            raise _TrustError(".git is a symlink inside the folder, not git data git makes")
        if _is_real_dir(target):
            return _linked_decision(root, target)
        raise _TrustError(f".git is a symlink to {_shown(target)}, not a git dir")
    if not stat.S_ISREG(info.st_mode):
        raise _TrustError(".git is a special file (FIFO, socket or device)")
    return _linked_decision(root, _gitdir_pointer(root))


def _gitdir_pointer(root: Path) -> Path:
    data = read_capped(root, ".git", MAX_POINTER_BYTES) or b""
    first = data.split(b"\n", 1)[0].decode("utf-8", "surrogateescape")
    if not first.startswith("gitdir:"):
        raise _TrustError(".git is a file without a gitdir line")
    return _resolve(root / first[len("gitdir:") :].strip())


def _linked_decision(root: Path, git_dir: Path) -> TrustDecision:
    """A `.git` file or symlink naming `git_dir`: a linked worktree or a submodule of `root`."""
    refusal = (
        f".git points at {_shown(git_dir)}, not this repository's own git data "
        "(not a worktree or submodule of this folder)"
    )
    if _inside(git_dir, root) or not _is_real_dir(git_dir):
        raise _TrustError(refusal)
    _check_entries(git_dir)  # before git or we open anything there
    if os.path.lexists(git_dir / "commondir"):
        common = _pointer(git_dir, "commondir")
        back = _pointer(git_dir, "gitdir")
        if git_dir.parent != common / "worktrees" or back != root / ".git":
            raise _TrustError(refusal)
        _check_own_git_dir(common)
        return TrustDecision(git_dir, common)
    if _core_worktree(git_dir) != root:
        raise _TrustError(refusal)
    _check_own_pointers(git_dir)
    return TrustDecision(git_dir, git_dir)


def _check_own_git_dir(git_dir: Path) -> None:
    """A main git dir: no special files, no commondir elsewhere, alternates inside."""
    _check_entries(git_dir)
    _check_own_pointers(git_dir)


def _check_own_pointers(git_dir: Path) -> None:
    if os.path.lexists(git_dir / "commondir") and _pointer(git_dir, "commondir") != git_dir:
        raise _TrustError(f"{_shown(git_dir)}: commondir names another repository")
    _check_alternates(git_dir / "objects", git_dir, MAX_ALTERNATE_DEPTH)


def _check_alternates(objects: Path, git_dir: Path, depth: int) -> None:
    relative = objects.relative_to(git_dir) / "info" / "alternates"
    data = read_capped(git_dir, relative.as_posix(), MAX_POINTER_BYTES + 1)
    if data is None:
        return
    if len(data) > MAX_POINTER_BYTES or depth <= 0:
        raise _TrustError(f"{_shown(git_dir)}: objects/info/alternates too large or too deep")
    for raw in data.decode("utf-8", "surrogateescape").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        alternate = _resolve(objects / line)
        if not _inside(alternate, git_dir):
            raise _TrustError(
                f"{_shown(git_dir)}: objects/info/alternates names objects of another repository"
            )
        if _is_real_dir(alternate):
            _check_alternates(alternate, git_dir, depth - 1)


def _check_entries(git_dir: Path) -> None:
    """Every entry git may open is a regular file, a folder or a symlink inside `git_dir`."""
    pending = [(git_dir, True)]
    count = 0
    while pending:
        folder, top = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            raise _TrustError(f"{_shown(folder)}: unreadable ({error.strerror})") from None
        count += len(entries)
        if count > MAX_GIT_ENTRIES:
            raise _TrustError(
                f"{_shown(git_dir)}: more than {MAX_GIT_ENTRIES} entries in the git data, not read"
            )
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                _check_symlink(path, git_dir)
            elif entry.is_dir(follow_symlinks=False):
                if not top or entry.name in WALKED_DIRS:
                    pending.append((path, False))
            elif not entry.is_file(follow_symlinks=False):
                raise _TrustError(
                    f"{_shown(path)}: special file (FIFO, socket or device) in the "
                    "git data, not opened"
                )


def _check_symlink(path: Path, git_dir: Path) -> None:
    target = _resolve(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = 0
    if not _inside(target, git_dir) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise _TrustError(f"{_shown(path)}: symlink out of the git data, not followed")


def _pointer(git_dir: Path, name: str) -> Path:
    """The path a one-line pointer file of `git_dir` names (relative to `git_dir`)."""
    data = read_capped(git_dir, name, MAX_POINTER_BYTES)
    if data is None:
        raise _TrustError(f"{_shown(git_dir / name)}: unreadable or not a regular file")
    line = data.split(b"\n", 1)[0].decode("utf-8", "surrogateescape").strip()
    if not line:
        raise _TrustError(f"{_shown(git_dir / name)}: empty")
    return _resolve(git_dir / line)


def _core_worktree(git_dir: Path) -> Path | None:
    """`core.worktree` of `git_dir`'s own config file (no includes), resolved from `git_dir`."""
    config = git_dir / "config"
    try:
        if not stat.S_ISREG(config.lstat().st_mode):
            return None
        done = subprocess.run(
            git_command(["config", "--file", str(config), "--get", "core.worktree"]),
            cwd=git_dir,
            env=git_environment(git_dir),
            capture_output=True,
            timeout=CONFIG_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.decode("utf-8", "surrogateescape").strip()
    return _resolve(git_dir / value) if done.returncode == 0 and value else None


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise _TrustError(f"{_shown(path)}: symlink loop") from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _shown(path: Path) -> str:
    return display_name(str(path))
