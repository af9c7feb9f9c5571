"""GitTreeSource reads a commit's blobs raw: no checkout, no filters, symlinks not followed."""

from __future__ import annotations

import os
from pathlib import Path

import git
import pytest

from portfolio_lint.gitsafe import GitError
from portfolio_lint.sources.gittree import GitTreeSource
from tests.conftest import commit_all, write_tree


def test_reads_files_of_an_older_commit(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "first\n", "src/b.py": "x = 1\n"})
    first = commit_all(tmp_path, "one")
    write_tree(tmp_path, {"a.txt": "second\n", "c.txt": "new\n"})
    commit_all(tmp_path, "two")
    with GitTreeSource(tmp_path, first) as source:
        assert sorted(e.path for e in source.files()) == ["a.txt", "src/b.py"]
        assert source.read_bytes("a.txt", 100) == b"first\n"
        assert source.read_bytes("a.txt", 3) == b"fir"
        assert source.read_bytes("src/b.py", 100) == b"x = 1\n"  # next read stays in sync
        assert source.read_bytes("c.txt", 100) is None
        assert source.commit() == first


def test_symlinks_in_the_tree_are_not_listed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "data\n"})
    os.symlink("/etc/passwd", tmp_path / "leak")
    commit = commit_all(tmp_path, "one")
    with GitTreeSource(tmp_path, commit) as source:
        assert [e.path for e in source.files()] == ["a.txt"]
        assert source.read_bytes("leak", 100) is None


def test_smudge_filter_in_config_never_runs(tmp_path: Path) -> None:
    marker = tmp_path.parent / "smudge-ran"
    write_tree(tmp_path, {"a.txt": "data\n", ".gitattributes": "*.txt filter=evil\n"})
    commit = commit_all(tmp_path, "one")
    with git.Repo(tmp_path) as repo, repo.config_writer() as config:
        config.set_value('filter "evil"', "smudge", f"touch {marker}; cat")
        config.set_value('filter "evil"', "clean", f"touch {marker}; cat")
    with GitTreeSource(tmp_path, commit) as source:
        assert source.read_bytes("a.txt", 100) == b"data\n"
    assert not marker.exists()


def test_unknown_revision_is_a_clear_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x\n"})
    commit_all(tmp_path, "one")
    with pytest.raises(GitError, match="unknown revision"):
        GitTreeSource(tmp_path, "no-such-branch")
