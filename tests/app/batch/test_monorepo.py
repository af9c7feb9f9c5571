"""Grading one project folder of each student's portfolio repository: the roster's `path`
column, `//folder` targets, deadlines and the commit written; path-like values stay local."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio_lint.app import cli
from portfolio_lint.app.batch.grade import GradeSettings, grade
from portfolio_lint.app.batch.roster import Assignment, read_roster
from tests.app.batch.conftest import README_BARE, README_FULL, RUBRIC, TEST_FILE, publish
from tests.conftest import EPOCH

DEADLINE = EPOCH + timedelta(days=10)


def portfolio(root: Path, student: str) -> list[str]:
    """A student's repository with two projects: titanic complete by day 2, then (late) only
    the house project changes. Returns the commits; the work tree is published bare."""
    work, bare = root / "work" / student, root / "bare" / f"{student}.git"
    return [
        publish(work, bare, {"projects/house/README.md": README_BARE}, EPOCH + timedelta(1)),
        publish(
            work,
            bare,
            {"projects/titanic/README.md": README_FULL, "projects/titanic/tests/test_t.py": ""},
            EPOCH + timedelta(days=2),
        ),
        publish(work, bare, {"projects/house/tests/test_h.py": TEST_FILE}, DEADLINE + timedelta(1)),
    ]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    root.mkdir()
    (root / "rubric.toml").write_text(RUBRIC, encoding="utf-8")
    return root


def test_the_path_column_names_a_folder_of_each_repository(course: Path) -> None:
    (course / "work" / "bob" / "projects" / "titanic").mkdir(parents=True)
    (course / "work" / "bob" / "escape").symlink_to(course.parent)
    roster = course / "roster.csv"
    roster.write_text(
        "student,repo,path\n"
        "ada,gh:ada/portfolio,projects/titanic\n"
        "bob,work/bob,projects/titanic/\n"
        "cyd,gh:cyd/portfolio,../other\n"
        "dan,work/bob,escape\n"
        "eve,gh:eve/portfolio//projects/x,\n"
        "fay,gh:fay/portfolio//projects/x,projects/y\n",
        encoding="utf-8",
    )
    rows = {a.student: a for a in read_roster(roster)}
    assert rows["ada"] == Assignment("ada", "gh:ada/portfolio//projects/titanic")
    assert rows["bob"] == Assignment("bob", str((course / "work/bob/projects/titanic").resolve()))
    assert rows["cyd"].refusal is not None and "relative path inside" in rows["cyd"].refusal
    assert rows["dan"].refusal is not None and "leaves the repository" in rows["dan"].refusal
    assert rows["eve"] == Assignment("eve", "gh:eve/portfolio//projects/x")
    assert rows["fay"].refusal is not None and "column too" in rows["fay"].refusal


@pytest.mark.parametrize("value", ["./missing", "../missing", "/missing/repo", "~/missing/x"])
def test_a_path_like_roster_value_is_never_sent_to_github(
    course: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://127.0.0.1:1")
    roster = course / "roster.csv"
    roster.write_text(f"student,repo\nmallory,{value}\n", encoding="utf-8")
    (assignment,) = read_roster(roster)
    result = grade(assignment, GradeSettings(rubric_path=course / "rubric.toml", timeout=30))
    assert result.status == "error" and result.error is not None
    assert result.error.startswith(("TargetError: no such folder", "RefusedError"))


def test_a_folder_of_a_bare_repository_by_url_and_of_a_work_tree(course: Path) -> None:
    commits = portfolio(course, "ada")
    settings = GradeSettings(rubric_path=course / "rubric.toml", timeout=60)
    url = (course / "bare" / "ada.git").as_uri()
    for repo in (f"{url}//projects/titanic", str(course / "work/ada/projects/titanic")):
        result = grade(Assignment("ada", repo), settings)
        assert result.status == "ok", result.error
        assert (result.commit, result.score) == (commits[-1], 100.0)
    roster = course / "roster.csv"
    roster.write_text("student,repo,path\nada,bare/ada.git,projects/titanic\n", encoding="utf-8")
    (from_bare,) = read_roster(roster)
    assert from_bare.repo == f"{url}//projects/titanic"
    assert grade(from_bare, settings).commit == commits[-1]
    house = grade(Assignment("ada", f"{url}//projects/house"), settings)
    assert house.score is not None and house.score < 100.0  # no Install section


def test_batch_grades_the_folder_at_the_deadline_and_writes_the_commit(
    course: Path, tmp_path: Path
) -> None:
    ada = portfolio(course, "ada")
    bob = portfolio(course, "bob")
    roster = course / "roster.csv"
    roster.write_text(
        "student,repo,path\n"
        f"ada,{(course / 'bare' / 'ada.git').as_uri()},projects/titanic\n"
        "bob,work/bob,projects/house\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["batch", "--roster", roster, "--rubric", course / "rubric.toml", "--output-dir", out]
    result = CliRunner().invoke(cli.main, [*map(str, args), "--as-of", DEADLINE.isoformat()])
    assert result.exit_code in (0, 1), result.output
    rows = csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8")))
    graded = {row["student"]: row for row in rows}
    assert graded["ada"]["commit"] == ada[1] and graded["bob"]["commit"] == bob[1]
    assert float(graded["ada"]["score"]) == 100.0
    records = json.loads((out / "results.json").read_text())["results"]
    bob_rules = next(r for r in records if r["student"] == "bob")["rules"]
    assert bob_rules["TST901"] != "passed"  # house's tests came after the deadline
