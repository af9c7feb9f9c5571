"""Coverage report readers on real reports written by the coverage package (nothing is run)."""

from __future__ import annotations

import json
from pathlib import Path

import coverage
import pytest

from portfolio_lint.facts.coverage import CoverageReadError, read_report

MODULE = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n"
STATEMENTS = 4  # two `def` lines and two `return` lines


@pytest.fixture
def measured(tmp_path: Path) -> coverage.Coverage:
    """A Coverage object whose data says lines 1, 2 and 5 of calc.py ran (3 of 4 statements)."""
    source = tmp_path / "calc.py"
    source.write_text(MODULE, encoding="utf-8")
    data = coverage.CoverageData(basename=str(tmp_path / ".coverage"))
    data.add_lines({str(source): [1, 2, 5]})
    data.write()
    data.close(force=True)
    cov = coverage.Coverage(data_file=str(tmp_path / ".coverage"), config_file=False)
    cov.load()
    return cov


def test_cobertura_written_by_coverage(tmp_path, measured):
    out = tmp_path / "coverage.xml"
    measured.xml_report(outfile=str(out))
    report = read_report(out.read_bytes())
    assert report.kind == "cobertura"
    assert report.percent == pytest.approx(75.0)
    assert report.timestamp is not None and report.timestamp.tzinfo is not None


def test_json_written_by_coverage(tmp_path, measured):
    out = tmp_path / "coverage.json"
    measured.json_report(outfile=str(out))
    report = read_report(out.read_bytes())
    assert (report.kind, report.files) == ("json", 1)
    assert report.percent == pytest.approx(75.0)
    assert report.timestamp is not None and report.timestamp_is_naive


def test_sqlite_data_file_maps_foreign_paths_to_repository_files(tmp_path, measured):
    data = (tmp_path / ".coverage").read_bytes()
    sources = {"pkg/calc.py": MODULE, "pkg/other.py": "x = 1\n"}
    # recorded on the CI machine as an absolute path ending in tmp_path/calc.py; map by suffix
    renamed = {f"{tmp_path.name}/calc.py".lstrip("/"): MODULE}
    report = read_report(data, list(renamed), renamed.get)
    assert report.kind == "sqlite"
    assert report.percent == pytest.approx(100.0 * 3 / STATEMENTS)
    with pytest.raises(CoverageReadError, match="none of the 1 measured files"):
        read_report(data, list(sources), sources.get)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY x "xx">]><coverage line-rate="1"/>',
            "DOCTYPE",
        ),
        (
            b'<!DOCTYPE coverage SYSTEM "http://127.0.0.1/x.dtd"><coverage line-rate="1"/>',
            "DOCTYPE",
        ),
        (b"<html><body>htmlcov</body></html>", "not <coverage>"),
        (b'<coverage lines-valid="0" lines-covered="0" line-rate="1"/>', "no lines"),
        (b'<coverage line-rate="7.5"/>', "out of range"),
        (b'<coverage version="7"/>', "no line-rate"),
        (b"<coverage", "no <coverage> element"),
        (b'{"totals": {"percent_covered": "high"}}', "no percent_covered"),
        (b"[1, 2, 3]", "not a Cobertura"),
        (b"{" * 100_000, "invalid JSON"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "unreadable .coverage"),
        (b"\x89PNG\r\n\x1a\n", "not a Cobertura"),
    ],
)
def test_bad_reports_are_errors_never_crashes(data, message):
    with pytest.raises(CoverageReadError, match=message):
        read_report(data)


def test_cobertura_timestamp_in_milliseconds():
    report = read_report(b'<coverage timestamp="1767607200000" line-rate="0.5"/>')
    assert report.percent == pytest.approx(50.0)
    assert report.timestamp is not None and report.timestamp.year == 2026


def test_json_with_offset_timestamp_is_not_naive():
    text = json.dumps(
        {
            "meta": {"timestamp": "2026-01-05T10:00:00+02:00"},
            "totals": {"covered_lines": 3, "num_statements": 4},
        }
    )
    report = read_report(text.encode())
    assert report.percent == pytest.approx(75.0)
    assert not report.timestamp_is_naive


def _rewritten(tmp_path: Path, script: str) -> bytes:
    import sqlite3

    with sqlite3.connect(tmp_path / ".coverage") as db:
        db.executescript(script)
    db.close()
    return (tmp_path / ".coverage").read_bytes()


@pytest.mark.parametrize(
    "script",
    [
        # A recursive view never ends: coverage's own reader hung on it, memory growing.
        "ALTER TABLE file RENAME TO f0; CREATE VIEW file AS SELECT id, path FROM f0;",
        "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;",
        "CREATE TABLE g (x, y AS (printf('%.*c', 1000000000, 'x')));",
    ],
)
def test_sqlite_schema_that_runs_queries_is_refused(tmp_path, measured, script):
    data = _rewritten(tmp_path, script)
    sources = {f"{tmp_path.name}/calc.py": MODULE}
    with pytest.raises(CoverageReadError, match="is refused"):
        read_report(data, list(sources), sources.get)


def test_sqlite_branch_data_counts_arc_ends(tmp_path):
    data = coverage.CoverageData(basename=str(tmp_path / ".coverage"))
    data.add_arcs({"/ci/pkg/calc.py": [(-1, 1), (1, 2), (2, -1), (-5, 5)]})
    data.write()
    data.close(force=True)
    sources = {"pkg/calc.py": MODULE}
    report = read_report((tmp_path / ".coverage").read_bytes(), list(sources), sources.get)
    assert report.percent == pytest.approx(100.0 * 3 / STATEMENTS)


@pytest.mark.parametrize(
    "data",
    [
        b'{"totals": {"percent_covered": 1' + b"0" * 400 + b"}}",  # float() overflowed
        b'{"totals": {"covered_lines": 1, "num_statements": 1' + b"0" * 400 + b"}}",
        b'{"totals": {"percent_covered": 5}, "meta": {"timestamp": "9999-12-31T23:59:59"}}',
        b'{"totals": {"percent_covered": 5}, "meta": {"timestamp": "0001-01-01T00:00+23:59"}}',
        b'<coverage line-rate="0.5" timestamp="9999999999999999"/>',  # year 318857
        b'<coverage line-rate="0.5" timestamp="99999999999"/>',
    ],
)
def test_absurd_numbers_and_dates_never_crash(data):
    try:
        report = read_report(data)
    except CoverageReadError:
        return
    # A year-9999 timestamp made the staleness check overflow adding its grace hour.
    assert report.timestamp is None
