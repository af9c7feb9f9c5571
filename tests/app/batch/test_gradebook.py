"""The gradebook CSV (what an LMS imports) and results.json, from a real graded cohort."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint.app.batch.grade import GradeSettings
from portfolio_lint.app.batch.gradebook import families_of, gradebook_csv, results_json
from portfolio_lint.app.batch.runner import grade_cohort, summarise
from tests.app.batch.conftest import STUDENTS, Cohort


@pytest.fixture
def records(cohort: Cohort, tmp_path: Path) -> list[dict[str, Any]]:
    return grade_cohort(
        cohort.assignments(), GradeSettings(rubric_path=cohort.rubric), tmp_path / "out"
    )


def test_gradebook_columns_and_rows(cohort: Cohort, records: list[dict[str, Any]]) -> None:
    reader = csv.DictReader(io.StringIO(gradebook_csv(records)))
    assert reader.fieldnames == [
        "student",
        "repo",
        "commit",
        "score",
        "grade",
        "DOC",
        "TST",
        "status",
        "error",
        "inline_suppressions_ignored",
    ]
    rows = {row["student"]: row for row in reader}
    assert list(rows) == ["ada", "bob", "cyd", "dan", "eve"]
    for student, (_, expected) in STUDENTS.items():
        row = rows[student]
        assert (row["repo"], row["commit"]) == (cohort.url(student), cohort.commits[student][-1])
        assert (float(row["score"]), row["grade"]) == (expected.score, expected.grade)
        assert {f: float(row[f]) for f in ("DOC", "TST")} == expected.families
        assert (row["status"], row["error"]) == ("ok", "")
    eve = rows["eve"]
    assert [eve[c] for c in ("commit", "score", "grade", "DOC", "TST", "status")] == [
        "",
        "",
        "",
        "",
        "",
        "error",
    ]
    assert eve["error"].startswith("GitError: git clone failed")


def test_numbers_are_plain_decimals(records: list[dict[str, Any]]) -> None:
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(records))))
    numbers = [row[c] for row in rows for c in ("score", "DOC", "TST") if row[c]]
    assert numbers and all(n.replace(".", "", 1).isdigit() and n.count(".") == 1 for n in numbers)
    assert rows[3]["DOC"] == "66.7"


@pytest.mark.parametrize(
    "student",
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-2",
        "@SUM(A1)",
        "\tTab",
        "\rCR",
    ],
)
def test_cells_an_lms_or_spreadsheet_would_run_are_neutralised(
    records: list[dict[str, Any]],
    student: str,
) -> None:
    hostile = [{**records[0], "student": student, "error": f"={student}"}]
    row = next(csv.DictReader(io.StringIO(gradebook_csv(hostile))))
    assert row["student"] == "'" + student
    assert row["error"] == "'=" + student


def test_names_with_commas_quotes_and_accents_round_trip(records: list[dict[str, Any]]) -> None:
    name = 'Łukasz "Luke" Nowak, Jr.'
    row = next(csv.DictReader(io.StringIO(gradebook_csv([{**records[0], "student": name}]))))
    assert row["student"] == name


def test_families_known_order_first_then_custom() -> None:
    records = [{"families": {"CAP": 1.0, "SEC": 2.0}}, {"families": {"DOC": 3.0, "AAA": 4.0}}]
    assert families_of(records) == ["DOC", "SEC", "AAA", "CAP"]


def test_results_json_holds_the_summary_and_every_record(
    records: list[dict[str, Any]],
) -> None:
    data = json.loads(results_json(records, summarise(records, time.monotonic())))
    assert data["summary"]["repositories"] == 5
    assert (data["summary"]["graded"], data["summary"]["errors"]) == (4, 1)
    assert [r["student"] for r in data["results"]] == ["ada", "bob", "cyd", "dan", "eve"]
    assert data["results"][0]["rules"] == {
        "DOC901": "passed",
        "DOC902": "passed",
        "TST901": "passed",
    }


def test_a_late_push_column_appears_only_when_push_times_were_read() -> None:
    base = {"repo": "gh:a/b", "status": "ok", "score": 50.0, "families": {}}
    flagged = [
        {**base, "student": "late", "pushed_after_deadline": True},
        {**base, "student": "ok", "pushed_after_deadline": False},
        {**base, "student": "unknown", "pushed_after_deadline": None},
    ]
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(flagged))))
    assert [r["pushed_after_deadline"] for r in rows] == ["yes", "no", ""]
    plain = gradebook_csv([{**base, "student": "x"}])
    assert "pushed_after_deadline" not in plain
