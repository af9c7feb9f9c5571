"""Who to grade: a roster CSV, or an organisation's repositories by name prefix; sharding."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STUDENT_COLUMNS = ("student", "name", "student_name", "login", "github", "username", "id",
                   "email")
REPO_COLUMNS = ("repo", "repository", "url", "repo_url", "repository_url", "github_repo",
                "target", "project")
MAX_ROSTER_BYTES = 16 * 1024 * 1024


class RosterError(ValueError):
    """A roster that cannot be read; the message says which line or column."""


@dataclass(frozen=True)
class Assignment:
    """One repository to grade and the student it belongs to."""

    student: str
    repo: str

    @property
    def key(self) -> str:
        """A filesystem-safe, unique name for this student's outputs."""
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", self.student).strip("-.")[:60] or "student"
        # Both halves are hashed: "Ada L." and "Ada L!" sharing a pair project get two files.
        digest = hashlib.sha256(f"{self.student}\0{self.repo}".encode()).hexdigest()[:10]
        return f"{slug}-{digest}"


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    normalised = [re.sub(r"[^a-z_]", "", h.strip().lower().replace(" ", "_")) for h in header]
    return next((normalised.index(n) for n in names if n in normalised), None)


def read_roster(path: Path) -> list[Assignment]:
    """Assignments from a CSV with a header naming a student and a repository column."""
    try:
        raw = path.read_bytes()[:MAX_ROSTER_BYTES]
    except OSError as error:
        raise RosterError(f"cannot read roster {path}: {error.strerror}") from error
    text = raw.decode("utf-8-sig", errors="replace")
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise RosterError(f"{path}: empty roster")
    header, body = rows[0], rows[1:]
    repo_at = _column(header, REPO_COLUMNS)
    if repo_at is None:
        raise RosterError(f"{path}: no repository column (one of: {', '.join(REPO_COLUMNS)})")
    student_at = _column(header, STUDENT_COLUMNS)
    assignments: list[Assignment] = []
    seen: set[tuple[str, str]] = set()
    for row in body:
        repo = row[repo_at].strip() if repo_at < len(row) else ""
        if not repo:
            continue
        student = row[student_at].strip() if student_at is not None and student_at < len(
            row) else ""
        repo = _beside(path, repo)
        assignment = Assignment(student or repo, repo)
        if (assignment.student, assignment.repo) not in seen:
            seen.add((assignment.student, assignment.repo))
            assignments.append(assignment)
    return assignments


def _beside(roster: Path, repo: str) -> str:
    """A relative folder path is read from the roster's folder, wherever the command runs."""
    from portfolio_lint.targets import TargetError, parse_target

    try:  # the command line's rule: an existing folder wins over the owner/repo shorthand
        local = parse_target(repo, cwd=roster.resolve().parent).local
    except (TargetError, OSError, RuntimeError):  # unknown here; a symlink loop
        return repo
    return str(local) if local is not None else repo


def org_assignments(github: Any, org: str, prefix: str) -> list[Assignment]:
    """Every non-archived repository of `org` whose name starts with `prefix` (paginated)."""
    found = []
    for repository in github.get_organization(org).get_repos(type="all"):
        if repository.archived or not repository.name.startswith(prefix):
            continue
        student = repository.name[len(prefix):].strip("-_") or repository.name
        found.append(Assignment(student, f"gh:{repository.full_name}"))
    return sorted(found, key=lambda a: a.repo)


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N` with 1 <= I <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise RosterError(f"--shard must be I/N with 1 <= I <= N, got {text!r}")
    return int(match[1]), int(match[2])


def shard(assignments: Iterable[Assignment], index: int, count: int) -> list[Assignment]:
    """Shard `index` of `count`: balanced (sizes differ by at most one) and stable under reordering.

    Assignments are ranked by repository (then student) and dealt round-robin, so every shard
    of a matrix gets its fair share however the roster file is ordered.
    """
    items = list(assignments)
    ranked = sorted(range(len(items)), key=lambda i: (items[i].repo, items[i].student, i))
    chosen = {position for rank, position in enumerate(ranked) if rank % count == index - 1}
    return [a for position, a in enumerate(items) if position in chosen]
