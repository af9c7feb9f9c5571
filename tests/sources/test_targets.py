"""Target parsing: local folders win; gh:, https, scp-style ssh and file:// URLs are remote;
bare owner/repo only in rosters; a missing path is never sent to the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.sources.targets import TargetError, parse_target, redact_credentials


@pytest.mark.parametrize(
    ("raw", "url", "slug", "ref"),
    [
        ("gh:ada/churn", "https://github.com/ada/churn.git", "ada/churn", None),
        ("gh:ada/churn@v1.2", "https://github.com/ada/churn.git", "ada/churn", "v1.2"),
        ("https://github.com/ada/churn", "https://github.com/ada/churn.git", "ada/churn", None),
        ("https://github.com/ada/churn.git", "https://github.com/ada/churn.git", "ada/churn", None),
        (
            "https://github.com/ada/churn/tree/dev",
            "https://github.com/ada/churn.git",
            "ada/churn",
            "dev",
        ),
        ("git@github.com:ada/churn.git", "git@github.com:ada/churn.git", "ada/churn", None),
        ("ssh://git@host/ada/churn.git@v2", "ssh://git@host/ada/churn.git", None, "v2"),
        ("file:///srv/x.git", "file:///srv/x.git", None, None),
        ("file:///srv/x.git@main", "file:///srv/x.git", None, "main"),
    ],
)
def test_remote_targets(raw: str, url: str, slug: str | None, ref: str | None) -> None:
    target = parse_target(raw, cwd=Path("/nonexistent"))
    assert target.local is None
    assert (target.url, target.slug, target.ref) == (url, slug, ref)


def test_existing_folder_wins_over_shorthand(tmp_path: Path) -> None:
    (tmp_path / "ada" / "churn").mkdir(parents=True)
    target = parse_target("ada/churn", cwd=tmp_path)
    assert target.local == tmp_path / "ada" / "churn"
    assert parse_target("gh:ada/churn", cwd=tmp_path).local is None


def test_enterprise_server_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://ghe.example.com/")
    assert parse_target("gh:ada/churn").url == "https://ghe.example.com/ada/churn.git"


@pytest.mark.parametrize("raw", ["", "   ", "not a repo at all", "a/b/c/d", "gh:a/b/c"])
def test_nonsense_is_a_clear_error(raw: str, tmp_path: Path) -> None:
    with pytest.raises(TargetError):
        parse_target(raw, cwd=tmp_path)


def test_a_file_is_not_a_target(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(TargetError, match="not a folder"):
        parse_target(str(tmp_path / "notes.txt"), cwd=tmp_path)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("https://ada:s3cr3t@git.example.com/ada/capstone.git", "ada/capstone"),
        ("http://s3cr3t@192.0.2.1/capstone.git", "http://***@192.0.2.1/capstone.git"),
        ("https://tok3n@gitlab.com/ada/capstone.git@v1", "ada/capstone@v1"),
        (
            "ssh://git@git.example.com/ada/capstone.git",
            "ssh://***@git.example.com/ada/capstone.git",
        ),
        ("https://github.com/ada/capstone", "ada/capstone"),
    ],
)
def test_display_never_shows_url_credentials(raw: str, shown: str) -> None:
    assert parse_target(raw).display == shown


def test_redact_credentials_leaves_plain_text_alone() -> None:
    assert redact_credentials("see ada@example.com and https://h/x") == (
        "see ada@example.com and https://h/x"
    )
    assert redact_credentials("fatal: 'https://u:p@h/r' not found") == (
        "fatal: 'https://***@h/r' not found"
    )


@pytest.mark.parametrize("raw", ["repos/nonexistent", "ada/churn", "ada/churn@v1", "./x", "~/x/y"])
def test_a_missing_path_on_the_command_line_is_no_such_folder(raw: str, tmp_path: Path) -> None:
    with pytest.raises(TargetError) as error:
        parse_target(raw, cwd=tmp_path)
    assert str(error.value) == (
        f"no such folder: {raw} (to lint a GitHub repository, write gh:owner/repo)"
    )


def test_a_roster_keeps_the_owner_repo_shorthand(tmp_path: Path) -> None:
    target = parse_target("ada/churn@v1.2", cwd=tmp_path, shorthand=True)
    assert (target.url, target.slug, target.ref) == (
        "https://github.com/ada/churn.git",
        "ada/churn",
        "v1.2",
    )
    (tmp_path / "ada" / "churn").mkdir(parents=True)
    assert parse_target("ada/churn", cwd=tmp_path, shorthand=True).local == tmp_path / "ada/churn"


@pytest.mark.parametrize("raw", ["./ada/churn", "../ada/churn", "/ada/churn", "~/ada/churn"])
def test_a_path_like_value_is_local_even_in_a_roster(raw: str, tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="no such folder"):
        parse_target(raw, cwd=tmp_path, shorthand=True)


@pytest.mark.parametrize(
    ("raw", "url", "ref", "subdir", "shown"),
    [
        (
            "gh:ada/work//projects/titanic",
            "https://github.com/ada/work.git",
            None,
            "projects/titanic",
            "ada/work//projects/titanic",
        ),
        (
            "gh:ada/work@v2//projects/titanic/",
            "https://github.com/ada/work.git",
            "v2",
            "projects/titanic",
            "ada/work@v2//projects/titanic",
        ),
        ("file:///srv/w.git//a b", "file:///srv/w.git", None, "a b", "file:///srv/w.git//a b"),
        (
            "https://github.com/ada/work//nlp",
            "https://github.com/ada/work.git",
            None,
            "nlp",
            "ada/work//nlp",
        ),
        (
            "git@github.com:ada/work.git//nlp",
            "git@github.com:ada/work.git",
            None,
            "nlp",
            "ada/work//nlp",
        ),
    ],
)
def test_a_remote_target_may_name_a_folder(
    raw: str, url: str, ref: str | None, subdir: str, shown: str, tmp_path: Path
) -> None:
    target = parse_target(raw, cwd=tmp_path)
    assert (target.url, target.ref, target.subdir, target.display) == (url, ref, subdir, shown)
    assert parse_target(raw.removeprefix("gh:"), cwd=tmp_path, shorthand=True).subdir == subdir


@pytest.mark.parametrize(
    "folder", ["..", "a/../../b", "/etc", "a//b", ".git/hooks", "a/./b", "", "~", "a\\..\\b"]
)
def test_a_folder_that_could_leave_the_repository_is_refused(folder: str) -> None:
    with pytest.raises(TargetError, match="relative path inside the repository"):
        parse_target(f"gh:ada/work//{folder}")
