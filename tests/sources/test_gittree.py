"""GitTreeSource reads a commit's blobs raw: no checkout, no filters, symlinks not followed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import git
import pytest

from portfolio_lint.sources import gittree
from portfolio_lint.sources.gittree import GitTreeSource, git_listing
from portfolio_lint.untrusted.hardened_git import GitError
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


HOSTILE_KEYS = (
    ("core", "fsmonitor"),
    ("core", "pager"),
    ("core", "editor"),
    ("core", "sshCommand"),
    ("core", "alternateRefsCommand"),
    ("core", "askPass"),
    ("diff", "external"),
    ("pager", "cat-file"),
    ("pager", "ls-tree"),
    ("alias", "cat-file"),
    ("credential", "helper"),
    ('filter "evil"', "smudge"),
    ('filter "evil"', "clean"),
    ('filter "evil"', "process"),
    ('diff "evil"', "textconv"),
    ("uploadpack", "packObjectsHook"),
    ("gpg", "program"),
)


def test_hostile_git_config_never_runs_a_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every git gittree starts (rev-parse, ls-tree, cat-file) ignores program-running keys."""
    work, marker = tmp_path / "work", tmp_path / "ran"
    write_tree(work, {"a.txt": "data\n", ".gitattributes": "* filter=evil diff=evil\n"})
    commit = commit_all(work, "one")
    hooks = work / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    with git.Repo(work) as repo, repo.config_writer() as config:
        for section, key in HOSTILE_KEYS:
            config.set_value(section, key, f"touch {marker}; false")
        config.set_value("core", "hooksPath", str(hooks))
        config.set_value("core", "worktree", str(tmp_path))  # must not move git elsewhere
        config.set_value("core", "untrackedCache", "true")
    for name in ("post-checkout", "post-index-change", "reference-transaction"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / name).chmod(0o755)
    started: list[list[str]] = []
    popen = subprocess.Popen

    def spy(argv: list[str], *args: object, **kwargs: object) -> object:
        started.append(list(argv))
        return popen(argv, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", spy)
    with GitTreeSource(work, "HEAD") as source:
        assert source.commit() == commit
        assert [e.path for e in source.files()] == [".gitattributes", "a.txt"]
        assert source.read_bytes("a.txt", 100) == b"data\n"
    assert not marker.exists()
    cat_file = next(argv for argv in started if "cat-file" in argv)
    assert f"--git-dir={work / '.git'}" in cat_file  # pinned: core.worktree is not obeyed
    settings = {arg.lower() for arg in cat_file}
    assert {
        "core.fsmonitor=false",
        "core.alternaterefscommand=",
        "uploadpack.packobjectshook=",
        "filter.evil.process=",
    } <= settings


def test_unknown_revision_is_a_clear_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x\n"})
    commit_all(tmp_path, "one")
    with pytest.raises(GitError, match="unknown revision"):
        GitTreeSource(tmp_path, "no-such-branch")


def test_names_that_are_not_utf8_are_distinct_and_readable(tmp_path: Path) -> None:
    for raw, content in ((b"n\xff.py", b"ff\n"), (b"n\xfe.py", b"fe\n")):
        (tmp_path / os.fsdecode(raw)).write_bytes(content)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", "-C", str(tmp_path), *command], check=True, env=env)
    with GitTreeSource(tmp_path, "HEAD") as source:
        # Both were "n\ufffd.py" before: one name, one of the two files unreadable.
        assert sorted(e.path for e in source.files()) == ["n\\xfe.py", "n\\xff.py"]
        assert source.read_bytes("n\\xff.py", 10) == b"ff\n"


def test_git_listing_reads_nul_records_up_to_the_limit(tmp_path: Path) -> None:
    names = {f"n{i}\nline.txt": "x\n" for i in range(5)}  # newlines inside names
    write_tree(tmp_path, names)
    commit_all(tmp_path, "one")
    args = ["ls-files", "-z"]
    records, truncated = git_listing(tmp_path, args, 5)
    assert sorted(r.decode() for r in records) == sorted(names) and not truncated
    records, truncated = git_listing(tmp_path, args, 4)
    assert len(records) == 4 and truncated
    with pytest.raises(GitError, match="ls-tree failed"):
        git_listing(tmp_path, ["ls-tree", "-z", "0" * 40], 10)


def test_a_listing_larger_than_the_byte_cap_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {f"{'long' * 50}{i}.txt": "" for i in range(2_000)})
    commit_all(tmp_path, "one")
    monkeypatch.setattr(gittree, "MAX_LISTING_BYTES", 100_000)
    records, truncated = git_listing(tmp_path, ["ls-files", "-z"], 10_000)
    assert truncated and len(records) < 2_000


def test_an_untrusted_repository_is_refused_before_git_runs(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "x\n"})
    commit = commit_all(tmp_path, "one")
    os.mkfifo(tmp_path / ".git" / "packed-refs")
    with pytest.raises(GitError, match="special file"):
        GitTreeSource(tmp_path, commit)
