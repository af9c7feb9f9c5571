"""The result store: tolerant reads, and the stored form of a result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio_lint.app.batch.grade import GradeResult, GradeSettings, grade
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.store import ResultStore, record_of
from tests.app.batch.conftest import STUDENTS, Cohort

ADA = Assignment("ada", "file:///srv/ada.git")


def test_the_store_reads_back_what_it_saved(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.save(ADA, {"status": "ok", "score": 90.0})
    assert store.path(ADA).parent == tmp_path / "results"
    assert store.load(ADA) == {"status": "ok", "score": 90.0}
    assert store.load(Assignment("bob", "file:///srv/bob.git")) is None


@pytest.mark.parametrize(
    "content",
    [
        '{"status": "ok", "sco',  # cut off mid-write by a killed run
        "[1, 2, 3]\n",  # valid JSON, not a record
        "\xff\xfe garbage",
    ],
)
def test_an_unreadable_record_is_absent(tmp_path: Path, content: str) -> None:
    store = ResultStore(tmp_path)
    store.path(ADA).parent.mkdir(parents=True)
    store.path(ADA).write_text(content, encoding="latin-1")
    assert store.load(ADA) is None


def test_a_temporary_file_next_to_a_record_is_never_read(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    store.path(ADA).parent.mkdir(parents=True)
    # What a killed write leaves: the temporary, with the record never renamed into place.
    (store.path(ADA).parent / f".{store.path(ADA).name}.k1ll3d").write_text('{"status": "ok"}')
    assert store.load(ADA) is None


def test_record_of_a_graded_repository(cohort: Cohort) -> None:
    result = grade(Assignment("bob", cohort.url("bob")), GradeSettings(rubric_path=cohort.rubric))
    record = record_of(result, "key-1")
    expected = STUDENTS["bob"][1]
    assert record["student"] == "bob" and record["repo"] == cohort.url("bob")
    assert record["key"] == result.assignment.key and record["cache_key"] == "key-1"
    assert (record["status"], record["commit"]) == ("ok", cohort.commits["bob"][-1])
    assert (record["score"], record["grade"]) == (expected.score, expected.grade)
    assert record["families"] == expected.families
    assert record["rules"] == {"DOC901": "passed", "DOC902": "passed", "TST901": "failed"}
    assert record["rule_names"]["TST901"] == "tests-present"
    assert record["error"] is None
    assert json.loads(json.dumps(record)) == record


def test_record_of_an_error() -> None:
    record = record_of(GradeResult(ADA, "error", error="GitError: gone", seconds=1.23456), "")
    assert (record["status"], record["score"], record["grade"], record["commit"]) == (
        "error",
        None,
        "",
        None,
    )
    assert (record["families"], record["rules"], record["error"]) == ({}, {}, "GitError: gone")
    assert record["seconds"] == 1.235
