"""Target parsing: local folders win; gh:, owner/repo, https, scp-style ssh and file:// URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.targets import TargetError, parse_target


@pytest.mark.parametrize(
    ("raw", "url", "slug", "ref"),
    [
        ("gh:ada/churn", "https://github.com/ada/churn.git", "ada/churn", None),
        ("ada/churn@v1.2", "https://github.com/ada/churn.git", "ada/churn", "v1.2"),
        ("https://github.com/ada/churn", "https://github.com/ada/churn.git", "ada/churn", None),
        ("https://github.com/ada/churn.git", "https://github.com/ada/churn.git", "ada/churn",
         None),
        ("https://github.com/ada/churn/tree/dev", "https://github.com/ada/churn.git",
         "ada/churn", "dev"),
        ("git@github.com:ada/churn.git", "git@github.com:ada/churn.git", "ada/churn", None),
        ("ssh://git@host/ada/churn.git@v2", "ssh://git@host/ada/churn.git", None, "v2"),
        ("file:///srv/x.git", "file:///srv/x.git", None, None),
        ("file:///srv/x.git@main", "file:///srv/x.git", None, "main"),
    ],
)
def test_remote_targets(raw: str, url: str, slug: str | None, ref: str | None) -> None:
    target = parse_target(raw, cwd=Path("/nonexistent"))
    assert target.is_remote
    assert (target.url, target.slug, target.ref) == (url, slug, ref)


def test_existing_folder_wins_over_shorthand(tmp_path: Path) -> None:
    (tmp_path / "ada" / "churn").mkdir(parents=True)
    target = parse_target("ada/churn", cwd=tmp_path)
    assert target.local == tmp_path / "ada" / "churn"
    assert parse_target("gh:ada/churn", cwd=tmp_path).is_remote


def test_enterprise_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://ghe.example.com/")
    assert parse_target("gh:ada/churn").url == "https://ghe.example.com/ada/churn.git"


@pytest.mark.parametrize("raw", ["", "   ", "not a repo at all", "a/b/c/d"])
def test_nonsense_is_a_clear_error(raw: str, tmp_path: Path) -> None:
    with pytest.raises(TargetError):
        parse_target(raw, cwd=tmp_path)


def test_a_file_is_not_a_target(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(TargetError, match="not a folder"):
        parse_target(str(tmp_path / "notes.txt"), cwd=tmp_path)
