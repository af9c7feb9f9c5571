"""Parse what the user asked to lint: a local path, `gh:owner/repo[@ref][//folder]`, a URL.

Remote, on the command line: `gh:owner/repo`, a URL (`https://`, `ssh://`, `file://`...) and
`user@host:owner/repo`. Everything else is a local folder, which must exist: a typo never
reaches the network. A roster (`shorthand=True`) also takes bare `owner/repo`, unless it
exists as a folder below `cwd` or starts with `./`, `../`, `/` or `~`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
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
LOCAL_PREFIXES = ("./", "../", "/", "~")
NO_SUCH_FOLDER = "no such folder: {} (to lint a GitHub repository, write gh:owner/repo)"


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
    # A folder of a remote repository to lint on its own (`gh:owner/repo//projects/titanic`).
    subdir: str | None = None

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
        shown = f"{base}@{self.ref}" if self.ref else base
        return redact_credentials(f"{shown}//{self.subdir}" if self.subdir else shown)


def github_web_url() -> str:
    """Clone host for `owner/repo` shorthands (GitHub Enterprise via GITHUB_SERVER_URL)."""
    return os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")


def parse_target(raw: str, *, cwd: Path | None = None, shorthand: bool = False) -> Target:
    """Classify `raw` (see the module docstring); TargetError names what is wrong with it."""
    text = raw.strip()
    if not text:
        raise TargetError("empty target")
    if text.startswith("gh:") or "://" in text:
        return _remote(raw, text)
    local = (cwd or Path.cwd()) / _expand_user(text)
    if local.is_dir():
        return Target(raw, local=local)
    if not text.startswith(LOCAL_PREFIXES) and (
        SCP_SSH.match(split_subfolder(text)[0]) or (shorthand and _shorthand(text))
    ):
        return _remote(raw, text)
    if local.exists():
        raise TargetError(f"{redact_credentials(raw)}: not a folder")
    raise TargetError(NO_SUCH_FOLDER.format(redact_credentials(raw)))


def _expand_user(text: str) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # `~name` of no such user, or no home folder
        return Path(text)


def _shorthand(text: str) -> bool:
    return SHORTHAND.match(split_subfolder(text)[0]) is not None


def _remote(raw: str, text: str) -> Target:
    base, subdir = split_subfolder(text)
    target = _remote_base(raw, base)
    if target is None:
        raise TargetError(
            f"{redact_credentials(raw)}: not gh:owner/repo[@ref][//folder] or a git URL"
        )
    if subdir is None:
        return target
    return replace(target, subdir=clean_subfolder(subdir, raw))


def _remote_base(raw: str, text: str) -> Target | None:
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
    return None


def split_subfolder(text: str) -> tuple[str, str | None]:
    """`repo//folder` → (`repo`, `folder`): the first `//` after a URL's `scheme://`."""
    scheme = text.find("://")
    at = text.find("//", scheme + 3 if scheme >= 0 else 0)
    return (text, None) if at < 0 else (text[:at], text[at + 2 :])


def clean_subfolder(folder: str, raw: str) -> str:
    """A folder inside a repository as a plain POSIX path; TargetError for one that could
    name something outside it (absolute, `..`, `.git`) or nothing at all."""
    cleaned = folder.strip().rstrip("/")
    parts = cleaned.split("/")
    if (
        not cleaned
        or cleaned.startswith(("/", "~"))
        or "\\" in cleaned
        or "\0" in cleaned
        or any(part in ("", ".", "..") or part.lower() == ".git" for part in parts)
    ):
        raise TargetError(
            f"{redact_credentials(raw)}: the folder after // must be a relative path inside "
            "the repository (no `..`, `.git` or leading `/`)"
        )
    return cleaned
