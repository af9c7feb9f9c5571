"""trusted_git_dir: which git data a folder may be read with (the hostile cases are in
tests/hostile/test_trust.py; these are the rules one by one, quiet side included)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from portfolio_lint.sources import trust
from portfolio_lint.sources.trust import TrustDecision, is_bare_layout, trusted_git_dir
from tests.conftest import commit_all, write_tree


def _repo(root: Path) -> Path:
    write_tree(root, {"a.py": "x = 1\n"})
    commit_all(root)
    return root


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_a_plain_folder_has_no_git_data_and_nothing_refused(tmp_path: Path) -> None:
    assert trusted_git_dir(tmp_path) == TrustDecision()
    assert not trusted_git_dir(tmp_path).trusted


def test_a_work_tree_uses_its_own_dot_git(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    decision = trusted_git_dir(root)
    assert decision.trusted and decision.git_dir == decision.common_dir == root / ".git"


def test_a_bare_repository_is_its_own_git_data(tmp_path: Path) -> None:
    _repo(tmp_path / "r")
    _git(tmp_path, "clone", "-q", "--bare", "r", "b.git")
    assert is_bare_layout(tmp_path / "b.git") and not is_bare_layout(tmp_path / "r")
    assert trusted_git_dir(tmp_path / "b.git").git_dir == tmp_path / "b.git"


def test_a_linked_worktree_uses_the_main_repositorys_common_dir(tmp_path: Path) -> None:
    main = _repo(tmp_path / "main")
    _git(main, "worktree", "add", "-q", str(tmp_path / "wt"))
    decision = trusted_git_dir(tmp_path / "wt")
    assert decision.git_dir == main / ".git" / "worktrees" / "wt"
    assert decision.common_dir == main / ".git"


def test_a_worktree_whose_back_pointer_names_another_folder_is_refused(tmp_path: Path) -> None:
    main = _repo(tmp_path / "main")
    _git(main, "worktree", "add", "-q", str(tmp_path / "wt"))
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / ".git").write_bytes((tmp_path / "wt" / ".git").read_bytes())
    assert "not a worktree or submodule" in (trusted_git_dir(tmp_path / "copy").refused or "")


def test_a_relative_alternate_inside_the_git_data_is_accepted(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    extra = root / ".git" / "objects" / "extra"
    extra.mkdir()
    (root / ".git" / "objects" / "info" / "alternates").write_text("# comment\n\nextra\n")
    assert trusted_git_dir(root).trusted
    (extra / "info").mkdir()
    (extra / "info" / "alternates").write_text(f"{tmp_path}\n")  # a second hop out
    assert "alternates" in (trusted_git_dir(root).refused or "")


def test_a_commondir_naming_itself_is_accepted(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    (root / ".git" / "commondir").write_text(".\n")
    assert trusted_git_dir(root).trusted


def test_symlinks_inside_the_git_data_are_accepted(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    (root / ".git" / "refs" / "heads" / "alias").symlink_to("master")
    assert trusted_git_dir(root).trusted
    (root / ".git" / "refs" / "heads" / "dangling").symlink_to("nowhere")
    assert "symlink out of the git data" in (trusted_git_dir(root).refused or "")


def test_a_dot_git_symlink_or_file_into_the_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "r"
    _repo(root)
    (root / ".git").rename(root / "data")
    (root / ".git").symlink_to("data")
    assert "symlink inside the folder" in (trusted_git_dir(root).refused or "")
    (root / ".git").unlink()
    (root / ".git").write_text("gitdir: data\n")
    assert "not this repository's own git data" in (trusted_git_dir(root).refused or "")
    (root / ".git").write_text("nonsense\n")
    assert "without a gitdir line" in (trusted_git_dir(root).refused or "")
    (root / ".git").unlink()
    os.mkfifo(root / ".git")
    assert "special file" in (trusted_git_dir(root).refused or "")


def test_git_data_with_too_many_entries_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path / "r")
    count = sum(1 for _ in (root / ".git").rglob("*"))
    monkeypatch.setattr(trust, "MAX_GIT_ENTRIES", count)  # at least what is walked
    assert trusted_git_dir(root).trusted
    for i in range(count + 1):
        (root / ".git" / "refs" / "tags" / f"t{i}").write_text("0" * 40 + "\n")
    assert "more than" in (trusted_git_dir(root).refused or "")


def test_hooks_and_other_repositories_git_data_are_not_walked(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    (root / ".git" / "hooks").mkdir(exist_ok=True)
    os.mkfifo(root / ".git" / "hooks" / "pre-commit")  # git never runs hooks for us
    (root / ".git" / "modules" / "lib").mkdir(parents=True)
    os.mkfifo(root / ".git" / "modules" / "lib" / "index")  # a submodule's, not ours
    assert trusted_git_dir(root).trusted
