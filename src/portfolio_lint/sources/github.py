"""API mode: a GitHub repository read through PyGithub, without cloning (no history)."""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from portfolio_lint.sources.base import FileEntry, HostMetadata, NoCommitBeforeError

CONTENTS_LIMIT = 1024 * 1024  # the contents API serves files up to 1 MB; blobs beyond
# Both APIs send whole files: keep them (up to this total) so a second read costs no request.
KEPT_BYTES = 64 * 1024 * 1024
REGULAR_MODES = ("100644", "100755")
DEFAULT_API_URL = "https://api.github.com"


class GitHubError(Exception):
    """The repository cannot be read through the API (missing, private, rate-limited...)."""


@dataclass(frozen=True)
class ApiSettings:
    """How to reach the API: base URL, token, waits and retries (tests turn waits off)."""

    base_url: str = DEFAULT_API_URL
    token: str | None = None
    max_rate_limit_wait: float = 60.0
    retries: int = 4
    backoff: float = 0.5
    seconds_between_requests: float = 0.0
    timeout: int = 30

    @classmethod
    def from_environment(cls, **overrides: Any) -> ApiSettings:
        """GITHUB_API_URL and GITHUB_TOKEN / GH_TOKEN from the environment."""
        token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or None
        base = os.environ.get("GITHUB_API_URL", DEFAULT_API_URL).rstrip("/")
        return cls(**{"base_url": base, "token": token, **overrides})


def client(settings: ApiSettings) -> Any:
    """A PyGithub client with bounded rate-limit waits and backoff on 5xx/secondary limits."""
    from github import Auth, Github
    from github.GithubRetry import GithubRetry

    retry = GithubRetry(
        total=settings.retries,
        backoff_factor=settings.backoff,
        secondary_rate_wait=min(60.0, settings.max_rate_limit_wait),
        max_rate_limit_wait=settings.max_rate_limit_wait,
    )
    return Github(
        auth=Auth.Token(settings.token) if settings.token else None,
        base_url=settings.base_url,
        retry=retry,
        per_page=100,
        timeout=settings.timeout,
        seconds_between_requests=settings.seconds_between_requests,
        seconds_between_writes=0,
    )


def describe(error: Exception) -> str:
    """A one-line reason for a PyGithub error, never including the token."""
    from github import GithubException, RateLimitExceededException, UnknownObjectException

    if isinstance(error, UnknownObjectException):
        return "repository or ref not found (or private without a token)"
    if isinstance(error, RateLimitExceededException):
        return "GitHub API rate limit exceeded; try later or set GITHUB_TOKEN"
    if isinstance(error, GithubException):
        message = error.data.get("message") if isinstance(error.data, dict) else None
        return f"GitHub API error {error.status}: {message or 'no message'}"
    name = type(error).__name__
    if "RateLimit" in name or "MaxRetry" in name:
        return f"GitHub API unavailable after retries ({name}); try later or set GITHUB_TOKEN"
    return f"{name}: {error}"


class GitHubSource:
    """One recursive tree call, file contents on demand, repository metadata."""

    def __init__(
        self,
        slug: str,
        ref: str | None = None,
        settings: ApiSettings | None = None,
        *,
        github: Any = None,
        as_of: datetime | None = None,
    ) -> None:
        self.slug = slug
        self.settings = settings or ApiSettings.from_environment()
        self._github = github or client(self.settings)
        self._lock = threading.Lock()
        self._warnings: list[str] = []
        try:
            self._repo = self._github.get_repo(slug)
            self.ref = ref or self._repo.default_branch
            self._commit = self._repo.get_commit(self.ref).sha
            if as_of is not None:
                before = next(iter(self._repo.get_commits(sha=self._commit, until=as_of)), None)
                if before is None:
                    raise NoCommitBeforeError(f"{slug}: no commit before {as_of.isoformat()}")
                self._commit = before.sha
        except (GitHubError, NoCommitBeforeError):
            raise
        except Exception as error:  # PyGithub raises many types; all end this repository
            raise GitHubError(f"{slug}: {describe(error)}") from error
        self._files: list[FileEntry] | None = None
        self._entries: dict[str, FileEntry] = {}
        self._kept: dict[str, bytes] = {}
        self._kept_bytes = 0

    @property
    def name(self) -> str:
        """`owner/repo@ref`."""
        return f"{self.slug}@{self.ref}"

    def files(self) -> Sequence[FileEntry]:
        """Regular files from one recursive tree call (walked level by level if truncated)."""
        if self._files is None:
            try:
                tree = self._repo.get_git_tree(self._commit, recursive=True)
                elements = list(tree.tree)
                if tree.truncated:
                    self._warnings.append("tree listing truncated by the API; walked it by folder")
                    elements = self._walk(self._commit, "")
            except Exception as error:
                raise GitHubError(f"{self.slug}: {describe(error)}") from error
            self._files = []
            for element in elements:
                if element.type == "blob" and element.mode in REGULAR_MODES:
                    entry = FileEntry(element.path, element.size or 0, True, element.sha)
                    self._entries[entry.path] = entry
                    self._files.append(entry)
        return self._files

    def _walk(self, sha: str, prefix: str) -> list[Any]:
        found: list[Any] = []
        for element in self._repo.get_git_tree(sha).tree:
            path = prefix + element.path
            if element.type == "tree":
                found.extend(self._walk(element.sha, path + "/"))
            else:
                found.append(_Element(path, element.mode, element.type, element.sha, element.size))
        return found

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        """Contents API for files up to 1 MB, the blob API beyond."""
        self.files()
        entry = self._entries.get(path)
        if entry is None:
            return None
        with self._lock:
            data = self._kept.get(path)
            if data is None:
                try:
                    data = self._fetch(entry)
                except Exception as error:
                    self._warnings.append(f"{path}: not read ({describe(error)})")
                    return None
                if self._kept_bytes + len(data) <= KEPT_BYTES:
                    self._kept[path] = data
                    self._kept_bytes += len(data)
        return data[:limit]

    def _fetch(self, entry: FileEntry) -> bytes:
        if entry.size <= CONTENTS_LIMIT:
            return bytes(self._repo.get_contents(entry.path, ref=self._commit).decoded_content)
        return base64.b64decode(self._repo.get_git_blob(entry.blob).content)

    def git_root(self) -> Path | None:
        """No local git in API mode."""
        return None

    def commit(self) -> str | None:
        """The commit the ref points at."""
        return str(self._commit)

    def metadata(self) -> HostMetadata | None:
        """Description, topics, licence, default branch: all from the repository response
        already fetched, so reading them costs no request."""
        repo = self._repo
        license_id = repo.license.spdx_id if repo.license is not None else None
        return HostMetadata(
            description=repo.description,
            topics=tuple(repo.topics or ()),
            license=license_id,
            default_branch=repo.default_branch,
            homepage=repo.homepage or None,
        )

    def warnings(self) -> Sequence[str]:
        """Files that could not be read, truncation notes."""
        return list(self._warnings)

    def unavailable(self) -> str | None:
        """History needs a clone."""
        return "API mode reads no git history (use clone mode for history rules)"

    def pushed_after(self, deadline: datetime) -> bool | None:
        """Whether the graded commit reached the branch only by a push after `deadline`."""
        return pushed_after(self._repo, self._commit, self.ref, deadline)


PUSHES_PER_PAGE = 100


def pushed_after(repo: Any, commit: str, branch: str, deadline: datetime) -> bool | None:
    """Whether `commit` reached `branch` only by a push after `deadline` (None: unknown).

    Committer dates are the student's to set; push times are GitHub's (the activity API).
    The branch's tip at the deadline is what the last push up to then left; `commit` is on
    time when it is that tip or one of its ancestors.
    """
    requester = repo._requester
    _, activity = requester.requestJsonAndCheck(
        "GET",
        f"{repo.url}/activity",
        parameters={
            "activity_type": "push",
            "ref": f"refs/heads/{branch}",
            "per_page": PUSHES_PER_PAGE,
        },
    )
    pushes = sorted(
        (_timestamp(a["timestamp"]), str(a["after"]))
        for a in activity or []
        if isinstance(a, dict) and a.get("timestamp") and a.get("after")
    )
    if not pushes:
        return None
    on_time = [after for when, after in pushes if when <= deadline]
    if not on_time:  # none listed in time: late, unless older pushes fell off the page
        return None if len(activity) >= PUSHES_PER_PAGE else True
    tip = on_time[-1]
    if tip == commit:
        return False
    _, comparison = requester.requestJsonAndCheck("GET", f"{repo.url}/compare/{commit}...{tip}")
    return (comparison or {}).get("status") not in ("ahead", "identical")


def _timestamp(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class _Element:
    path: str
    mode: str
    type: str
    sha: str
    size: int | None
