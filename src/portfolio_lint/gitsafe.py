"""Run git on untrusted repositories so that nothing in their config can run a program."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Generator, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

BLOCK_BYTES = 64 * 1024
# Command-line config outranks the repository's own .git/config.
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
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "log.showRoot=true",
    "gpg.program=false",
    "protocol.ext.allow=never",
    "protocol.file.allow=always",
    "safe.directory=*",
    "submodule.recurse=false",
    "core.symlinks=false",
    # Memory bounds (a repository's own config may raise them): pack windows are mapped in
    # 16 MiB pieces, at most 64 MiB at once, so scanning a 230 MB pack stays near 100 MB RSS.
    "core.packedGitWindowSize=16m",
    "core.packedGitLimit=64m",
    "core.deltaBaseCacheLimit=32m",
)
# Final config-key names (after the last dot) whose value git runs as a program.
PROGRAM_KEYS = frozenset(
    {"clean", "smudge", "process", "textconv", "command", "program", "helper", "cmd",
     "sshcommand", "askpass", "editor", "pager", "fsmonitor", "hookspath", "gitproxy",
     "alternaterefscommand", "packobjectshook"}
)
DEFAULT_TIMEOUT = 120.0
CONFIG_TIMEOUT = 10.0


class GitError(Exception):
    """A git command failed or timed out."""


def git_environment(cwd: Path | None = None) -> dict[str, str]:
    """An environment with no user/system config, prompts, pager or external helpers."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key not in ("PAGER", "SSH_ASKPASS", "EDITOR", "VISUAL")
    }
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        GIT_ASKPASS="false",
        GIT_OPTIONAL_LOCKS="0",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_PROTOCOL_FROM_USER="0",
        GIT_NO_LAZY_FETCH="1",
        LC_ALL="C",
    )
    if cwd is not None:
        # A broken .git must not make git discover (and lint) an enclosing repository.
        env["GIT_CEILING_DIRECTORIES"] = str(Path(cwd).resolve().parent)
    return env


def git_command(args: Sequence[str], extra_config: Sequence[str] = ()) -> list[str]:
    """The full argv of a hardened git invocation."""
    argv = ["git", "--no-pager"]
    # HARDENING last: the last -c wins, so no override can blank a key it pins.
    for setting in (*extra_config, *HARDENING):
        argv += ["-c", setting]
    return [*argv, *args]


def dangerous_config(cwd: Path) -> list[str]:
    """Overrides neutralising program-running keys the repository's config defines (cached)."""
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
def _dangerous_config(cwd: Path, version: tuple[int, int]) -> tuple[str, ...] | None:
    del version  # part of the cache key only: an edited config is listed again
    try:
        # No -c settings here: only keys the repository itself (or its includes) defines.
        listing = subprocess.run(
            ["git", "--no-pager", "config", "--list", "--name-only", "--includes", "-z"],
            cwd=cwd, env=git_environment(cwd), capture_output=True, timeout=CONFIG_TIMEOUT,
            check=False, stdin=subprocess.DEVNULL,
        ).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None
    except OSError:
        return ()
    overrides: list[str] = []
    for key in dict.fromkeys(filter(None, listing.split("\0"))):
        lowered = key.lower()
        name = lowered.rpartition(".")[2]
        if lowered.startswith("pager.") or (lowered.startswith("filter.") and name == "required"):
            overrides.append(f"{key}=false")
        elif lowered.startswith(("alias.", "merge.")) or name in PROGRAM_KEYS:
            overrides.append(f"{key}=")
    return tuple(overrides)


def _name(args: Sequence[str]) -> str:
    """The subcommand of `args` (after any `-c key=value` pairs), for error messages."""
    rest = list(args)
    while len(rest) > 1 and rest[0] == "-c":
        rest = rest[2:]
    return rest[0] if rest else "git"


def _location(cwd: Path) -> list[str]:
    """Pin git dir and work tree: a hostile core.worktree must not point git elsewhere."""
    dot_git = Path(cwd) / ".git"
    if dot_git.is_dir() and not dot_git.is_symlink():
        return [f"--git-dir={dot_git}", f"--work-tree={cwd}"]
    return []


def hardened_argv(cwd: Path, args: Sequence[str]) -> list[str]:
    """The argv to run `git args` in `cwd` with every program-running key neutralised."""
    return git_command([*_location(cwd), *args], dangerous_config(cwd))


def run_git(
    cwd: Path, args: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT, check: bool = True
) -> bytes:
    """Run a hardened git command in `cwd` and return its stdout."""
    argv = hardened_argv(cwd, args)
    try:
        done = subprocess.run(
            argv, cwd=cwd, env=git_environment(cwd), capture_output=True,
            timeout=timeout, check=False, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {_name(args)} timed out after {timeout:.0f}s") from error
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from error
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {_name(args)} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def stream_git(
    cwd: Path, args: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[bytes]:
    """Lines (with their newline) of a hardened git command's stdout, killed after `timeout`.

    Raises GitError at the end when git failed or was killed; closing the iterator early kills
    git. (subprocess, not gitpython: gitpython copies os.environ, so GIT_* variables of the
    caller's shell could not be removed.)
    """
    blocks = stream_git_blocks(cwd, args, timeout=timeout)
    try:
        for block in blocks:
            yield from block
    finally:
        blocks.close()


def stream_git_blocks(
    cwd: Path, args: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT
) -> Generator[list[bytes], None, None]:
    """`stream_git`'s lines in lists of about 64 KiB: one generator step per block, not per
    line, for readers of millions of lines (`itertools.chain.from_iterable` flattens them)."""
    argv = hardened_argv(cwd, args)
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                argv, cwd=cwd, env=git_environment(cwd), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=errors,
            )
        except OSError as error:
            raise GitError(f"cannot run git: {error}") from error
        stdout = process.stdout
        assert stdout is not None  # PIPE was asked for
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            process.kill()

        watchdog = threading.Timer(timeout, kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            while block := stdout.readlines(BLOCK_BYTES):
                yield block
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
            stdout.close()
            code = process.wait()
        if killed.is_set():
            raise GitError(f"git {_name(args)} timed out after {timeout:.0f}s")
        if code != 0:
            errors.seek(0)
            message = errors.read(4096).decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {_name(args)} failed: {message[-1] if message else code}")
