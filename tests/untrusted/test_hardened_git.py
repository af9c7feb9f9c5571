"""Hardened git: a repository whose config tries to run programs never gets to."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import default_rubric_path, load_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.scanners.history import scan_history
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.untrusted import hardened_git
from portfolio_lint.untrusted.hardened_git import GitError, dangerous_config, run_git, stream_git
from tests.conftest import commit_all, write_tree

TOKEN = "ghp_" + "Q7x2Lm9Pz4Rt8Vw1Ky6Nb3Hc5Jd0Fs2Ga7Ue"
HOOKS = (
    "pre-commit",
    "post-commit",
    "post-checkout",
    "post-index-change",
    "reference-transaction",
    "pre-auto-gc",
    "post-rewrite",
    "fsmonitor-watchman",
    "pre-push",
    "post-merge",
)


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Unhardened git, as a user would run it (used to build the trap and to prove it works)."""
    return subprocess.run(
        ["git", *args],
        cwd=root,
        env=_clean_env(),
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    ).stdout


def make_hostile_repo(base: Path) -> tuple[Path, Path]:
    """A committed repo whose .git/config points every program-running key at a marker script.

    Returns (work tree, marker folder); any file in the marker folder means git ran a program.
    """
    root, markers, outside = base / "hostile", base / "markers", base / "outside"
    for folder in (root, markers, outside):
        folder.mkdir()
    (outside / "outside-secret.txt").write_text("must never be listed\n")
    script = base / "evil.sh"
    script.write_text(f'#!/bin/sh\ntouch "{markers}/$1"\ncat\n')
    script.chmod(0o755)
    write_tree(
        root,
        {
            "README.md": "# Hostile\n",
            "app.py": f'TOKEN = "{TOKEN}"\n',
            "data.txt": "one\ntwo\n",
            ".gitattributes": "* filter=evil diff=evil merge=evil\n",
        },
    )
    commit_all(root, "Add app")
    (root / "app.py").write_text("import os\nTOKEN = os.environ['TOKEN']\n")
    commit_all(root, "Read the token from the environment")
    _sign_head(root)
    hooks = base / "hooks"
    hooks.mkdir()
    for folder in (hooks, root / ".git" / "hooks"):
        for name in HOOKS:
            hook = folder / name
            hook.write_text(f'#!/bin/sh\ntouch "{markers}/hook-{name}"\n')
            hook.chmod(0o755)
    run = f"{script} "
    (base / "included.cfg").write_text(f"[core]\n\tfsmonitor = {run}included-fsmonitor\n")
    settings = {
        "core.fsmonitor": run + "fsmonitor",
        "core.hooksPath": str(hooks),
        "core.pager": run + "pager",
        "core.sshCommand": run + "ssh",
        "core.askPass": run + "askpass",
        "core.editor": run + "editor",
        "core.worktree": str(outside),
        "filter.evil.clean": run + "clean",
        "filter.evil.smudge": run + "smudge",
        "filter.evil.process": run + "process",
        "filter.evil.required": "true",
        "diff.evil.textconv": run + "textconv",
        "diff.evil.command": run + "diff-command",
        "diff.external": run + "external",
        "merge.evil.driver": run + "merge",
        "log.showSignature": "true",
        "gpg.program": run + "gpg",
        "gpg.ssh.program": run + "gpgssh",
        "pager.log": run + "pager-log",
        "pager.ls-files": run + "pager-ls-files",
        "alias.ls-files": "!" + run + "alias",
        "alias.history": "!" + run + "alias-history",
        "credential.helper": run + "credential",
        "include.path": str(base / "included.cfg"),
        "uploadpack.packObjectsHook": run + "pack-hook",
    }
    for key, value in settings.items():
        _git(root, "config", key, value)
    # A dirty and an untracked file make status/diff/ls-files consult fsmonitor and filters.
    (root / "data.txt").write_text("one\ntwo\nthree\n")
    (root / "notes.txt").write_text("untracked\n")
    return root, markers


def _sign_head(root: Path) -> None:
    """Rewrite HEAD with a (fake) gpgsig header so showing signatures would call gpg."""
    body = _git(root, "cat-file", "commit", "HEAD").decode()
    header, _, message = body.partition("\n\n")
    signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----"
    signed = f"{header}\n{signature}\n\n{message}".encode()
    sha = _git(root, "hash-object", "-t", "commit", "-w", "--stdin", stdin=signed).decode().strip()
    _git(root, "update-ref", "HEAD", sha)


def registered_rubric(folder: Path) -> Rubric:
    """The default rubric minus rules whose check is still being written by someone else."""
    known = all_checks()
    head, *blocks = default_rubric_path().read_text(encoding="utf-8").split("[[rule]]")
    kept = [b for b in blocks if _check_name(b) in known]
    path = folder / "rubric.toml"
    path.write_text(head + "".join("[[rule]]" + block for block in kept), encoding="utf-8")
    return load_rubric(path)


def _check_name(block: str) -> str:
    for line in block.splitlines():
        if line.startswith("check = "):
            return line.split('"')[1]
    return ""


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    return make_hostile_repo(tmp_path)


def test_the_trap_is_armed_for_plain_git(hostile: tuple[Path, Path]) -> None:
    # Without hardening, ordinary read-only commands run the repository's programs.
    root, markers = hostile
    _git(root, "status")
    fired = {p.name for p in markers.iterdir()}
    assert {"included-fsmonitor", "hook-post-index-change"} <= fired


@pytest.mark.parametrize(
    "args",
    [
        ["ls-files", "-z", "--cached"],
        ["ls-files", "-z", "--others", "--exclude-standard"],
        ["status", "--porcelain"],
        ["diff"],
        ["diff", "HEAD~1"],
        ["diff-tree", "-p", "--root", "-r", "HEAD"],
        ["log", "-p", "HEAD"],
        ["log", "--show-signature", "HEAD"],
        ["grep", "-e", "one", "--", "."],
        ["show", "HEAD"],
        ["blame", "data.txt"],
        ["cat-file", "--filters", "HEAD:data.txt"],
        ["history"],
    ],
)
def test_hardened_git_runs_no_program(hostile: tuple[Path, Path], args: list[str]) -> None:
    root, markers = hostile
    run_git(root, args, check=False)
    assert sorted(p.name for p in markers.iterdir()) == []


def test_streamed_log_runs_no_program(hostile: tuple[Path, Path]) -> None:
    root, markers = hostile
    # Diffs need --no-textconv/--no-ext-diff: without them git fails on the blanked drivers
    # (a safe failure, see the run_git cases), with them it never looks at the drivers.
    args = ["log", "-p", "--no-textconv", "--no-ext-diff", "--show-signature", "HEAD"]
    lines = list(stream_git(root, args))
    assert any(line.startswith(b"commit ") for line in lines)
    assert sorted(p.name for p in markers.iterdir()) == []


def test_listing_lint_and_history_run_no_program(hostile: tuple[Path, Path]) -> None:
    root, markers = hostile
    source = LocalSource(root)
    paths = {entry.path for entry in source.files()}
    # core.worktree points elsewhere: the repository's own folder is still what is listed.
    assert {"README.md", "app.py", "data.txt", "notes.txt"} <= paths
    assert "outside-secret.txt" not in paths
    rubric = registered_rubric(root.parent)
    report = lint(Repo(source, options=RunOptions(use_cache=False)), rubric)
    leaked = next(r for r in report.results if r.rule.code == "VCS007")
    assert [f.location.path for f in leaked.findings if f.location] == ["app.py"]
    history = scan_history(root)
    assert len(history.commits) == 2
    assert sorted(p.name for p in markers.iterdir()) == []


def test_config_overrides_are_computed_once_per_repository(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = hostile
    hardened_git._dangerous_config.cache_clear()
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(argv)
        return real_run(argv, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(hardened_git.subprocess, "run", counting_run)
    for _ in range(3):
        run_git(root, ["rev-parse", "HEAD"])
    listings = [argv for argv in calls if "config" in argv and "--list" in argv]
    assert len(listings) == 1
    assert len(calls) == 4


def test_overrides_never_blank_the_pinned_settings(hostile: tuple[Path, Path]) -> None:
    root, _ = hostile
    overrides = dangerous_config(root)
    assert ("filter.evil.required", "false") in overrides
    assert ("pager.log", "false") in overrides
    argv = hardened_git.hardened_argv(root, ["status"])
    # The last -c wins: the pinned values come last.
    last = {}
    for flag, value in itertools.pairwise(argv):
        if flag == "-c":
            key, _, setting = value.partition("=")
            last[key.lower()] = setting
    assert last["core.fsmonitor"] == "false"
    assert last["core.hookspath"] == "/dev/null"
    assert last["gpg.program"] == "false"
    # The environment carries the overrides first, then the pins (the last entry wins too).
    env = hardened_git.git_environment(root)
    pairs = [
        (env[f"GIT_CONFIG_KEY_{i}"].lower(), env[f"GIT_CONFIG_VALUE_{i}"])
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    ]
    assert ("filter.evil.required", "false") in pairs
    assert dict(pairs)["core.fsmonitor"] == "false"
    assert dict(pairs)["core.hookspath"] == "/dev/null"


def test_config_include_that_blocks_is_a_git_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    write_tree(root, {"README.md": "# x\n"})
    commit_all(root)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _git(root, "config", "include.path", str(fifo))
    monkeypatch.setattr(hardened_git, "CONFIG_TIMEOUT", 0.5)
    with pytest.raises(GitError):
        run_git(root, ["ls-files"])
    source = LocalSource(root)
    assert [entry.path for entry in source.files()] == ["README.md"]
    assert any("walked the folder" in warning for warning in source.warnings())


def test_broken_dot_git_does_not_reach_the_enclosing_repository(tmp_path: Path) -> None:
    write_tree(tmp_path / "outer", {"outer.txt": "x\n"})
    commit_all(tmp_path / "outer")
    inner = tmp_path / "outer" / "inner"
    (inner / ".git").mkdir(parents=True)
    (inner / "inner.txt").write_text("y\n")
    with pytest.raises(GitError):
        run_git(inner, ["ls-files"])
    assert [entry.path for entry in LocalSource(inner).files()] == ["inner.txt"]


def test_stream_git_kills_a_command_past_its_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeper = [sys.executable, "-c", "import time; print('started', flush=True); time.sleep(60)"]
    monkeypatch.setattr(hardened_git, "hardened_argv", lambda cwd, args: sleeper)
    lines = []
    with pytest.raises(GitError, match="timed out"):
        for line in stream_git(tmp_path, ["log"], timeout=0.5):
            lines.append(line)
    assert lines == [b"started\n"]


def test_stream_git_reports_failure(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "a\n"})
    commit_all(tmp_path)
    with pytest.raises(GitError, match="failed"):
        list(stream_git(tmp_path, ["log", "no-such-revision"]))


def test_closing_a_stream_early_stops_git(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"f{i}.txt": "x\n" * 50 for i in range(50)})
    commit_all(tmp_path)
    stream = stream_git(tmp_path, ["log", "-p", "HEAD"])
    assert next(stream).startswith(b"commit ")
    stream.close()  # must not raise nor leave git running (pytest would warn on a leak)


def test_a_repository_cannot_raise_gits_memory_bounds(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    commit_all(tmp_path, "one")
    with (tmp_path / ".git" / "config").open("a") as config:
        config.write(
            "[core]\n\tpackedGitLimit = 8g\n\tpackedGitWindowSize = 1g\n"
            "\tdeltaBaseCacheLimit = 4g\n"
        )
    for key, bound in (
        ("core.packedGitLimit", "64m"),
        ("core.packedGitWindowSize", "16m"),
        ("core.deltaBaseCacheLimit", "32m"),
    ):
        assert run_git(tmp_path, ["config", "--get", key]).decode().strip() == bound


# --- environment config, subcommand options, git lookup, capped lines ---------------------


def test_with_config_appends_after_the_existing_count() -> None:
    env = {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "http.extraHeader",
        "GIT_CONFIG_VALUE_0": "Authorization: x",
        "HOME": "/h",
    }
    merged = hardened_git.with_config(env, [("a.b", "1"), ("c.d=e.f", "")])
    assert merged["GIT_CONFIG_COUNT"] == "3"
    assert merged["GIT_CONFIG_KEY_0"] == "http.extraHeader"
    assert (merged["GIT_CONFIG_KEY_1"], merged["GIT_CONFIG_VALUE_1"]) == ("a.b", "1")
    assert (merged["GIT_CONFIG_KEY_2"], merged["GIT_CONFIG_VALUE_2"]) == ("c.d=e.f", "")
    assert env["GIT_CONFIG_COUNT"] == "1"  # the caller's mapping is left alone
    assert hardened_git.with_config({}, [("x.y", "z")])["GIT_CONFIG_COUNT"] == "1"
    with pytest.raises(ValueError):
        hardened_git.with_config({"GIT_CONFIG_COUNT": "-1"}, [])


def test_git_environment_never_carries_the_graders_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN"):
        monkeypatch.setenv(name, "ghp_not_for_git")
    monkeypatch.setenv("LANG", "C.UTF-8")
    env = hardened_git.git_environment()
    assert "ghp_not_for_git" not in env.values()
    assert env["LANG"] == "C.UTF-8"  # the rest of the caller's environment is kept


def test_git_environment_carries_every_pin_and_no_caller_git_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='evil'")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "5")
    env = hardened_git.git_environment()
    assert "GIT_CONFIG_PARAMETERS" not in env
    pairs = [
        f"{env[f'GIT_CONFIG_KEY_{i}']}={env[f'GIT_CONFIG_VALUE_{i}']}"
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    ]
    assert pairs == list(hardened_git.pinned_settings())
    assert env["GIT_ATTR_NOSYSTEM"] == "1"


def test_pins_are_values_git_accepts(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    commit_all(tmp_path)
    for key, _, value in (setting.partition("=") for setting in hardened_git.pinned_settings()):
        assert run_git(tmp_path, ["config", "--get", key]).decode().rstrip("\n") == value
    run_git(tmp_path, ["log", "-p", "--raw", "HEAD"])  # no value makes log fail


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["log", "-p", "HEAD", "--", "a.py"],
            ["log", "-p", "HEAD", *hardened_git.DIFF_OPTIONS, "--", "a.py"],
        ),
        (
            ["-c", "x.y=1", "show", "HEAD"],
            ["-c", "x.y=1", "show", "HEAD", *hardened_git.DIFF_OPTIONS],
        ),
        (["blame", "a.py"], ["blame", "--no-textconv", "a.py"]),
        (["grep", "-e", "x", "--", "."], ["grep", "--no-textconv", "-e", "x", "--", "."]),
        (["ls-files", "-z"], ["ls-files", "-z"]),
        (
            ["status", "--porcelain", "--", "a"],
            ["status", "--porcelain", "--ignore-submodules=dirty", "--", "a"],
        ),
    ],
)
def test_subcommand_options(args: list[str], expected: list[str]) -> None:
    argv = hardened_git.git_command(args)
    assert argv[0] == hardened_git.git_executable()
    assert argv[-len(expected) :] == expected


def test_safety_options_win_over_a_callers_submodule_option(tmp_path: Path) -> None:
    argv = hardened_git.git_command(["log", "--submodule=diff", "-p", "HEAD"])
    assert argv.index("--submodule=short") > argv.index("--submodule=diff")


@pytest.mark.parametrize(
    ("key", "override"),
    [
        ("diff.evil.xfuncname", ("diff.evil.xfuncname", "")),
        ("diff.a.b.funcname", ("diff.a.b.funcname", "")),
        ("diff.x=y.wordregex", ("diff.x=y.wordregex", "")),
        ("diff.evil.binary", ("diff.evil.binary", "auto")),
        ("diff.evil.cachetextconv", ("diff.evil.cachetextconv", "false")),
        ("diff.evil.textconv", ("diff.evil.textconv", "")),
        ("filter.f.required", ("filter.f.required", "false")),
        ("pager.log", ("pager.log", "false")),
        ("alias.st", ("alias.st", "")),
        ("user.name", None),
        ("diff.evil.algorithm", None),
    ],
)
def test_override(key: str, override: tuple[str, str] | None) -> None:
    assert hardened_git._override(key) == override


def test_equals_in_a_key_stays_out_of_the_command_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x\n"})
    commit_all(tmp_path)
    _git(tmp_path, "config", "filter.evil.clean=touch x #.smudge", "cat")
    _git(tmp_path, "config", "filter.plain.clean", "touch x")
    argv = hardened_git.hardened_argv(tmp_path, ["status"])
    assert "filter.plain.clean=" in argv
    assert not any("touch" in arg for arg in argv)
    assert ("filter.evil.clean=touch x #.smudge", "") in hardened_git.dangerous_config(tmp_path)


def test_git_executable_skips_relative_and_empty_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, relative = tmp_path / "abs", tmp_path / "rel"
    for folder in (good, relative):
        folder.mkdir()
        (folder / "git").write_text("#!/bin/sh\n")
        (folder / "git").chmod(0o755)
    (tmp_path / "git").write_text("#!/bin/sh\n")
    (tmp_path / "git").chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", "rel", str(good)]))
    hardened_git.git_executable.cache_clear()
    try:
        assert hardened_git.git_executable() == str(good / "git")
        assert hardened_git.git_environment()["PATH"] == str(good)
    finally:
        hardened_git.git_executable.cache_clear()


class _Chunks:
    """A stream that hands out `data` in reads of at most `size` bytes."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size = data, size

    def read(self, count: int) -> bytes:
        piece, self.data = self.data[: min(count, self.size)], self.data[min(count, self.size) :]
        return piece


@pytest.mark.parametrize("size", [1, 3, 7, 64 * 1024])
def test_capped_line_blocks(size: int) -> None:
    data = b"short\n" + b"L" * 50 + b"\nmid\n" + b"x" * 10 + b"\n" + b"T" * 40
    blocks = hardened_git.capped_line_blocks(_Chunks(data, size), 10)  # type: ignore[arg-type]
    lines = [line for block in blocks for line in block]
    assert lines == [b"short\n", b"L" * 10 + b"\n", b"mid\n", b"x" * 10 + b"\n", b"T" * 10]


def test_capped_line_blocks_match_readlines_on_ordinary_output() -> None:
    data = b"".join(b"line %d %s\n" % (i, b"y" * (i % 300)) for i in range(5000))
    blocks = hardened_git.capped_line_blocks(_Chunks(data, 4096), 8192)  # type: ignore[arg-type]
    assert [line for block in blocks for line in block] == data.splitlines(keepends=True)


def test_a_streamed_gits_stderr_is_drained_and_only_its_end_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noisy = [
        sys.executable,
        "-c",
        (
            "import sys\n"
            "for _ in range(50): sys.stderr.write('warning: ' + 'd/' * 500_000 + '\\n')\n"
            "sys.stdout.write('out\\n'); sys.stderr.write('fatal: the real reason\\n'); sys.exit(1)"
        ),
    ]
    monkeypatch.setattr(hardened_git, "hardened_argv", lambda cwd, args: noisy)
    lines = []
    with pytest.raises(GitError, match=r"failed: fatal: the real reason$"):
        for line in stream_git(tmp_path, ["log"]):
            lines.append(line)
    assert lines == [b"out\n"]


def test_read_blobs_gives_blobs_within_the_size_and_skips_the_rest(tmp_path: Path) -> None:
    write_tree(tmp_path, {"small.txt": "hello\n", "big.bin": b"\0" * 5000})
    commit_all(tmp_path)
    names = {
        path: run_git(tmp_path, ["rev-parse", f"HEAD:{path}"]).decode().strip()
        for path in ("small.txt", "big.bin", "")
    }
    missing = "1" * 40
    asked = [names["big.bin"], missing, names[""], "HEAD", names["small.txt"]]
    got = list(hardened_git.read_blobs(tmp_path, asked, max_size=4096))
    assert got == [(names["small.txt"], b"hello\n")]  # big, missing, a tree, not a name: none
    assert list(hardened_git.read_blobs(tmp_path, [], max_size=4096)) == []


def test_read_blobs_runs_no_program(hostile: tuple[Path, Path]) -> None:
    root, markers = hostile
    name = run_git(root, ["rev-parse", "HEAD:data.txt"]).decode().strip()
    assert [found for found, _ in hardened_git.read_blobs(root, [name], max_size=1 << 20)] == [name]
    assert sorted(p.name for p in markers.iterdir()) == []


def test_closing_read_blobs_early_stops_git(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"f{i}.txt": f"{i}\n" * 20_000 for i in range(20)})
    commit_all(tmp_path)
    names = run_git(tmp_path, ["ls-tree", "--format=%(objectname)", "HEAD"]).decode().split()
    blobs = hardened_git.read_blobs(tmp_path, names, max_size=1 << 20)
    assert next(blobs)[0] == names[0]
    blobs.close()  # returns at once: git is killed, not waited for
