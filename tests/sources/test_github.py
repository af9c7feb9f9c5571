"""API mode against a local fake of the GitHub REST API (PyGithub with base_url, no waits)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from portfolio_lint.sources.base import NoCommitBeforeError
from portfolio_lint.sources.github import ApiSettings, GitHubError, GitHubSource
from tests.fake_github import FakeGitHub, FakeRepo, serve

FILES = {
    "README.md": b"# Churn\n\nPredict churn.\n",
    "src/churn/model.py": b"def fit():\n    return 1\n",
    "data/big.csv": b"a,b\n" + b"1,2\n" * 400_000,  # over 1 MB: read through the blob API
}


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    github = FakeGitHub()
    github.repos["ada/churn"] = FakeRepo(
        dict(FILES), license="MIT", symlinks={"leak": "/etc/passwd"}
    )
    with serve(github):
        yield github


def settings(fake: FakeGitHub, **overrides: object) -> ApiSettings:
    values = {
        "base_url": fake.base_url,
        "token": "t0ken-value",
        "backoff": 0.0,
        "max_rate_limit_wait": 5.0,
        **overrides,
    }
    return ApiSettings(**values)  # type: ignore[arg-type]


def test_tree_contents_blobs_and_metadata(fake: FakeGitHub) -> None:
    source = GitHubSource("ada/churn", settings=settings(fake))
    paths = sorted(e.path for e in source.files())
    assert paths == ["README.md", "data/big.csv", "src/churn/model.py"]  # no symlink
    assert source.read_bytes("README.md", 1000) == FILES["README.md"]
    assert source.read_bytes("data/big.csv", 10) == b"a,b\n1,2\n1,"
    assert source.read_bytes("missing.txt", 10) is None
    assert fake.faults.requests[f"/repos/ada/churn/git/trees/{source.commit()}"] == 1
    metadata = source.metadata()
    assert metadata is not None
    assert (metadata.license, metadata.default_branch) == ("MIT", "main")
    # No rule reads the latest workflow run: the API is not asked for it.
    assert not any("/actions/runs" in path for path in fake.faults.requests)
    assert metadata.topics == ("machine-learning",)
    assert source.git_root() is None and "API mode" in (source.unavailable() or "")
    assert all(a == "token t0ken-value" for a in fake.authorizations)


def test_truncated_tree_is_walked_by_folder(fake: FakeGitHub) -> None:
    fake.faults.truncate_trees = True
    source = GitHubSource("ada/churn", settings=settings(fake))
    assert sorted(e.path for e in source.files()) == sorted(FILES)
    assert any("truncated" in w for w in source.warnings())


def test_missing_repository_is_a_clear_error(fake: FakeGitHub) -> None:
    with pytest.raises(GitHubError, match="ada/nope: repository or ref not found"):
        GitHubSource("ada/nope", settings=settings(fake))


def test_server_errors_are_retried(fake: FakeGitHub) -> None:
    fake.faults.server_errors = 2
    source = GitHubSource("ada/churn", settings=settings(fake))
    assert source.read_bytes("README.md", 100) == FILES["README.md"]


def test_rate_limit_waits_for_reset_when_short(fake: FakeGitHub) -> None:
    fake.faults.rate_limited = 1
    fake.faults.rate_reset_in = 1.0
    source = GitHubSource("ada/churn", settings=settings(fake))
    assert source.commit()


def test_rate_limit_beyond_the_bound_fails_clearly(fake: FakeGitHub) -> None:
    fake.faults.rate_limited = 10
    fake.faults.rate_reset_in = 3600
    with pytest.raises(GitHubError, match="rate limit"):
        GitHubSource("ada/churn", settings=settings(fake, max_rate_limit_wait=1.0))


def test_as_of_deadline_picks_the_last_commit_before_it(fake: FakeGitHub) -> None:
    from datetime import datetime, timezone

    after = datetime(2026, 2, 1, tzinfo=timezone.utc)
    source = GitHubSource("ada/churn", settings=settings(fake), as_of=after)
    assert source.commit() == fake.repos["ada/churn"].commit
    before = datetime(2025, 12, 1, tzinfo=timezone.utc)
    with pytest.raises(NoCommitBeforeError, match="no commit before"):
        GitHubSource("ada/churn", settings=settings(fake), as_of=before)


EARLIER = "e" * 40
DEADLINE_TIME = "2026-01-10T00:00:00+00:00"


@pytest.mark.parametrize(
    ("pushes", "late"),
    [
        # The commit (dated 5 January) pushed on the 6th: on time.
        ([("2026-01-06T09:00:00Z", "{commit}")], False),
        # Backdated: dated the 5th, but pushed on the 12th, after an earlier push in time.
        ([("2026-01-02T09:00:00Z", EARLIER), ("2026-01-12T09:00:00Z", "{commit}")], True),
        # Pushed on time, then more pushes after the deadline: the graded commit was there.
        ([("2026-01-06T09:00:00Z", "{commit}"), ("2026-01-12T09:00:00Z", "{commit}")], False),
        # Nothing at all pushed before the deadline.
        ([("2026-01-12T09:00:00Z", "{commit}")], True),
        # No push activity reported (an old repository, or no access): unknown, never late.
        ([], None),
    ],
)
def test_push_times_flag_commits_pushed_after_the_deadline(
    fake: FakeGitHub, pushes: list[tuple[str, str]], late: bool | None
) -> None:
    from datetime import datetime

    repo = fake.repos["ada/churn"]
    repo.pushes = [(when, after.replace("{commit}", repo.commit)) for when, after in pushes]
    repo.history = [EARLIER, repo.commit]
    deadline = datetime.fromisoformat(DEADLINE_TIME)
    source = GitHubSource("ada/churn", settings=settings(fake), as_of=deadline)
    assert source.pushed_after(deadline) is late
    assert fake.faults.requests["/repos/ada/churn/activity"] == 1
