"""Parse what the user asked to lint: a local path, `gh:owner/repo[@ref]`, `owner/repo`, a URL."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

NAME = r"[A-Za-z0-9_.-]+"
SHORTHAND = re.compile(rf"^(?:gh:)?(?P<owner>{NAME})/(?P<name>{NAME})(?:@(?P<ref>[^\s@]+))?$")
HTTPS = re.compile(
    rf"^https?://(?P<host>[^/\s]+)/(?P<owner>{NAME})/(?P<name>{NAME}?)(?:\.git)?"
    rf"(?:/tree/(?P<tree>[^\s]+))?/?(?:@(?P<ref>[^\s@/]+))?$"
)
SCP_SSH = re.compile(
    rf"^(?P<user>{NAME})@(?P<host>[^:/\s]+):(?P<owner>{NAME})/(?P<name>{NAME}?)(?:\.git)?"
    rf"(?:@(?P<ref>[^\s@]+))?$"
)
# `scheme://user:password@host` or `scheme://token@host`: the part before the host.
URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")
URL_SCHEMES = ("ssh://", "git://", "file://", "https://", "http://")


class TargetError(ValueError):
    """A target string that names nothing we can lint."""


def redact_credentials(text: str) -> str:
    """`text` with the credentials of any URL in it (`https://user:token@host`) masked."""
    return URL_CREDENTIALS.sub("***@", text)


@dataclass(frozen=True)
class Target:
    """A parsed target: a local folder, or a remote repository with its clone URL.

    `ref` names a branch, tag or commit of a remote; of a local folder's git repository
    only when a caller asks for a revision (`--diff-base`): the parser never sets it there.
    """

    raw: str
    local: Path | None = None
    url: str | None = None
    owner: str | None = None
    name: str | None = None
    ref: str | None = None

    @property
    def slug(self) -> str | None:
        """`owner/name` for GitHub targets."""
        return f"{self.owner}/{self.name}" if self.owner and self.name else None

    @property
    def display(self) -> str:
        """How reports name the target (never with the credentials a URL may carry)."""
        if self.local is not None:
            return str(self.local)
        base = self.slug or self.url or self.raw
        return redact_credentials(f"{base}@{self.ref}" if self.ref else base)


def github_web_url() -> str:
    """Clone host for `owner/repo` shorthands (GitHub Enterprise via GITHUB_SERVER_URL)."""
    return os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")


def parse_target(raw: str, *, cwd: Path | None = None) -> Target:
    """Classify `raw`; an existing local folder always wins over the `owner/repo` shorthand."""
    text = raw.strip()
    if not text:
        raise TargetError("empty target")
    local = (cwd or Path.cwd()) / text
    if not text.startswith("gh:") and "://" not in text and local.is_dir():
        return Target(raw, local=local)
    if match := SHORTHAND.match(text):
        owner, name = match["owner"], match["name"]
        return Target(
            raw,
            url=f"{github_web_url()}/{owner}/{name}.git",
            owner=owner,
            name=name,
            ref=match["ref"],
        )
    if match := HTTPS.match(text):
        owner, name = match["owner"], match["name"]
        ref = match["tree"] or match["ref"]
        return Target(
            raw, url=f"https://{match['host']}/{owner}/{name}.git", owner=owner, name=name, ref=ref
        )
    if match := SCP_SSH.match(text):
        url = f"{match['user']}@{match['host']}:{match['owner']}/{match['name']}.git"
        return Target(raw, url=url, owner=match["owner"], name=match["name"], ref=match["ref"])
    if text.startswith(URL_SCHEMES) and not any(c.isspace() for c in text):
        url, at, ref = text.rpartition("@")
        if at and ref and "/" not in ref and "://" in url:
            return Target(raw, url=url, ref=ref)
        return Target(raw, url=text)
    if Path(text).exists():
        raise TargetError(f"{redact_credentials(raw)}: not a folder")
    raise TargetError(
        f"{redact_credentials(raw)}: no such folder, and not owner/repo, gh:owner/repo or a git URL"
    )
