"""Clone mode: a hardened blobless clone into the user's cache, reused and updated on later runs."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portfolio_lint.sources.base import NoCommitBeforeError
from portfolio_lint.sources.gittree import MAX_TREE_ENTRIES, git_listing, too_many_files
from portfolio_lint.sources.targets import Target, github_web_url
from portfolio_lint.sources.trust import trusted_git_dir
from portfolio_lint.untrusted.hardened_git import (
    GitError,
    git_command,
    git_environment,
    run_git,
    with_config,
)
from portfolio_lint.untrusted.reads import display_name

CLONE_TIMEOUT = 600.0
MAX_CHECKOUT_BYTES = 2 * 1024**3
TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")


@dataclass(frozen=True)
class Checkout:
    """A work tree checked out at one commit."""

    path: Path
    commit: str


def default_cache_dir() -> Path:
    """Where clones live: the user's cache directory, never the linted repository."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("portfolio-lint")) / "clones"


def clone_dir(cache: Path, url: str) -> Path:
    """A stable folder per URL (hashed, with a readable tail)."""
    tail = re.sub(r"[^A-Za-z0-9_.-]+", "-", url.rstrip("/").rsplit("/", 1)[-1])[:40]
    return cache / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}-{tail}"


def _auth_environment(url: str) -> dict[str, str]:
    """git's environment for `url`: hardened, plus the token only when `url` is on the GitHub host.

    The header is scoped in git's own config (`http.<github base>.extraHeader`), so git never
    sends it to another host, and redirects are not followed while it is set.
    """
    return with_config(git_environment(), _auth_config(url))


def _auth_config(url: str) -> list[tuple[str, str]]:
    """Config pairs carrying GITHUB_TOKEN/GH_TOKEN for `url`, or none for any other host."""
    token = next((os.environ[v] for v in TOKEN_VARIABLES if os.environ.get(v)), None)
    base = github_base_url()
    if token is None or base is None or not _on_host(url, base):
        return []
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return [
        (f"http.{base}.extraHeader", f"Authorization: Basic {basic}"),
        (f"http.{base}.followRedirects", "false"),
    ]


def github_base_url() -> str | None:
    """`https://host[:port]/[path/]` of GitHub (or GITHUB_SERVER_URL); None if not https."""
    parts = urlsplit(github_web_url())
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    path = parts.path.strip("/")
    return f"https://{parts.netloc.rpartition('@')[2].lower()}/{path + '/' if path else ''}"


def on_github_host(url: str) -> bool:
    """Whether `url` names the GitHub host (GITHUB_SERVER_URL for Enterprise), any scheme."""
    try:
        wanted, actual = urlsplit(github_web_url()), urlsplit(url)
        return (wanted.hostname, wanted.port) == (actual.hostname, actual.port)
    except ValueError:  # a port that is no number
        return False


def _on_host(url: str, base: str) -> bool:
    """Whether `url` is an https URL on `base`'s host and port, below its path."""
    try:
        wanted, actual = urlsplit(base), urlsplit(url)
        same_port = wanted.port == actual.port
    except ValueError:  # a port that is no number
        return False
    return (
        actual.scheme.lower() == "https"
        and same_port
        and (actual.hostname or "") == wanted.hostname
        and (actual.path.rstrip("/") + "/").startswith(wanted.path or "/")
    )


def _network_git(
    cwd: Path, args: list[str], url: str, timeout: float, stdin: bytes | None = None
) -> None:
    env = _auth_environment(url)
    try:
        done = subprocess.run(
            git_command(args),
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
            input=stdin if stdin is not None else b"",
        )
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {args[0]} timed out after {timeout:.0f}s") from error
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = next((line for line in reversed(lines) if line.startswith("fatal")), "")
        raise GitError(f"git {args[0]} failed: {reason or done.returncode}")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with (path.parent / f"{path.name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _has_remote_refs(path: Path) -> bool:
    """Whether the cached clone finished: a killed `git clone` leaves no remote refs."""
    refs = run_git(path, ["for-each-ref", "--count=1", "refs/remotes/origin/"], check=False)
    return bool(refs.strip())


def _resolve(path: Path, ref: str | None, as_of: datetime | None) -> str:
    candidates = (
        [f"refs/remotes/origin/{ref}", f"refs/tags/{ref}", ref]
        if ref
        else ["refs/remotes/origin/HEAD"]
    )
    commit = ""
    for candidate in candidates:
        commit = (
            run_git(path, ["rev-parse", "--verify", "-q", f"{candidate}^{{commit}}"], check=False)
            .decode()
            .strip()
        )
        if commit:
            break
    if not commit:
        raise GitError(f"no such branch, tag or commit: {ref or 'default branch'}")
    if as_of is not None:
        before = run_git(path, ["rev-list", "-1", f"--before={as_of.isoformat()}", commit])
        commit = before.decode().strip()
        if not commit:
            raise NoCommitBeforeError(f"no commit before {as_of.isoformat()}")
    return commit


def _fetch_missing_blobs(
    path: Path, commit: str, url: str, timeout: float, *, history: bool
) -> None:
    """Fetch in one request the blobs of `commit` (and of its history) the clone lacks.

    A blobless clone has no blobs, and hardened git never fetches lazily (GIT_NO_LAZY_FETCH):
    without this, checkout and history scans fail against a server that honours the filter.
    """
    walk = [] if history else ["--no-walk"]
    listing = run_git(
        path, ["rev-list", "--objects", "--missing=print", *walk, commit], timeout=timeout
    )
    missing = [line[1:] for line in listing.splitlines() if line.startswith(b"?")]
    if missing:
        _network_git(
            path,
            [
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                "--recurse-submodules=no",
                "--filter=blob:none",
                "--stdin",
                "origin",
            ],
            url,
            timeout,
            stdin=b"\n".join(missing) + b"\n",
        )


def ensure_checkout(
    target: Target,
    *,
    cache: Path | None = None,
    as_of: datetime | None = None,
    timeout: float = CLONE_TIMEOUT,
    history: bool = True,
) -> Checkout:
    """Clone (or update) `target` blobless into the cache and check out the wanted commit.

    With `history`, the blobs of the commit's whole history are fetched too (history rules
    read old versions); without it, only the commit's own. A `file://` source must pass the
    trust decision first; a commit with more than MAX_TREE_ENTRIES files or MAX_CHECKOUT_BYTES
    is refused before checkout, and a failed checkout leaves nothing in the cache.
    """
    if target.url is None:
        raise GitError(f"{target.display}: not a remote target")
    _require_trusted_local(target.url)
    path = clone_dir(cache or default_cache_dir(), target.url)
    with _locked(path):
        if (path / ".git").is_dir() and not _has_remote_refs(path):
            shutil.rmtree(path)  # a clone killed halfway: start again
        if not (path / ".git").is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
            _network_git(
                path.parent,
                [
                    "clone",
                    "--quiet",
                    "--filter=blob:none",
                    "--no-checkout",
                    "--template=",
                    "--",
                    target.url,
                    str(path),
                ],
                target.url,
                timeout,
            )
        else:
            _network_git(
                path,
                [
                    "fetch",
                    "--quiet",
                    "--prune",
                    "--tags",
                    "--force",
                    "--filter=blob:none",
                    "origin",
                ],
                target.url,
                timeout,
            )
        commit = _resolve(path, target.ref, as_of)
        try:
            _fetch_missing_blobs(path, commit, target.url, timeout, history=history)
            _check_tree_size(path, commit)
            run_git(path, ["checkout", "--quiet", "--force", "--detach", commit], timeout=timeout)
            run_git(path, ["clean", "-ffdxq"])
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)  # no partial checkout stays in the cache
            raise
    return Checkout(path, commit)


def _require_trusted_local(url: str) -> None:
    """A `file://` source is a folder on this machine: git would follow its `.git` file,
    commondir and alternates to whatever they name, so it must pass the trust decision."""
    if not url.lower().startswith("file://"):
        return
    folder = Path(unquote(urlsplit(url).path))
    refused = trusted_git_dir(folder).refused
    if refused is not None:
        raise GitError(f"{display_name(str(folder))}: {refused}")


def _check_tree_size(path: Path, commit: str) -> None:
    """Refuse, before anything is written, a commit whose tree names more than
    MAX_TREE_ENTRIES files or more than MAX_CHECKOUT_BYTES in all (blobs compress: 10 MB
    fetched can be 10 GB checked out)."""
    listing, truncated = git_listing(
        path, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit], MAX_TREE_ENTRIES
    )
    if truncated:
        raise GitError(too_many_files(commit, MAX_TREE_ENTRIES))
    total = sum(
        int(size)
        for record in listing
        if (size := record.partition(b"\t")[0].split()[-1]).isdigit()
    )
    if total > MAX_CHECKOUT_BYTES:
        raise GitError(
            f"commit {commit[:12]} has {total} bytes of files, more than "
            f"{MAX_CHECKOUT_BYTES}: not checked out"
        )


def remote_tip(target: Target, timeout: float = 60.0) -> str | None:
    """The commit `target`'s ref (or default branch) points at, via `git ls-remote`."""
    if target.url is None:
        return None
    env = _auth_environment(target.url)
    try:
        done = subprocess.run(
            git_command(["ls-remote", "--", target.url]),
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    refs: dict[str, str] = {}
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        sha, _, name = line.partition("\t")
        refs[name] = sha
    if target.ref is None:
        return refs.get("HEAD")
    for name in (
        f"refs/heads/{target.ref}",
        f"refs/tags/{target.ref}^{{}}",
        f"refs/tags/{target.ref}",
    ):
        if name in refs:
            return refs[name]
    return target.ref if re.fullmatch(r"[0-9a-f]{40}", target.ref) else None
