"""Clone mode against local bare repositories (file://): reuse, refs, deadlines, no hooks."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import git
import pytest

from portfolio_lint.sources.base import NoCommitBeforeError
from portfolio_lint.sources.clone import clone_dir, ensure_checkout
from portfolio_lint.sources.targets import parse_target
from portfolio_lint.untrusted.hardened_git import GitError
from tests.conftest import EPOCH, commit_all, write_tree


def publish(work: Path, bare: Path) -> str:
    """Push `work`'s main branch to the bare repository `bare`; returns its file:// URL."""
    if not bare.exists():
        git.Repo.init(bare, bare=True).close()
    with git.Repo(work) as repo:
        repo.git.push(str(bare), "HEAD:refs/heads/main", "--tags", "--force")
    with git.Repo(bare) as remote:
        remote.git.symbolic_ref("HEAD", "refs/heads/main")
    return bare.as_uri()


@pytest.fixture
def remote(tmp_path: Path) -> tuple[Path, Path]:
    work = tmp_path / "work"
    write_tree(work, {"README.md": "# v1\n", "train.py": "print('v1')\n"})
    commit_all(work, "v1", EPOCH)
    with git.Repo(work) as repo:
        repo.create_tag("v1")
    return work, tmp_path / "remote.git"


def test_clone_checkout_then_reuse_with_fetch(remote: tuple[Path, Path], tmp_path: Path) -> None:
    work, bare = remote
    url = publish(work, bare)
    cache = tmp_path / "cache"
    first = ensure_checkout(parse_target(url), cache=cache)
    assert (first.path / "README.md").read_text() == "# v1\n"
    assert first.path == clone_dir(cache, url)
    write_tree(work, {"README.md": "# v2\n"})
    second_commit = commit_all(work, "v2", EPOCH + timedelta(days=2))
    publish(work, bare)
    second = ensure_checkout(parse_target(url), cache=cache)
    assert second.path == first.path and second.commit == second_commit
    assert (second.path / "README.md").read_text() == "# v2\n"


def test_refs_and_deadline(remote: tuple[Path, Path], tmp_path: Path) -> None:
    work, bare = remote
    write_tree(work, {"late.py": "x = 1\n"})
    commit_all(work, "late", EPOCH + timedelta(days=10))
    url = publish(work, bare)
    cache = tmp_path / "cache"
    tagged = ensure_checkout(parse_target(f"{url}@v1"), cache=cache)
    assert not (tagged.path / "late.py").exists()
    on_time = ensure_checkout(parse_target(url), cache=cache, as_of=EPOCH + timedelta(days=1))
    assert on_time.commit == tagged.commit
    assert not (on_time.path / "late.py").exists()
    latest = ensure_checkout(parse_target(url), cache=cache)
    assert (latest.path / "late.py").exists()
    with pytest.raises(NoCommitBeforeError, match="no commit before"):
        ensure_checkout(parse_target(url), cache=cache, as_of=EPOCH - timedelta(days=1))
    with pytest.raises(GitError, match="no such branch"):
        ensure_checkout(parse_target(f"{url}@nope"), cache=cache)


def test_missing_remote_is_a_clear_error(tmp_path: Path) -> None:
    url = (tmp_path / "absent.git").as_uri()
    with pytest.raises(GitError, match="clone failed"):
        ensure_checkout(parse_target(url), cache=tmp_path / "cache")


def test_checkout_runs_no_filters_hooks_or_symlinks(
    remote: tuple[Path, Path], tmp_path: Path
) -> None:
    work, bare = remote
    marker = tmp_path / "ran"
    write_tree(work, {".gitattributes": "*.py filter=evil\n"})
    os.symlink("/etc/passwd", work / "passwd")
    commit_all(work, "hostile", EPOCH + timedelta(days=1))
    url = publish(work, bare)
    hooks = bare / "hooks"
    hooks.mkdir(exist_ok=True)
    for name in ("post-checkout", "pre-upload-pack", "post-upload-pack"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
        hook.chmod(0o755)
    checkout = ensure_checkout(parse_target(url), cache=tmp_path / "cache")
    link = checkout.path / "passwd"
    assert not link.is_symlink()
    assert link.read_text() == "/etc/passwd"
    assert not marker.exists()
    hooks_dir = checkout.path / ".git" / "hooks"
    assert not hooks_dir.exists() or not any(hooks_dir.iterdir())


def test_a_clone_killed_halfway_is_started_again(remote: tuple[Path, Path], tmp_path: Path) -> None:
    work, bare = remote
    url = publish(work, bare)
    cache = tmp_path / "cache"
    stale = clone_dir(cache, url)
    git.Repo.init(stale).close()  # what a killed `git clone` leaves: a .git without remote refs
    checkout = ensure_checkout(parse_target(url), cache=cache)
    assert checkout.path == stale
    assert (checkout.path / "README.md").read_text() == "# v1\n"


def test_without_history_only_the_graded_commit_blobs_are_fetched(
    remote: tuple[Path, Path], tmp_path: Path
) -> None:
    work, bare = remote
    write_tree(work, {"train.py": "print('v2')\n"})
    commit_all(work, "v2", EPOCH + timedelta(days=1))
    url = publish(work, bare)
    with git.Repo(bare) as served, served.config_writer() as config:
        config.set_value("uploadpack", "allowFilter", "true")
        config.set_value("uploadpack", "allowAnySHA1InWant", "true")
    with git.Repo(work) as repo:
        old_blob = repo.git.rev_parse("HEAD~1:train.py")
    cache = tmp_path / "cache"

    def has_old_blob(path: Path) -> bool:
        done = subprocess.run(
            ["git", "cat-file", "-e", old_blob],
            cwd=path,
            check=False,
            capture_output=True,
            env={**os.environ, "GIT_NO_LAZY_FETCH": "1"},
        )
        return done.returncode == 0

    checkout = ensure_checkout(parse_target(url), cache=cache, history=False)
    assert (checkout.path / "train.py").read_text() == "print('v2')\n"
    assert not has_old_blob(checkout.path)
    ensure_checkout(parse_target(url), cache=cache, history=True)
    assert has_old_blob(checkout.path)


@pytest.mark.parametrize(
    ("server", "url", "sent"),
    [
        ("https://github.com", "https://github.com/ada/churn.git", True),
        ("https://github.com", "https://GitHub.com/ada/churn.git", True),
        ("https://github.com", "https://x:y@github.com/ada/churn.git", True),
        ("https://github.com", "https://gitlab.com/ada/churn.git", False),
        ("https://github.com", "https://github.com.evil.example/ada/churn.git", False),
        ("https://github.com", "https://github.com:8443/ada/churn.git", False),
        ("https://github.com", "http://github.com/ada/churn.git", False),
        ("https://github.com", "file:///srv/ada.git", False),
        ("https://ghe.example.com/", "https://ghe.example.com/ada/x.git", True),
        ("https://ghe.example.com/git", "https://ghe.example.com/gitx/ada/x.git", False),
        ("http://ghe.example.com", "http://ghe.example.com/ada/x.git", False),
    ],
)
def test_the_token_is_configured_only_for_the_github_host(
    monkeypatch: pytest.MonkeyPatch, server: str, url: str, sent: bool
) -> None:
    from portfolio_lint.sources.clone import _auth_config

    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret")
    monkeypatch.setenv("GITHUB_SERVER_URL", server)
    pairs = dict(_auth_config(url))
    assert bool(pairs) == sent
    if sent:  # scoped by URL in git's own config, and no redirect is followed with it
        (header_key,) = [k for k in pairs if k.endswith(".extraHeader")]
        assert header_key.startswith("http.https://") and header_key.count("/") >= 3
        assert pairs[header_key.replace("extraHeader", "followRedirects")] == "false"


def test_no_token_no_header(monkeypatch: pytest.MonkeyPatch) -> None:
    from portfolio_lint.sources.clone import _auth_config

    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    assert _auth_config("https://github.com/ada/churn.git") == []


def test_git_sees_the_token_only_as_the_scoped_header(monkeypatch: pytest.MonkeyPatch) -> None:
    from portfolio_lint.sources.clone import _auth_environment

    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret_value")
    monkeypatch.setenv("GH_TOKEN", "ghp_other_value")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    elsewhere = _auth_environment("https://gitlab.com/ada/churn.git")
    assert "ghp_" not in repr(elsewhere)
    assert not any("extraHeader" in v for v in elsewhere.values())
    on_github = _auth_environment("https://github.com/ada/churn.git")
    assert "GITHUB_TOKEN" not in on_github and "GH_TOKEN" not in on_github
    keys = [on_github[f"GIT_CONFIG_KEY_{i}"] for i in range(int(on_github["GIT_CONFIG_COUNT"]))]
    assert "http.https://github.com/.extraHeader" in keys
