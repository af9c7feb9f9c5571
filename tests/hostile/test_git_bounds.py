"""Hostile regexes in the repository's config and huge history fields are bounded in time
and memory."""

from __future__ import annotations

import os
import subprocess
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio_lint.scanners.history import MAX_PATH_CHARS, MAX_SUBJECT_CHARS, scan_history
from portfolio_lint.untrusted import hardened_git
from tests.conftest import EPOCH, commit_all, write_tree

# Back-references make glibc's matcher backtrack: plain git spends well over 30 s on the
# 200 short lines below with this as the function-name regex of their diff driver.
EXTENDED = r"^(.*)(.*)(.*)(.*)\1\2\3\4\4\3\2\1b"
BASIC = r"^\(.*\)\(.*\)\(.*\)\(.*\)\1\2\3\4\4\3\2\1b"
SCAN_SECONDS = 20.0


def _config(root: Path, text: str) -> None:
    with (root / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(text)


def _regex_trap(root: Path, driver: str, key: str, pattern: str) -> None:
    """Two commits of a file whose every hunk makes git look for a function name, a driver
    selected by .gitattributes, and the driver's regex in .git/config."""
    lines = ["a" * 40] * 200
    write_tree(root, {"m.py": "\n".join(lines) + "\n", ".gitattributes": f"*.py diff={driver}\n"})
    commit_all(root, "one")
    changed = [line + ("x" if i % 20 == 10 else "") for i, line in enumerate(lines)]
    write_tree(root, {"m.py": "\n".join(changed) + "\n"})
    commit_all(root, "two", EPOCH + timedelta(days=1))
    quoted = pattern.replace("\\", "\\\\")
    _config(root, f'[diff "{driver}"]\n\t{key} = "{quoted}"\n')


@pytest.mark.parametrize(
    ("driver", "key", "pattern"),
    [
        ("evil", "xfuncname", EXTENDED),
        ("evil", "funcname", BASIC),
        ("python", "xfuncname", EXTENDED),  # a built-in driver's name, redefined
        ("e=vil", "xfuncname", EXTENDED),  # a name that `-c key=value` cannot even express
    ],
)
def test_a_repository_function_name_regex_never_runs(
    tmp_path: Path, driver: str, key: str, pattern: str
) -> None:
    _regex_trap(tmp_path, driver, key, pattern)
    env = hardened_git.git_environment(tmp_path)
    pinned = {
        env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"]
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    }
    assert pinned[f"diff.{driver}.{key}"] == ""
    started = time.monotonic()
    history = scan_history(tmp_path, timeout=SCAN_SECONDS)
    assert time.monotonic() - started < SCAN_SECONDS
    assert [c.subject for c in history.commits] == ["two", "one"]
    assert history.commits[0].added_lines == 10


def test_a_driver_marked_binary_by_the_repository_still_shows_text(tmp_path: Path) -> None:
    token = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"
    write_tree(tmp_path, {"app.py": "x = 1\n", ".gitattributes": "*.py diff=hide\n"})
    commit_all(tmp_path, "one")
    write_tree(tmp_path, {"app.py": f'x = 1\nTOKEN = "{token}"\n'})
    commit_all(tmp_path, "two", EPOCH + timedelta(days=1))
    _config(tmp_path, '[diff "hide"]\n\tbinary = true\n')
    assert [s.path for s in scan_history(tmp_path).secrets] == ["app.py"]


def _fast_import(root: Path, commits: int, subject_bytes: int, long_path_every: int) -> None:
    """`commits` commits with megabyte subjects; every `long_path_every`-th adds a file
    whose path is about 20 KiB long (deep folders)."""
    root.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=env, check=True)
    deep = "/".join(["d" * 200] * 100)
    stream = []
    for index in range(commits):
        message = b"s" * subject_bytes + b" %d\n" % index
        path = f"{deep}/f{index}.txt" if index % long_path_every == 0 else f"f{index}.txt"
        stream += [
            b"commit refs/heads/main\n",
            b"committer A <a@example.com> %d +0000\n" % (1_700_000_000 + index * 3600),
            b"data %d\n" % len(message),
            message,
            f"M 100644 inline {path}\n".encode(),
            b"data 2\nx\n",
        ]
    subprocess.run(
        ["git", "fast-import", "--quiet"],
        cwd=root,
        env=env,
        check=True,
        input=b"".join(stream),
        timeout=120,
    )


def test_megabyte_subjects_and_long_paths_cost_bounded_memory(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _fast_import(root, commits=100, subject_bytes=1 << 20, long_path_every=10)
    tracemalloc.start()
    try:
        history = scan_history(root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(history.commits) == 100
    assert {len(c.subject) for c in history.commits} == {MAX_SUBJECT_CHARS}
    paths = {added.path for added in history.added_paths}
    assert {f"f{i}.txt" for i in range(100) if i % 10} <= paths
    assert max(map(len, paths)) == MAX_PATH_CHARS  # the long ones, cut (and so merged)
    # 100 MiB of subjects went through the pipe; what Python held at once stays small.
    assert peak < 16 * 1024 * 1024


def test_an_excludes_file_that_blocks_cannot_stall_the_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    write_tree(root, {"a.py": "x = 1\n"})
    commit_all(root)
    (root / "new.txt").write_text("untracked\n")
    fifo = tmp_path / "excludes"
    os.mkfifo(fifo)
    _config(root, f"[core]\n\texcludesFile = {fifo}\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    listing = hardened_git.run_git(
        root, ["ls-files", "-z", "--others", "--exclude-standard"], timeout=SCAN_SECONDS
    )
    assert listing == b"new.txt\0"


def test_the_users_own_global_ignore_file_still_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    write_tree(root, {"a.py": "x = 1\n"})
    commit_all(root)
    write_tree(root, {"tmp.log": "l\n", "new.txt": "u\n"})
    write_tree(tmp_path / "xdg", {"git/ignore": "*.log\n"})
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    listing = hardened_git.run_git(root, ["ls-files", "-z", "--others", "--exclude-standard"])
    assert listing == b"new.txt\0"
