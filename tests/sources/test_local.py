"""LocalSource: git work tree or plain folder, contained, bounded and read-only."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources import local
from portfolio_lint.sources.local import LocalSource
from tests.conftest import commit_all, write_tree
from tests.untrusted.test_hardened_git import registered_rubric

PATHOLOGICAL = "*a" * 26 + "*b"


def _listing(root: Path) -> dict[str, bool]:
    return {entry.path: entry.tracked for entry in LocalSource(root).files()}


def test_work_tree_lists_tracked_and_untracked_not_ignored(tmp_path: Path) -> None:
    write_tree(tmp_path, {".gitignore": "*.log\n", "a.py": "", "gone.py": "", "docs/x.md": ""})
    commit_all(tmp_path)
    (tmp_path / "gone.py").unlink()  # deleted but still tracked: not a file any more
    write_tree(
        tmp_path, {"new.py": "", "debug.log": "", ".venv/lib/x.py": "", "node_modules/m/i.js": ""}
    )
    assert _listing(tmp_path) == {
        ".gitignore": True,
        "a.py": True,
        "docs/x.md": True,
        "new.py": False,
    }


def test_plain_folder_is_walked_with_its_gitignore(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {".gitignore": "*.log\n", "a.py": "", "debug.log": "", "venv/pyvenv.cfg": ""}
    )
    source = LocalSource(tmp_path)
    assert {e.path for e in source.files()} == {".gitignore", "a.py"}
    assert source.git_root() is None and source.commit() is None
    assert source.unavailable() == "not a git repository (plain folder)"


@pytest.mark.parametrize("git_repo", [True, False])
def test_links_loops_and_special_files_are_not_listed(tmp_path: Path, git_repo: bool) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.txt": "private"})
    root = tmp_path / "repo"
    write_tree(root, {"a.py": "x = 1\n"})
    (root / "out-file").symlink_to(outside / "secret.txt")
    (root / "out-dir").symlink_to(outside, target_is_directory=True)
    (root / "in-link").symlink_to("a.py")
    (root / "loop").symlink_to("loop")
    if git_repo:
        commit_all(root)
    os.mkfifo(root / "pipe")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "sock"))
        source = LocalSource(root)
        assert sorted(e.path for e in source.files()) == ["a.py", "in-link"]
    assert any("out-file" in w and "not followed" in w for w in source.warnings())
    assert source.read_bytes("out-file", 100) is None
    assert source.read_bytes("out-dir/secret.txt", 100) is None


@pytest.mark.parametrize("git_repo", [True, False])
def test_pathological_gitignore_does_not_hang_the_listing(tmp_path: Path, git_repo: bool) -> None:
    files = {"a" * (120 + i) + "c": "" for i in range(20)}
    write_tree(tmp_path, {".gitignore": "*.tmp\n", "x.tmp": "", **files})
    if git_repo:
        commit_all(tmp_path)  # before the trap: `git add` itself would hang on it
    (tmp_path / ".gitignore").write_text(f"{PATHOLOGICAL}\n*.tmp\n")
    source = LocalSource(tmp_path)
    paths = {e.path for e in source.files()}
    assert len(paths) == 21 and "x.tmp" not in paths
    assert any("wildcards not applied" in w for w in source.warnings())


def test_slow_untracked_listing_falls_back_to_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An untracked nested .gitignore is not pre-screened: git itself hangs, and is killed.
    write_tree(tmp_path, {"README.md": "# x\n"})
    commit_all(tmp_path)
    nested = {f"sub/{'a' * 60}{i}c": "" for i in range(3)}
    nested["sub/.gitignore"] = f"{PATHOLOGICAL}\n"
    write_tree(tmp_path, nested)
    monkeypatch.setattr(local, "UNTRACKED_TIMEOUT", 1.0)
    source = LocalSource(tmp_path)
    listing = {e.path: e.tracked for e in source.files()}
    assert listing["README.md"] is True
    assert sum(1 for tracked in listing.values() if not tracked) == 4
    assert any("timed out" in w for w in source.warnings())


def test_any_encoding_is_read_as_text(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(
        {
            "utf16.md": "# Titre\n\nPrix: 12 €\n".encode("utf-16"),
            "latin1.py": "# café\n".encode("latin-1"),
            "blob.bin": b"\x00\x01\x02",
            "huge.txt": "x" * (20 * 1024 * 1024),
        }
    )
    assert repo.read_text("utf16.md") == "# Titre\n\nPrix: 12 €\n"
    assert repo.read_text("latin1.py") == "# café\n"
    assert repo.read_text("blob.bin") is None
    assert len(repo.read_text("huge.txt") or "") == repo.options.read_limit


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            info = path.lstat()
            state[str(path.relative_to(root))] = (info.st_mtime_ns, info.st_size)
    return state


def test_lint_writes_nothing_inside_the_repository(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "repo", {"README.md": "# Demo\n", "src/app.py": "print(1)\n", "data.txt": "a\n"}
    )
    root = tmp_path / "repo"
    commit_all(root)
    (root / "data.txt").write_text("changed\n")  # a dirty file tempts git to refresh the index
    (root / "untracked.py").write_text("x = 2\n")
    before = _snapshot(root)
    repo = Repo(LocalSource(root), options=RunOptions(use_cache=False))
    lint(repo, registered_rubric(tmp_path))
    assert _snapshot(root) == before


def test_shallow_clone_makes_history_unavailable(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    write_tree(origin, {"a.py": ""})
    commit_all(origin)
    write_tree(origin, {"b.py": ""})
    commit_all(origin, "Add b")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(
        [
            "git",
            "-c",
            "protocol.file.allow=always",
            "clone",
            "-q",
            "--depth",
            "1",
            f"file://{origin}",
            str(tmp_path / "shallow"),
        ],
        env=env,
        check=True,
    )
    source = LocalSource(tmp_path / "shallow")
    assert source.unavailable() == "shallow clone: history is incomplete"
    assert LocalSource(origin).unavailable() is None
    assert source.commit() is not None


@pytest.mark.parametrize("git_repo", [True, False])
def test_file_names_that_are_not_utf8_are_read_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_repo: bool
) -> None:
    from click.testing import CliRunner

    from portfolio_lint.app import cli

    token = "ghp_" + "Zq7Xk2Lm9Pw4Rt6Yv8Bn3Hj5Kd1Fs0Ga2QeW"
    root = tmp_path / "repo"
    write_tree(root, {"README.md": "# Demo\n", os.fsdecode(b"bad\xffname.py"): f"T = '{token}'\n"})
    if git_repo:  # plain git: gitpython cannot read such a name from the index
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        for command in (
            ["init", "-q"],
            ["add", "-A"],
            ["-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", "x"],
        ):
            subprocess.run(["git", "-C", str(root), *command], check=True, env=env)
    listed = {entry.path: entry.disk_path for entry in LocalSource(root).files()}
    assert listed["bad\\xffname.py"] == os.fsdecode(b"bad\xffname.py")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    formats = ["json", "sarif", "markdown", "html", "junit", "gitlab", "github", "text"]
    args = [str(root), "--no-history", *(f"-f{f}:{tmp_path / f}" for f in formats)]
    for _ in range(2):  # the second run reads the analysis cache
        result = CliRunner().invoke(cli.main, args)
        # The cache and every renderer raised UnicodeEncodeError on the surrogate before.
        assert result.exit_code == 1, result.output
        text = (tmp_path / "text").read_text(encoding="utf-8")
        assert "bad\\xffname.py:1" in text and "GitHub token" in text and token not in text


def test_a_target_folder_whose_name_is_not_utf8_is_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from portfolio_lint.app import cli

    root = tmp_path / os.fsdecode(b"proj\xff")
    write_tree(root, {"README.md": "# Demo\n", "app.py": "x = 1\n"})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert LocalSource(root).name.endswith("proj\\xff")
    # The analysis cache (SQLite text) raised UnicodeEncodeError on the path: exit 2.
    args = [str(root), "--no-history", "-f", f"json:{tmp_path / 'r'}"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code in (0, 1), result.output
    assert "proj\\\\xff" in (tmp_path / "r").read_text(encoding="utf-8")


def test_an_escaped_name_cannot_stand_in_for_a_literal_one(tmp_path: Path) -> None:
    write_tree(tmp_path, {"n\\xff.py": "LITERAL = 1\n", os.fsdecode(b"n\xff.py"): "RAW = 1\n"})
    source = LocalSource(tmp_path)
    assert [entry.path for entry in source.files()] == ["n\\xff.py"]
    assert source.read_bytes("n\\xff.py", 100) == b"LITERAL = 1\n"
    assert any("two files show under this name" in w for w in source.warnings())


def _secret_repo(root: Path) -> None:
    write_tree(root, {"other.py": "print('another student')\n", ".gitignore": "ignored.txt\n"})
    commit_all(root, "theirs")


@pytest.mark.parametrize("how", ["gitdir-file", "symlink"])
def test_a_dot_git_pointing_at_another_repository_is_not_trusted(tmp_path: Path, how: str) -> None:
    _secret_repo(tmp_path / "other")
    mine = tmp_path / "mine"
    write_tree(mine, {"mine.py": "x = 1\n", "ignored.txt": "kept\n"})
    if how == "symlink":
        (mine / ".git").symlink_to(tmp_path / "other" / ".git")
    else:
        (mine / ".git").write_text(f"gitdir: {tmp_path / 'other' / '.git'}\n")
    source = LocalSource(mine)
    assert sorted(entry.path for entry in source.files()) == ["ignored.txt", "mine.py"]
    assert source.git_root() is None and source.commit() is None
    assert any(".git points at" in warning for warning in source.warnings())


def test_worktrees_and_submodules_keep_their_git_data(tmp_path: Path) -> None:
    main = tmp_path / "main"
    write_tree(main, {"a.py": "x = 1\n", ".gitignore": "scratch.txt\n"})
    commit_all(main, "one")
    subprocess.run(
        ["git", "-C", str(main), "worktree", "add", "-q", str(tmp_path / "wt")],
        check=True,
        capture_output=True,
    )
    (tmp_path / "wt" / "scratch.txt").write_text("ignored\n")
    worktree = LocalSource(tmp_path / "wt")
    assert sorted(entry.path for entry in worktree.files()) == [".gitignore", "a.py"]
    assert worktree.commit() is not None and not worktree.warnings()

    superproject = tmp_path / "super"
    write_tree(superproject, {"README.md": "# super\n"})
    commit_all(superproject, "super")
    subprocess.run(
        [
            "git",
            "-c",
            "protocol.file.allow=always",
            "-C",
            str(superproject),
            "submodule",
            "add",
            "-q",
            str(main),
            "lib",
        ],
        check=True,
        capture_output=True,
    )
    submodule = LocalSource(superproject / "lib")
    assert (superproject / "lib" / ".git").is_file()
    assert submodule.commit() is not None and not submodule.warnings()


def test_a_separate_git_dir_that_does_not_name_the_folder_back_is_not_trusted(
    tmp_path: Path,
) -> None:
    # `git clone --separate-git-dir` writes no back-pointer: nothing ties that git dir to the
    # folder, so it looks exactly like a .git file pointing at another student's repository.
    main = tmp_path / "main"
    write_tree(main, {"a.py": "x = 1\n"})
    commit_all(main, "one")
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--separate-git-dir",
            str(tmp_path / "data"),
            str(main),
            str(tmp_path / "lib"),
        ],
        check=True,
        capture_output=True,
    )
    source = LocalSource(tmp_path / "lib")
    assert source.git_root() is None and [e.path for e in source.files()] == ["a.py"]
    assert any("not a worktree or submodule" in warning for warning in source.warnings())
