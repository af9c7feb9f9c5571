"""The result store: atomic writes, tolerant reads, and the stored form of a result."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from portfolio_lint.app.batch.grade import GradeResult, GradeSettings, grade
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.store import ResultStore, record_of, write_atomically
from tests.app.batch.conftest import STUDENTS, Cohort

ADA = Assignment("ada", "file:///srv/ada.git")


def test_write_atomically_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "gradebook.csv"
    write_atomically(target, "old\n")
    write_atomically(target, "new\n")
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["gradebook.csv"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "results.json"
    write_atomically(target, "complete\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "half")
    assert target.read_text() == "complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    # Like /dev/null: replacing a special file with a regular one would break everyone using it.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomically(fifo, "row\n")
        assert os.read(reader, 100) == b"row\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


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
