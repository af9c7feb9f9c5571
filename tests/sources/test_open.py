"""The one target → Source dispatcher: each kind of target, each caller's policy."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import git
import pytest

from portfolio_lint.sources.gittree import GitTreeSource
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.open import NotOnGitHubError, open_source
from portfolio_lint.sources.targets import Target, parse_target
from tests.conftest import EPOCH, commit_all, write_tree


def two_commits(root: Path) -> tuple[str, str]:
    write_tree(root, {"README.md": "# v1\n"})
    first = commit_all(root, "v1", EPOCH)
    write_tree(root, {"README.md": "# v2\n", "new.py": "x = 2\n"})
    return first, commit_all(root, "v2", EPOCH + timedelta(days=2))


def bare_copy(work: Path, bare: Path) -> Path:
    git.Repo.init(bare, bare=True).close()
    with git.Repo(work) as repo:
        repo.git.push(str(bare), "HEAD:refs/heads/main")
    with git.Repo(bare) as remote:
        remote.git.symbolic_ref("HEAD", "refs/heads/main")
    return bare


def test_a_folder_is_read_in_place(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {"README.md": "# hi\n"})
    source = open_source(Target("p", local=tmp_path / "p" / ".." / "p"))
    assert isinstance(source, LocalSource)
    assert source.root == (tmp_path / "p").resolve()


def test_a_bare_repository_is_read_at_head_and_named_by_its_folder(tmp_path: Path) -> None:
    two_commits(tmp_path / "work")
    bare = bare_copy(tmp_path / "work", tmp_path / "b.git")
    source = open_source(Target(str(bare), local=bare))
    assert isinstance(source, GitTreeSource)
    with source:
        assert source.name == str(bare.resolve())
        assert sorted(e.path for e in source.files()) == ["README.md", "new.py"]


def test_a_local_target_with_a_ref_is_that_commit_for_diff_base(tmp_path: Path) -> None:
    first, _ = two_commits(tmp_path)
    source = open_source(Target(first, local=tmp_path, ref=first))
    assert isinstance(source, GitTreeSource)
    with source:
        assert source.commit() == first
        assert source.read_bytes("README.md", 100) == b"# v1\n"


@pytest.mark.parametrize("bare", [True, False])
def test_batch_policy_clones_local_commits_and_deadlines(tmp_path: Path, bare: bool) -> None:
    first, second = two_commits(tmp_path / "work")
    folder = bare_copy(tmp_path / "work", tmp_path / "b.git") if bare else tmp_path / "work"
    deadline = None if bare else EPOCH + timedelta(days=1)
    source = open_source(
        Target(str(folder), local=folder),
        as_of=deadline,
        clone_cache=tmp_path / "clones",
        clone_local_commits=True,
    )
    assert isinstance(source, LocalSource)
    assert source.root.is_relative_to(tmp_path / "clones")
    assert source.commit() == (second if bare else first)


def test_a_remote_target_is_cloned_into_the_cache(tmp_path: Path) -> None:
    _, second = two_commits(tmp_path / "work")
    bare = bare_copy(tmp_path / "work", tmp_path / "b.git")
    source = open_source(parse_target(bare.as_uri()), clone_cache=tmp_path / "clones")
    assert isinstance(source, LocalSource) and source.commit() == second
    assert source.root.is_relative_to(tmp_path / "clones")


@pytest.mark.parametrize(
    ("raw", "other_host"),
    [
        ("file:///srv/project.git", False),  # no owner/repo at all
        ("https://gitlab.example/ada/churn", True),  # GitHub's ada/churn is someone else's
    ],
)
def test_api_mode_reads_only_github_repositories(
    raw: str, other_host: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    with pytest.raises(NotOnGitHubError) as refused:
        open_source(parse_target(raw), api=True)
    assert refused.value.other_host is other_host


def test_api_mode_leaves_local_folders_local(tmp_path: Path) -> None:
    assert isinstance(open_source(Target(".", local=tmp_path), api=True), LocalSource)
