"""A local fake of the GitHub REST API on 127.0.0.1, enough for PyGithub's calls we make."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def fake_sha(*parts: str | bytes) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
    return digest.hexdigest()


@dataclass
class FakeRepo:
    """One repository the fake serves."""

    files: dict[str, bytes]
    default_branch: str = "main"
    description: str | None = "A portfolio project"
    topics: tuple[str, ...] = ("machine-learning",)
    license: str | None = None
    archived: bool = False
    workflow_conclusion: str | None = "success"
    symlinks: dict[str, str] = field(default_factory=dict)
    committed_at: str = "2026-01-05T10:00:00Z"
    # Pushes to the default branch, (ISO time, commit the branch then pointed at), and the
    # branch's commits oldest first (for compare): what the activity API reports.
    pushes: list[tuple[str, str]] = field(default_factory=list)
    history: list[str] = field(default_factory=list)

    @property
    def commit(self) -> str:
        return fake_sha(*(p + "\0" for p in sorted(self.files)), *self.files.values())


@dataclass
class Faults:
    """Injected failures: counts of 5xx answers and rate-limited answers still to give."""

    server_errors: int = 0
    rate_limited: int = 0
    rate_reset_in: float = 1.0
    truncate_trees: bool = False
    requests: Counter[str] = field(default_factory=Counter)


class FakeGitHub:
    """Holds the repositories and organisations; serve() runs the HTTP server."""

    def __init__(self) -> None:
        self.repos: dict[str, FakeRepo] = {}
        self.orgs: dict[str, list[str]] = {}
        self.faults = Faults()
        self.authorizations: list[str] = []
        self.base_url = ""

    # -- payloads -------------------------------------------------------------------------

    def repo_json(self, slug: str) -> dict[str, Any]:
        repo = self.repos[slug]
        owner, name = slug.split("/")
        return {
            "id": int(fake_sha(slug)[:8], 16),
            "name": name,
            "full_name": slug,
            "owner": {"login": owner},
            "private": False,
            "archived": repo.archived,
            "default_branch": repo.default_branch,
            "description": repo.description,
            "topics": list(repo.topics),
            "homepage": "",
            "license": {"spdx_id": repo.license, "key": (repo.license or "").lower()}
            if repo.license
            else None,
            "url": f"{self.base_url}/repos/{slug}",
            "html_url": f"https://github.invalid/{slug}",
        }

    def tree_entries(self, repo: FakeRepo) -> list[dict[str, Any]]:
        entries = []
        folders = sorted(
            {p.rsplit("/", 1)[0] for p in repo.files if "/" in p}
            | {parent for p in repo.files for parent in _parents(p)}
        )
        for folder in folders:
            entries.append(
                {"path": folder, "mode": "040000", "type": "tree", "sha": fake_sha("tree", folder)}
            )
        for path, data in sorted(repo.files.items()):
            entries.append(
                {
                    "path": path,
                    "mode": "100644",
                    "type": "blob",
                    "sha": fake_sha("blob", data),
                    "size": len(data),
                }
            )
        for path, target in repo.symlinks.items():
            entries.append(
                {
                    "path": path,
                    "mode": "120000",
                    "type": "blob",
                    "sha": fake_sha("link", target),
                    "size": len(target),
                }
            )
        return entries


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def send_json(
            self, status: int, payload: Any, headers: dict[str, str] | None = None
        ) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-RateLimit-Limit", "5000")
            self.send_header("X-RateLimit-Remaining", "4999")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            fake.faults.requests[url.path] += 1
            fake.authorizations.append(self.headers.get("Authorization", ""))
            if fake.faults.server_errors > 0:
                fake.faults.server_errors -= 1
                self.send_json(502, {"message": "Bad Gateway"})
                return
            if fake.faults.rate_limited > 0:
                fake.faults.rate_limited -= 1
                reset = int(time.time() + fake.faults.rate_reset_in)
                self.send_json(
                    403,
                    {"message": "API rate limit exceeded for 127.0.0.1."},
                    {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
                )
                return
            try:
                status, payload, headers = self.route(url.path, query)
            except KeyError:
                status, payload, headers = 404, {"message": "Not Found"}, {}
            self.send_json(status, payload, headers)

        def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, Any, dict[str, str]]:
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if parts[0] == "orgs" and len(parts) == 2 and parts[1] in fake.orgs:
                return 200, {"login": parts[1], "url": f"{fake.base_url}/orgs/{parts[1]}"}, {}
            if parts[0] == "orgs" and len(parts) == 3 and parts[2] == "repos":
                return self.org_repos(parts[1], query)
            if parts[0] != "repos" or len(parts) < 3:
                raise KeyError(path)
            slug = f"{parts[1]}/{parts[2]}"
            repo = fake.repos[slug]
            rest = parts[3:]
            if not rest:
                return 200, fake.repo_json(slug), {}
            if rest == ["commits"]:
                until = query.get("until", ["9999"])[0]
                visible = until >= repo.committed_at
                return (
                    200,
                    [
                        {
                            "sha": repo.commit,
                            "url": f"{fake.base_url}{path}/{repo.commit}",
                            "commit": {"message": "work"},
                        }
                    ]
                    if visible
                    else [],
                    {},
                )
            if rest[0] == "commits" and len(rest) == 2:
                if rest[1] not in (repo.default_branch, repo.commit):
                    raise KeyError(rest[1])
                return (
                    200,
                    {
                        "sha": repo.commit,
                        "url": f"{fake.base_url}{path}",
                        "commit": {"message": "work"},
                    },
                    {},
                )
            if rest[:2] == ["git", "trees"]:
                return 200, self.tree(repo, rest[2], "recursive" in query), {}
            if rest[:2] == ["git", "blobs"]:
                data = next(d for d in repo.files.values() if fake_sha("blob", d) == rest[2])
                return (
                    200,
                    {
                        "sha": rest[2],
                        "size": len(data),
                        "encoding": "base64",
                        "content": base64.b64encode(data).decode(),
                    },
                    {},
                )
            if rest[0] == "contents":
                file_path = "/".join(rest[1:])
                data = repo.files[file_path]
                if len(data) > 1024 * 1024:
                    return 403, {"message": "This API returns blobs up to 1 MB in size"}, {}
                return (
                    200,
                    {
                        "type": "file",
                        "encoding": "base64",
                        "path": file_path,
                        "name": file_path.rsplit("/", 1)[-1],
                        "size": len(data),
                        "sha": fake_sha("blob", data),
                        "content": base64.b64encode(data).decode(),
                    },
                    {},
                )
            if rest == ["activity"]:
                return 200, self.activity(repo, query), {}
            if rest[0] == "compare" and len(rest) == 2:
                return 200, {"status": self.compare(repo, *rest[1].split("...", 1))}, {}
            if rest == ["topics"]:
                return 200, {"names": list(repo.topics)}, {}
            if rest == ["actions", "runs"]:
                runs = (
                    []
                    if repo.workflow_conclusion is None
                    else [
                        {
                            "id": 1,
                            "status": "completed",
                            "conclusion": repo.workflow_conclusion,
                            "head_sha": repo.commit,
                        }
                    ]
                )
                return 200, {"total_count": len(runs), "workflow_runs": runs}, {}
            raise KeyError(path)

        def activity(self, repo: FakeRepo, query: dict[str, list[str]]) -> list[dict[str, Any]]:
            if query.get("activity_type", ["push"])[0] != "push" or query.get(
                "ref", [f"refs/heads/{repo.default_branch}"]
            )[0] != (f"refs/heads/{repo.default_branch}"):
                return []
            entries, before = [], "0" * 40
            for number, (when, after) in enumerate(repo.pushes):
                entries.append(
                    {
                        "id": number + 1,
                        "before": before,
                        "after": after,
                        "ref": f"refs/heads/{repo.default_branch}",
                        "timestamp": when,
                        "activity_type": "push",
                    }
                )
                before = after
            return entries[::-1]  # newest first, as GitHub lists them

        def compare(self, repo: FakeRepo, base: str, head: str) -> str:
            if base == head:
                return "identical"
            order = {sha: index for index, sha in enumerate(repo.history)}
            return "ahead" if order[base] < order[head] else "behind"

        def tree(self, repo: FakeRepo, sha: str, recursive: bool) -> dict[str, Any]:
            entries = fake.tree_entries(repo)
            if recursive and not fake.faults.truncate_trees:
                return {"sha": sha, "tree": entries, "truncated": False}
            if recursive:
                top = [e for e in entries if "/" not in e["path"]][:1]
                return {"sha": sha, "tree": top, "truncated": True}
            prefix = (
                ""
                if sha == repo.commit
                else next(
                    e["path"] + "/" for e in entries if e["sha"] == sha and e["type"] == "tree"
                )
            )
            level = []
            for entry in entries:
                if entry["path"].startswith(prefix) and "/" not in entry["path"][len(prefix) :]:
                    level.append({**entry, "path": entry["path"][len(prefix) :]})
            return {"sha": sha, "tree": level, "truncated": False}

        def org_repos(
            self, org: str, query: dict[str, list[str]]
        ) -> tuple[int, Any, dict[str, str]]:
            slugs = fake.orgs[org]
            per_page = int(query.get("per_page", ["30"])[0])
            page = int(query.get("page", ["1"])[0])
            chunk = slugs[(page - 1) * per_page : page * per_page]
            headers = {}
            if page * per_page < len(slugs):
                link = f"{fake.base_url}/orgs/{org}/repos?per_page={per_page}&page={page + 1}"
                headers["Link"] = f'<{link}>; rel="next"'
            return 200, [fake.repo_json(s) for s in chunk], headers

    return Handler


@contextmanager
def serve(fake: FakeGitHub) -> Iterator[FakeGitHub]:
    """Run the fake on 127.0.0.1 (a free port) for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
