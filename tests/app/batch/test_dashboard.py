"""The cohort dashboard: histogram, pass rates, and a sortable table in real headless Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint.app.batch.dashboard import histogram, pass_rates, render_dashboard
from portfolio_lint.app.batch.gradebook import gradebook_csv
from tests.browser import chromium_page


def record(
    student: str,
    score: float | None,
    status: str = "ok",
    rules: dict[str, str] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    return {
        "student": student,
        "repo": f"gh:org/{student}",
        "key": f"{student}-k",
        "status": status,
        "commit": "c" * 40 if status == "ok" else None,
        "score": score,
        "grade": "" if score is None else ("A" if score >= 90 else "F"),
        "families": {"DOC": score, "SEC": 100.0} if score is not None else {},
        "rules": rules or {},
        "rule_names": {"DOC001": "readme-present"},
        "error": error,
    }


RECORDS = [
    record("zoe", 95.0, rules={"DOC001": "passed", "SEC001": "passed"}),
    record("ada", 42.5, rules={"DOC001": "failed", "SEC001": "passed"}),
    record("bob", 71.0, rules={"DOC001": "passed", "SEC001": "not-applicable"}),
    record("eve", None, status="error", error="GitError: git clone failed: not found"),
]


def test_histogram_bins_by_tens_with_100_in_the_last_bin() -> None:
    bars = histogram([0.0, 9.9, 10.0, 95.0, 100.0])["bars"]
    assert [b["count"] for b in bars] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert bars[-1]["label"] == "90-100"


def test_pass_rates_count_only_applicable_rules() -> None:
    rates = {r["code"]: r for r in pass_rates(RECORDS[:3])}
    assert (rates["DOC001"]["passed"], rates["DOC001"]["applied"]) == (2, 3)
    assert (rates["SEC001"]["passed"], rates["SEC001"]["applied"]) == (2, 2)


def test_gradebook_has_family_columns_and_neutralises_formulas() -> None:
    rows = gradebook_csv([*RECORDS, record("=HYPERLINK(1)", 50.0)]).splitlines()
    assert (
        rows[0]
        == "student,repo,commit,score,grade,DOC,SEC,status,error,inline_suppressions_ignored"
    )
    assert rows[1].startswith("zoe,gh:org/zoe,cccc")
    assert ",95.0,A,95.0,100.0,ok," in rows[1]
    assert rows[4].startswith("eve,gh:org/eve,,,,,,error,GitError")
    assert rows[5].startswith("'=HYPERLINK(1)")


def test_dashboard_escapes_student_text() -> None:
    page = render_dashboard([record("<script>x</script>", 10.0)], "Cohort")
    assert "<script>x</script>" not in page


@pytest.mark.browser
def test_dashboard_in_chromium(tmp_path: Path) -> None:
    page_path = tmp_path / "index.html"
    page_path.write_text(render_dashboard(RECORDS, "Spring cohort"), encoding="utf-8")
    with chromium_page() as page:
        page.goto(page_path.as_uri())
        assert page.text_content("#total") == "4"
        assert page.text_content("#errors") == "1"
        bars = page.locator("#histogram rect")
        assert bars.count() == 10
        assert sum(int(bars.nth(i).get_attribute("data-count") or 0) for i in range(10)) == 3
        first_column = "#students tbody tr td:first-child"
        page.click("#students th:nth-child(3)")  # score, ascending
        assert page.locator(first_column).all_text_contents() == ["eve", "ada", "bob", "zoe"]
        page.click("#students th:nth-child(3)")  # descending
        assert page.locator(first_column).all_text_contents() == ["zoe", "bob", "ada", "eve"]
        page.click("#students th:nth-child(1)")
        assert page.locator(first_column).all_text_contents() == ["ada", "bob", "eve", "zoe"]
        link = page.get_attribute("#students tbody tr:first-child a", "href")
        assert link == "reports/ada-k.html"
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        assert (tmp_path / "dashboard.png").stat().st_size > 10_000
        assert page.blocked_requests == []


def ops_record(student: str, kind: str, rules: dict[str, str]) -> dict[str, Any]:
    names = {"OPS001": "experiment-tracking", "OPS004": "serving-hygiene"}
    return {**record(student, 80.0, rules=rules), "kind": kind, "rule_names": names}


OPS_RECORDS = [
    ops_record("ada", "serving-app", {"OPS001": "partial", "OPS004": "passed"}),
    ops_record("bob", "notebook-study", {"OPS001": "not-applicable", "OPS004": "not-applicable"}),
]


def test_the_gradebook_gets_the_kind_and_a_column_per_ops_practice() -> None:
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(OPS_RECORDS))))
    assert list(rows[0])[5:10] == ["DOC", "SEC", "kind", "OPS001 tracking", "OPS004 serving"]
    assert [(r["kind"], r["OPS001 tracking"], r["OPS004 serving"]) for r in rows] == [
        ("serving-app", "partial", "passed"),
        ("notebook-study", "n/a", "n/a"),
    ]
    assert "kind" not in gradebook_csv(RECORDS).splitlines()[0]  # no OPS rule graded


def test_the_dashboard_shows_the_kind_and_practice_marks() -> None:
    page = render_dashboard(OPS_RECORDS, "Cohort")
    assert '<th data-type="text" title="OPS004">serving</th>' in page
    assert '<td>serving-app</td><td class="practice">◐</td><td class="practice">✓</td>' in page
    assert '<td class="practice">n/a</td>' in page
