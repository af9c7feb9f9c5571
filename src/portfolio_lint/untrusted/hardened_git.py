"""Run git on untrusted repositories so that nothing in their config can run a program."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Generator, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

BLOCK_BYTES = 64 * 1024
ERROR_TAIL_BYTES = 4096  # of a streamed git's stderr, only the end is kept (its fatal line)
# Streamed lines are cut to this many bytes (plus their newline): a 1 MiB commit subject or
# path name costs a bounded amount of memory whatever the repository holds.
MAX_LINE_BYTES = 8 * 1024
# Settings pinned on every git we run. They travel twice: as `-c` on our command line and in
# GIT_CONFIG_COUNT/KEY_n/VALUE_n in the environment. Both channels outrank the repository's
# config files and both reach every git that git itself starts (an embedded repository's git
# during `log -p`, a submodule's `status`), which reads its own config in that repository.
HARDENING = (
    "core.fsmonitor=false",
    "core.untrackedCache=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.editor=true",
    "core.sshCommand=false",
    "core.askPass=",
    "core.gitProxy=",
    "core.quotePath=false",
    "core.attributesFile=/dev/null",
    "credential.helper=",
    "advice.graftFileDeprecated=false",  # GIT_GRAFT_FILE is set (to nothing) on purpose
    "diff.external=",
    "log.showSignature=false",
    "log.showRoot=true",
    "gpg.program=false",
    "protocol.ext.allow=never",
    "protocol.file.allow=always",
    "safe.directory=*",
    "core.symlinks=false",
    # Never start a git in a submodule or embedded repository (its config names drivers and
    # programs we cannot list in advance): submodules are shown as one line, never entered.
    "submodule.recurse=false",
    "diff.submodule=short",
    "diff.ignoreSubmodules=dirty",
    "status.submoduleSummary=false",
    "fetch.recurseSubmodules=false",
    # Output shaping: the repository's config must not change what a scan sees, so every key
    # that shapes diff, log or path output is pinned to git's default.
    "diff.context=3",
    "diff.interHunkContext=0",
    "diff.algorithm=default",
    "diff.indentHeuristic=true",
    "diff.renames=true",
    "diff.renameLimit=1000",
    "diff.noprefix=false",
    "diff.mnemonicPrefix=false",
    "diff.relative=false",
    "diff.suppressBlankEmpty=false",
    "diff.orderFile=/dev/null",
    "diff.colorMoved=false",
    "color.ui=never",
    "color.diff=never",
    "color.grep=never",
    "color.status=never",
    "color.branch=never",
    "color.showBranch=never",
    "color.interactive=never",
    "i18n.logOutputEncoding=UTF-8",
    "log.date=default",
    "log.decorate=no",
    "log.abbrevCommit=false",
    "log.follow=false",
    "log.mailmap=false",
    "mailmap.file=/dev/null",
    "mailmap.blob=",
    "grep.patternType=default",
    "grep.extendedRegexp=false",
    "grep.lineNumber=false",
    "grep.column=false",
    "grep.fullName=false",
    "grep.fallbackToNoIndex=false",
    "core.bigFileThreshold=512m",
    # Memory bounds (a repository's own config may raise them): pack windows are mapped in
    # 16 MiB pieces, at most 64 MiB at once, so scanning a 230 MB pack stays near 100 MB RSS.
    "core.packedGitWindowSize=16m",
    "core.packedGitLimit=64m",
    "core.deltaBaseCacheLimit=32m",
)
# Options that keep commands off external programs, textconv and submodules (the pins above
# cover the defaults; these also hold against a caller's options and a .gitmodules
# `submodule.<name>.ignore = none`, which outranks diff.ignoreSubmodules: a dirty check
# starts a git inside the submodule). The diff family and status read options anywhere
# before `--`, so theirs go last and win; blame and grep stop at their first operand, so
# theirs go right after the subcommand. (The tool never runs commit or describe --dirty.)
DIFF_OPTIONS = ("--no-ext-diff", "--no-textconv", "--submodule=short", "--ignore-submodules=dirty")
TRAILING_OPTIONS: Mapping[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("log", "show", "diff", "diff-tree", "diff-index", "diff-files", "whatchanged"),
        DIFF_OPTIONS,
    ),
    "status": ("--ignore-submodules=dirty",),
}
LEADING_OPTIONS: Mapping[str, tuple[str, ...]] = {
    "blame": ("--no-textconv",),
    "grep": ("--no-textconv",),
}
# Final config-key names (after the last dot) whose value git runs as a program.
PROGRAM_KEYS = frozenset(
    {
        "clean",
        "smudge",
        "process",
        "textconv",
        "command",
        "program",
        "helper",
        "cmd",
        "sshcommand",
        "askpass",
        "editor",
        "pager",
        "fsmonitor",
        "hookspath",
        "gitproxy",
        "alternaterefscommand",
        "packobjectshook",
    }
)
# diff.<driver>.<key> values that neutralise a driver the repository defines (a driver may be
# selected by any .gitattributes, which git 2.39 cannot be told to ignore): no regex of theirs
# runs (an empty pattern matches at once), binary detection is git's own, nothing is cached.
DRIVER_NEUTRAL = {
    "xfuncname": "",
    "funcname": "",
    "wordregex": "",
    "binary": "auto",
    "cachetextconv": "false",
}
# Variables git must not see: programs it would run, and tokens (git needs a token only as the
# host-scoped header clone mode configures, never as a variable any program it starts can read).
UNINHERITED = frozenset(
    {"PAGER", "SSH_ASKPASS", "EDITOR", "VISUAL", "GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN"}
)
DEFAULT_TIMEOUT = 120.0
OBJECT_NAME = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256
CONFIG_TIMEOUT = 10.0


class GitError(Exception):
    """A git command failed or timed out."""


@lru_cache(maxsize=1)
def git_executable() -> str:
    """The absolute path of git, searched once in the absolute entries of PATH only.

    An empty or relative PATH entry names a folder relative to wherever git is started, which
    for us is the linted repository: its own `git` file must never be what runs.
    """
    for folder in _absolute_path_entries(os.environ.get("PATH", os.defpath)):
        candidate = Path(folder) / "git"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise GitError("git not found in the absolute entries of PATH")


def _absolute_path_entries(path: str) -> list[str]:
    return [entry for entry in path.split(os.pathsep) if Path(entry).is_absolute()]


def with_config(env: Mapping[str, str], pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """`env` with config `pairs` appended after the GIT_CONFIG_COUNT entries it already holds.

    Environment config outranks the repository's files, is inherited by every git that git
    starts, and keeps keys and values apart (a driver name may contain '=').
    """
    count = env.get("GIT_CONFIG_COUNT", "0")
    if not count.isdigit():
        raise ValueError(f"GIT_CONFIG_COUNT is not a count: {count!r}")
    start = int(count)
    merged = dict(env)
    for index, (key, value) in enumerate(pairs, start):
        merged[f"GIT_CONFIG_KEY_{index}"] = key
        merged[f"GIT_CONFIG_VALUE_{index}"] = value
    merged["GIT_CONFIG_COUNT"] = str(start + len(pairs))
    return merged


def git_environment(cwd: Path | None = None) -> dict[str, str]:
    """An environment with no user/system config, prompts, pager or external helpers.

    It carries HARDENING in GIT_CONFIG_COUNT/KEY_n/VALUE_n and, given the repository `cwd`,
    the overrides of `dangerous_config(cwd)` before them (so a pin always wins).
    """
    overrides = dangerous_config(cwd) if cwd is not None else []
    return with_config(_base_environment(cwd), [*overrides, *map(_split, pinned_settings())])


def _base_environment(cwd: Path | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key not in UNINHERITED
    }
    env.update(
        PATH=os.pathsep.join(_absolute_path_entries(env.get("PATH", os.defpath))),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_ATTR_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        GIT_ASKPASS="false",
        GIT_OPTIONAL_LOCKS="0",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_GRAFT_FILE=os.devnull,
        GIT_PROTOCOL_FROM_USER="0",
        GIT_NO_LAZY_FETCH="1",
        LC_ALL="C",
    )
    if cwd is not None:
        # A broken .git must not make git discover (and lint) an enclosing repository.
        env["GIT_CEILING_DIRECTORIES"] = str(Path(cwd).resolve().parent)
    return env


def pinned_settings() -> tuple[str, ...]:
    """HARDENING plus core.excludesFile: the repository's choice could be a FIFO that blocks
    `ls-files --exclude-standard`; the pin keeps what git reads by default, the user's own
    XDG ignore file (when it is a regular file)."""
    return (*HARDENING, f"core.excludesFile={_default_excludes_file()}")


def _default_excludes_file() -> str:
    try:
        config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        candidate = Path(config_home) / "git" / "ignore"
        return str(candidate) if candidate.is_file() else os.devnull
    except (OSError, RuntimeError):  # no home folder
        return os.devnull


def _split(setting: str) -> tuple[str, str]:
    key, _, value = setting.partition("=")
    return key, value


def git_command(args: Sequence[str], extra_config: Sequence[str] = ()) -> list[str]:
    """The full argv of a hardened git invocation (git by its absolute path)."""
    argv = [git_executable(), "--no-pager"]
    # The pins last: the last -c wins, so no override can blank a key they pin.
    for setting in (*extra_config, *pinned_settings()):
        argv += ["-c", setting]
    return [*argv, *_with_subcommand_options(args)]


def _with_subcommand_options(args: Sequence[str]) -> list[str]:
    """`args` with TRAILING_OPTIONS last before `--`, or LEADING_OPTIONS first."""
    index = _subcommand_index(args)
    if index is None:
        return list(args)
    if args[index] in TRAILING_OPTIONS:
        rest = list(args[index + 1 :])
        end = index + 1 + (rest.index("--") if "--" in rest else len(rest))
        return [*args[:end], *TRAILING_OPTIONS[args[index]], *args[end:]]
    options = LEADING_OPTIONS.get(args[index], ())
    return [*args[: index + 1], *options, *args[index + 1 :]]


def _subcommand_index(args: Sequence[str]) -> int | None:
    """Where the subcommand is in `args`, after `-c key=value` pairs and `--option`s."""
    index = 0
    while index < len(args):
        if args[index] == "-c":
            index += 2
        elif args[index].startswith("-"):
            index += 1
        else:
            return index
    return None


def dangerous_config(cwd: Path) -> list[tuple[str, str]]:
    """(key, value) overrides neutralising the program-running keys and diff drivers that the
    repository's config defines (cached). They only ever travel in the environment: on a
    command line, `-c key=value` splits at the first '=', and a subsection name may hold one
    (`[filter "x.clean=evil #"]` would set filter.x.clean to `evil`)."""
    resolved = Path(cwd).resolve()
    try:
        stamp = (resolved / ".git" / "config").stat()
        version: tuple[int, int] = (stamp.st_mtime_ns, stamp.st_size)
    except OSError:
        version = (0, 0)
    overrides = _dangerous_config(resolved, version)
    if overrides is None:
        raise GitError("git config could not be read in time (hostile include?)")
    return list(overrides)


@lru_cache(maxsize=64)
def _dangerous_config(cwd: Path, version: tuple[int, int]) -> tuple[tuple[str, str], ...] | None:
    del version  # part of the cache key only: an edited config is listed again
    try:
        # No pinned settings here: only keys the repository itself (or its includes) defines.
        listing = subprocess.run(
            [git_executable(), "--no-pager", "config", "--list", "--name-only", "--includes", "-z"],
            cwd=cwd,
            env=_base_environment(cwd),
            capture_output=True,
            timeout=CONFIG_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        ).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None
    except OSError:
        return ()
    keys = dict.fromkeys(filter(None, listing.split("\0")))
    return tuple(override for key in keys if (override := _override(key)) is not None)


def _override(key: str) -> tuple[str, str] | None:
    """The (key, value) that neutralises `key`, or None when it is harmless."""
    lowered = key.lower()
    section, name = lowered.partition(".")[0], lowered.rpartition(".")[2]
    if section == "pager" or (section == "filter" and name == "required"):
        return key, "false"
    if section == "diff" and name in DRIVER_NEUTRAL:
        return key, DRIVER_NEUTRAL[name]
    if section in ("alias", "merge") or name in PROGRAM_KEYS:
        return key, ""
    return None


def _name(args: Sequence[str]) -> str:
    """The subcommand of `args` (after any `-c key=value` pairs), for error messages."""
    index = _subcommand_index(args)
    return args[index] if index is not None else "git"


def _location(cwd: Path) -> list[str]:
    """Pin git dir and work tree: a hostile core.worktree must not point git elsewhere."""
    dot_git = Path(cwd) / ".git"
    if dot_git.is_dir() and not dot_git.is_symlink():
        return [f"--git-dir={dot_git}", f"--work-tree={cwd}"]
    return []


def hardened_argv(cwd: Path, args: Sequence[str]) -> list[str]:
    """The argv to run `git args` in `cwd`; run it with `git_environment(cwd)`.

    The environment carries every override; the argv repeats those whose key holds no '='
    (the only ones `-c` can express without being turned into another setting).
    """
    overrides = [f"{key}={value}" for key, value in dangerous_config(cwd) if "=" not in key]
    return git_command([*_location(cwd), *args], overrides)


def run_git(
    cwd: Path,
    args: Sequence[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    check: bool = True,
    input: bytes | None = None,
) -> bytes:
    """Run a hardened git command in `cwd` (reading `input`, if given) and return its stdout."""
    argv = hardened_argv(cwd, args)
    env = git_environment(cwd)
    began = time.perf_counter()
    try:
        done = subprocess.run(
            argv,
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
        )
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {_name(args)} timed out after {timeout:.0f}s") from error
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from error
    # The subcommand only: arguments may hold repository paths or a URL with a token.
    log.debug(
        "git %s: exit %d, %d bytes in %.3fs",
        _name(args),
        done.returncode,
        len(done.stdout),
        time.perf_counter() - began,
    )
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {_name(args)} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def stream_git(
    cwd: Path,
    args: Sequence[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_line: int = MAX_LINE_BYTES,
) -> Iterator[bytes]:
    """Lines (with their newline, each cut to `max_line` bytes) of a hardened git command's
    stdout, killed after `timeout`.

    Raises GitError at the end when git failed or was killed; closing the iterator early kills
    git. (subprocess, not gitpython: gitpython copies os.environ, so GIT_* variables of the
    caller's shell could not be removed.)
    """
    blocks = stream_git_blocks(cwd, args, timeout=timeout, max_line=max_line)
    try:
        for block in blocks:
            yield from block
    finally:
        blocks.close()


def stream_git_blocks(
    cwd: Path,
    args: Sequence[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_line: int = MAX_LINE_BYTES,
) -> Generator[list[bytes], None, None]:
    """`stream_git`'s lines in lists of about 64 KiB: one generator step per block, not per
    line, for readers of millions of lines (`itertools.chain.from_iterable` flattens them)."""
    with watched_git(cwd, args, timeout=timeout) as watched:
        yield from capped_line_blocks(watched.stdout, max_line)
    watched.raise_for_failure(args)


class WatchedGit:
    """A running hardened git: its stdout, the tail of its stderr, whether the watchdog fired."""

    def __init__(self, process: subprocess.Popen[bytes], timeout: float) -> None:
        self.process, self.timeout = process, timeout
        assert process.stdout is not None and process.stderr is not None  # PIPEs were asked for
        self.stdout: IO[bytes] = process.stdout
        # git may warn once per directory of a long path: megabytes per commit, so stderr is
        # drained as it comes and only its end is kept.
        self.errors = _Tail(process.stderr, ERROR_TAIL_BYTES)
        self.killed = threading.Event()

    def kill(self) -> None:
        """Stop git (the watchdog's action)."""
        self.killed.set()
        self.process.kill()

    def raise_for_failure(self, args: Sequence[str], *, check_code: bool = True) -> None:
        """Raise GitError when the watchdog fired or (with `check_code`) git failed."""
        if self.killed.is_set():
            raise GitError(f"git {_name(args)} timed out after {self.timeout:.0f}s")
        code = self.process.returncode
        if check_code and code != 0:
            message = self.errors.text().strip().splitlines()
            raise GitError(f"git {_name(args)} failed: {message[-1] if message else code}")


@contextlib.contextmanager
def watched_git(
    cwd: Path, args: Sequence[str], *, timeout: float, stdin: IO[bytes] | None = None
) -> Iterator[WatchedGit]:
    """Start a hardened `git args` in `cwd` with piped output, killed after `timeout`; on
    leaving the block git is killed if still running and reaped, and its pipes are closed.
    `stdin`: a file git reads its input from (none: git reads nothing)."""
    try:
        process = subprocess.Popen(
            hardened_argv(cwd, args),
            cwd=cwd,
            env=git_environment(cwd),
            stdin=subprocess.DEVNULL if stdin is None else stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from error
    log.debug("git %s: started (streamed)", _name(args))
    watched = WatchedGit(process, timeout)
    watchdog = threading.Timer(timeout, watched.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield watched
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
        watched.stdout.close()
        process.wait()
        watched.errors.close()


def read_blobs(
    cwd: Path, names: Sequence[str], *, max_size: int, timeout: float = DEFAULT_TIMEOUT
) -> Generator[tuple[str, bytes], None, None]:
    """(name, content) of each blob in `names` (full object names) of at most `max_size`
    bytes, through one hardened `git cat-file --batch` (no filter or textconv runs).

    Larger blobs, other objects and missing names are skipped. The names reach git through a
    temporary file, so git never waits on a pipe nobody writes; closing early kills git.
    """
    wanted = [name for name in names if OBJECT_NAME.fullmatch(name)]
    if not wanted:
        return
    args = ["cat-file", "--batch"]
    with tempfile.TemporaryFile() as listing:
        listing.write("".join(f"{name}\n" for name in wanted).encode("ascii"))
        listing.seek(0)
        with watched_git(cwd, args, timeout=timeout, stdin=listing) as watched:
            yield from _batch_blobs(watched.stdout, max_size)
    watched.raise_for_failure(args)


def _batch_blobs(stdout: IO[bytes], max_size: int) -> Iterator[tuple[str, bytes]]:
    """Parse `cat-file --batch` output: "<name> <type> <size>", the content, a newline."""
    while header := stdout.readline(MAX_LINE_BYTES):
        fields = header.split()
        if len(fields) != 3 or not fields[2].isdigit():
            continue  # "<name> missing" (or ambiguous): no content follows
        size = int(fields[2])
        if fields[1] != b"blob" or size > max_size:
            _skip(stdout, size + 1)
            continue
        content = stdout.read(size)
        stdout.read(1)
        if len(content) < size:
            return  # git stopped (killed): the end is reported by the caller
        yield fields[0].decode("ascii"), content


def _skip(stream: IO[bytes], size: int) -> None:
    while size > 0 and (chunk := stream.read(min(size, BLOCK_BYTES))):
        size -= len(chunk)


class _Tail:
    """The last `size` bytes of a stream, read on a thread so that its writer never blocks."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self.stream, self.size, self.data = stream, size, b""
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        while chunk := self.stream.read(BLOCK_BYTES):
            self.data = (self.data + chunk)[-self.size :]

    def close(self) -> None:
        """Wait for the end of the stream (its writer has exited) and close it."""
        self.thread.join(timeout=5)
        self.stream.close()

    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def capped_line_blocks(stream: IO[bytes], max_line: int) -> Iterator[list[bytes]]:
    """The lines of `stream` in lists of about BLOCK_BYTES, each line cut to its first
    `max_line` bytes plus its newline: the rest of a longer line is read and dropped, so
    memory stays within a block and one capped line whatever the line lengths."""
    carry = b""
    dropping = False  # carry is a cut line: drop bytes up to the end of that line
    while chunk := stream.read(BLOCK_BYTES):
        if dropping:
            end = chunk.find(b"\n")
            if end < 0:
                continue
            chunk, dropping = chunk[end:], False
        lines = io.BytesIO(carry + chunk).readlines()
        carry = b"" if lines[-1].endswith(b"\n") else lines.pop()
        if len(carry) > max_line:
            carry, dropping = carry[:max_line], True
        if lines:
            if max(map(len, lines)) > max_line + 1:
                lines = [
                    line if len(line) <= max_line + 1 else line[:max_line] + b"\n" for line in lines
                ]
            yield lines
    if carry:
        yield [carry]
