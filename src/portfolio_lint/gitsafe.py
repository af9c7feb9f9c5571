"""Run git on untrusted repositories so that nothing in their config can run a program."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

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
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "gpg.program=false",
    "protocol.ext.allow=never",
    "protocol.file.allow=always",
    "safe.directory=*",
    "submodule.recurse=false",
    "core.symlinks=false",
)
DEFAULT_TIMEOUT = 120.0


class GitError(Exception):
    """A git command failed or timed out."""


def git_environment() -> dict[str, str]:
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
        LC_ALL="C",
    )
    return env


def git_command(args: Sequence[str], extra_config: Sequence[str] = ()) -> list[str]:
    """The full argv of a hardened git invocation."""
    argv = ["git", "--no-pager"]
    for setting in (*HARDENING, *extra_config):
        argv += ["-c", setting]
    return [*argv, *args]


def dangerous_config(cwd: Path) -> list[str]:
    """Overrides neutralising program-running keys the repository's config defines."""
    try:
        listing = subprocess.run(
            git_command(["config", "--list", "--name-only", "--includes", "-z"]),
            cwd=cwd, env=git_environment(), capture_output=True, timeout=30, check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired):
        return []
    overrides = []
    for key in filter(None, listing.split("\0")):
        lowered = key.lower()
        section, _, name = lowered.rpartition(".")
        if lowered.startswith("filter.") and name in ("clean", "smudge", "process"):
            overrides.append(f"{key}=")
        elif lowered.startswith("filter.") and name == "required":
            overrides.append(f"{key}=false")
        elif lowered.startswith("diff.") and name in ("textconv", "command"):
            overrides.append(f"{key}=")
        elif lowered.startswith(("merge.", "pager.", "alias.")) or name == "program":
            overrides.append(f"{key}=" if not lowered.startswith("pager.") else f"{key}=false")
        del section
    return overrides


def run_git(
    cwd: Path, args: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT, check: bool = True
) -> bytes:
    """Run a hardened git command in `cwd` and return its stdout."""
    argv = git_command(args, dangerous_config(cwd))
    try:
        done = subprocess.run(
            argv, cwd=cwd, env=git_environment(), capture_output=True,
            timeout=timeout, check=False, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {args[0]} timed out after {timeout:.0f}s") from error
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from error
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout
