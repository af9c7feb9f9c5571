"""ensure_checkout's checkout path: trusted file:// sources, tree caps, nothing left behind.

(The clone/fetch tests are in test_clone.py; the hostile cases in tests/hostile/test_trust.py.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from portfolio_lint.sources import clone
from portfolio_lint.sources.clone import clone_dir, ensure_checkout
from portfolio_lint.sources.targets import Target
from portfolio_lint.untrusted.hardened_git import GitError


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, input=stdin, check=True, capture_output=True)
    return done.stdout.decode().strip()


def _bare(tmp_path: Path, files: dict[str, str]) -> Path:
    """A bare repository built from loose objects (so one can be deleted), filters allowed."""
    bare = tmp_path / "served.git"
    _git(tmp_path, "init", "-q", "--bare", str(bare))
    _git(bare, "config", "uploadpack.allowFilter", "true")
    entries = "".join(
        f"100644 blob {_git(bare, 'hash-object', '-w', '--stdin', stdin=text.encode())}\t{name}\n"
        for name, text in files.items()
    )
    tree = _git(bare, "mktree", stdin=entries.encode())
    commit = _git(
        bare,
        "-c",
        "user.name=a",
        "-c",
        "user.email=a@example.com",
        "commit-tree",
        tree,
        "-m",
        "one",
    )
    _git(bare, "update-ref", "refs/heads/main", commit)
    _git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    return bare


def test_a_failed_checkout_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    bare = _bare(tmp_path, {"a.py": "x = 1\n"})
    blob = _git(bare, "rev-parse", "HEAD:a.py")
    (bare / "objects" / blob[:2] / blob[2:]).unlink()  # the clone succeeds (blobless)...
    cache = tmp_path / "cache"
    with pytest.raises(GitError):  # ...the blob fetch before checkout fails
        ensure_checkout(Target("t", url=bare.as_uri()), cache=cache, history=False)
    assert not clone_dir(cache, bare.as_uri()).exists()


def test_a_tree_at_the_cap_is_checked_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = _bare(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    cache = tmp_path / "cache"
    monkeypatch.setattr(clone, "MAX_TREE_ENTRIES", 2)
    checkout = ensure_checkout(Target("t", url=bare.as_uri()), cache=cache, history=False)
    assert (checkout.path / "b.py").read_text() == "y = 2\n"
    monkeypatch.setattr(clone, "MAX_TREE_ENTRIES", 1)
    with pytest.raises(GitError, match="more than 1 files"):
        ensure_checkout(Target("t", url=bare.as_uri()), cache=cache, history=False)
    assert not checkout.path.exists()


def test_a_commit_larger_than_the_byte_cap_is_not_checked_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = _bare(tmp_path, {"zeros.bin": "\0" * 4096, "a.py": "x = 1\n"})  # compresses well
    cache = tmp_path / "cache"
    monkeypatch.setattr(clone, "MAX_CHECKOUT_BYTES", 4096 + 6)
    checkout = ensure_checkout(Target("t", url=bare.as_uri()), cache=cache, history=False)
    assert (checkout.path / "zeros.bin").stat().st_size == 4096
    monkeypatch.setattr(clone, "MAX_CHECKOUT_BYTES", 4096 + 5)
    with pytest.raises(GitError, match="4102 bytes of files, more than 4101"):
        ensure_checkout(Target("t", url=bare.as_uri()), cache=cache, history=False)
    assert not checkout.path.exists()
