"""A cohort of student repositories published as local bare repositories, and a test rubric."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import git
import pytest

from portfolio_lint.app.batch.roster import Assignment
from tests.conftest import EPOCH, FileContent, commit_all, write_tree

# Declarative rules only, so grading is fast and each student's verdict is known in advance:
# DOC901 (weight 2) README.md exists, DOC902 (weight 1) it has an Install heading,
# TST901 (weight 2) a test module exists. Score = 100 * passed weight / 5.
RUBRIC_TEMPLATE = """\
[rubric]
name = "batch-test"

[[rule]]
code = "DOC901"
name = "readme-present"
check = "file-exists"
family = "DOC"
weight = 2
options = { glob = "/README.md" }

[[rule]]
code = "DOC902"
name = "readme-install"
check = "file-contains"
family = "DOC"
weight = 1
options = { glob = "/README.md", pattern = "(?i)^## install" }

[[rule]]
code = "TST901"
name = "tests-present"
check = "file-exists"
family = "TST"
weight = {tests_weight}
options = { glob = "tests/test_*.py" }
"""


def rubric_text(tests_weight: int = 2) -> str:
    """The test rubric, with another weight for the tests rule if asked."""
    return RUBRIC_TEMPLATE.replace("{tests_weight}", str(tests_weight))


RUBRIC = rubric_text()

README_FULL = "# Project\n\n## Install\n\n```\npip install .\n```\n"
README_BARE = "# Project\n\nA project.\n"
TEST_FILE = "def test_it():\n    assert True\n"
DEADLINE = EPOCH + timedelta(days=10)


@dataclass(frozen=True)
class Expected:
    """The verdict a student's repository must get under RUBRIC."""

    score: float
    grade: str
    families: Mapping[str, float]


# Each student: commits (files added, days after EPOCH), and the verdict at the branch tip.
STUDENTS: dict[str, tuple[list[tuple[Mapping[str, FileContent], int]], Expected]] = {
    "ada": (
        [({"README.md": README_FULL, "tests/test_a.py": TEST_FILE}, 1)],
        Expected(100.0, "A", {"DOC": 100.0, "TST": 100.0}),
    ),
    "bob": (
        [({"README.md": README_FULL, "main.py": "print(1)\n"}, 2)],
        Expected(60.0, "D", {"DOC": 100.0, "TST": 0.0}),
    ),
    "cyd": (
        [({"tests/test_c.py": TEST_FILE, "main.py": "x = 1\n"}, 3)],
        Expected(40.0, "F", {"DOC": 0.0, "TST": 100.0}),
    ),
    # Late: the tests arrive after the deadline.
    "dan": (
        [({"README.md": README_BARE}, 4), ({"tests/test_d.py": TEST_FILE}, 12)],
        Expected(80.0, "B", {"DOC": 66.7, "TST": 100.0}),
    ),
}
DAN_AT_DEADLINE = Expected(40.0, "F", {"DOC": 66.7, "TST": 0.0})


@dataclass
class Cohort:
    """Work trees, their bare repositories, and the roster that names them."""

    root: Path
    roster: Path
    rubric: Path
    work: dict[str, Path] = field(default_factory=dict)
    bare: dict[str, Path] = field(default_factory=dict)
    commits: dict[str, list[str]] = field(default_factory=dict)
    missing: str = "eve"

    def url(self, student: str) -> str:
        """The file:// URL the roster gives for a student."""
        return (self.root / "bare" / f"{student}.git").as_uri()

    def assignments(self) -> list[Assignment]:
        """The roster's assignments, in roster order."""
        return [Assignment(s, self.url(s)) for s in [*self.work, self.missing]]

    def push(self, student: str, files: Mapping[str, FileContent], days: int) -> str:
        """Commit `files` in the student's work tree and push it to their bare repository."""
        commit = publish(self.work[student], self.bare[student], files, EPOCH + timedelta(days))
        self.commits[student].append(commit)
        return commit


def publish(work: Path, bare: Path, files: Mapping[str, FileContent], when: datetime) -> str:
    """Commit `files` at `when` and push to `bare` (created on first use) as main."""
    write_tree(work, files)
    commit = commit_all(work, f"Work of {when:%Y-%m-%d}", when)
    if not bare.exists():
        git.Repo.init(bare, bare=True).close()
    with git.Repo(work) as repo:
        repo.git.push(str(bare), "HEAD:refs/heads/main", "--force")
    with git.Repo(bare) as published:
        published.git.symbolic_ref("HEAD", "refs/heads/main")
    return commit


def build_cohort(
    root: Path,
    students: Mapping[str, list[tuple[Mapping[str, FileContent], int]]],
) -> Cohort:
    """Publish every student's commits and write the roster (extra column, blank line)."""
    root.mkdir(parents=True, exist_ok=True)
    rubric = root / "rubric.toml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    cohort = Cohort(root, root / "roster.csv", rubric)
    for student, commits in students.items():
        cohort.work[student] = root / "work" / student
        cohort.bare[student] = root / "bare" / f"{student}.git"
        cohort.commits[student] = []
        for files, days in commits:
            cohort.push(student, files, days)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "repo", "section"])
    for index, assignment in enumerate(cohort.assignments()):
        writer.writerow([assignment.student, assignment.repo, f"S{index % 2}"])
        if index == 1:
            writer.writerow([])
    cohort.roster.write_text(out.getvalue(), encoding="utf-8")
    return cohort


@pytest.fixture(autouse=True)
def private_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Clones and analysis caches go below tmp_path, never into the user's cache folder."""
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    yield cache


@pytest.fixture
def cohort(tmp_path: Path) -> Cohort:
    """ada, bob, cyd, dan (a late commit) and eve (no repository)."""
    return build_cohort(tmp_path / "cohort", {s: c for s, (c, _) in STUDENTS.items()})


def by_student(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records keyed by student name."""
    return {record["student"]: record for record in records}


def verdicts(records: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """What must not depend on how grading ran: status, commit, score, grade, rule statuses."""
    return {
        r["student"]: (
            r["status"],
            r["commit"],
            r["score"],
            r["grade"],
            tuple(sorted(r["rules"].items())),
            (r["error"] or "").split(":")[0],
        )
        for r in records
    }
