"""The cohort dashboard: histogram, pass rates, and a sortable table in real headless Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint.app.batch import dashboard
from portfolio_lint.app.batch.dashboard import (
    histogram,
    pass_rates,
    render_dashboard,
    section_of,
    trend_of,
)
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


WIDE_FAMILIES = ["DOC", "ENV", "TST", "CI", "DAT", "SEC", "QUA", "VCS", "OPS"]


def wide_record(index: int, score: float | None, section: str, **extra: Any) -> dict[str, Any]:
    """A record as a real cohort writes it: every family, a long URL, a section."""
    student = f"Student Number {index:02d} With A Long Name"
    base = record(student, score, **extra)
    base["repo"] = (
        f"https://github.com/bootcamp-organisation-spring-2026/portfolio-project-{index:02d}-"
        "machine-learning-final-submission.git"
    )
    base["families"] = (
        {f: round((score or 0) - i, 1) for i, f in enumerate(WIDE_FAMILIES)} if score else {}
    )
    base["section"] = section
    return base


def wide_cohort() -> list[dict[str, Any]]:
    long_error = (
        "GitError: git clone failed: remote: Repository not found. fatal: repository "
        "'https://github.com/bootcamp-organisation-spring-2026/portfolio-project-07.git/' "
        "not found"
    )
    rows = [
        wide_record(i, 40.0 + i * 5.5, f"Section {'AB'[i % 2]}", rules=_rules(i)) for i in range(10)
    ]
    rows.append(wide_record(10, None, "Section B", status="error", error=long_error))
    rows[0]["student"] = "Zed"  # a short name first
    return rows


def _rules(index: int) -> dict[str, str]:
    return {
        "DOC001": "passed",
        "SEC001": "failed" if index % 3 == 0 else "passed",
        "TST001": "partial",
        "CI001": "failed",
    }


def pairs() -> list[dict[str, Any]]:
    side = {"repo": "gh:org/x", "key": "k"}
    return [
        {
            "a": {**side, "student": "Student Number 01 With A Long Name"},
            "b": {**side, "student": "Student Number 02 With A Long Name"},
            "overlap": 1.0,
            "files": 1.0,
            "commits": 0.0,
            "code": 1.0,
            "containment": 1.0,
            "shared_files": [f"notebooks/{i:02d}-exploration-of-the-data.ipynb" for i in range(12)],
            "shared_commits": 0,
            "reason": "12 identical files (100% of the smaller)",
        }
    ]


def test_pass_rates_count_partial_credit_as_partial_and_list_the_worst_first() -> None:
    records = [
        {**record("a", 80.0, rules={"TST001": "partial", "CI001": "passed", "X": "skipped"})},
        {**record("b", 60.0, rules={"TST001": "partial", "CI001": "failed"})},
    ]
    records[0]["rule_scores"] = {"TST001": 0.5, "CI001": 1.0}
    records[1]["rule_scores"] = {"TST001": 0.25, "CI001": 0.0}
    rows = pass_rates(records)
    assert [r["code"] for r in rows] == ["TST001", "CI001", "X"]
    tst = rows[0]
    assert (tst["passed"], tst["partial"], tst["applied"]) == (0, 2, 2)
    assert tst["rate"] == pytest.approx(37.5)
    assert rows[1]["rate"] == 50.0 and rows[2]["rate"] is None
    # A partial stored without its credit (an older record) counts half.
    del records[1]["rule_scores"]
    assert pass_rates(records)[0]["rate"] == pytest.approx(50.0)


def test_trend_compares_with_the_earlier_run_of_the_same_key() -> None:
    now = record("ada", 80.0)
    assert trend_of(now, {"ada-k": {**now, "score": 71.5}}) == {
        "before": 71.5,
        "now": 80.0,
        "change": 8.5,
    }
    assert trend_of(now, {}) is None
    assert trend_of(now, {"ada-k": {"score": None}}) is None
    failed_now = record("ada", None, status="error")
    assert trend_of(failed_now, {"ada-k": now}) == {"before": 80.0, "now": None, "change": None}
    page = render_dashboard([now], "Cohort", previous={"ada-k": {**now, "score": 71.5}})
    assert "71.5 → 80.0" in page and "+8.5 points since the earlier run" in page
    assert "Trend" not in render_dashboard([now], "Cohort")


def test_section_comes_from_a_field_or_a_roster_column() -> None:
    assert section_of({"section": "B"}) == "B"
    assert section_of({"columns": {"Email": "a@b", "Section": "Tue"}}) == "Tue"
    assert section_of({}) == ""


@pytest.mark.browser
def test_dashboard_fits_1280_pixels_with_filters_sorting_and_similarity(tmp_path: Path) -> None:
    rows = wide_cohort()
    previous = {r["key"]: {**r, "score": (r["score"] or 50) - 3} for r in rows}
    page_path = tmp_path / "index.html"
    page_path.write_text(
        render_dashboard(rows, "Spring cohort", pairs(), previous=previous), encoding="utf-8"
    )
    with chromium_page() as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(page_path.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        # The status column is on screen, not cut off.
        status = page.locator("#students thead th").last
        assert status.text_content() == "Status"
        box = status.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280
        # Rules: worst rate first (CI001 0%, TST001 partial, SEC001, DOC001 100%).
        codes = page.locator("#rules tbody td:first-child").all_text_contents()
        assert codes == ["CI001", "TST001", "SEC001", "DOC001"]
        # Filters: section, status, both.
        visible = "#students tbody tr:not([hidden])"
        assert page.locator(visible).count() == 11
        page.select_option("#filter-section", "Section A")
        assert page.locator(visible).count() == 5
        assert page.text_content("#shown") == "5 shown"
        page.select_option("#filter-status", "error")
        assert page.locator(visible).count() == 0
        page.select_option("#filter-section", "")
        assert page.locator(visible + " td:first-child").all_text_contents() == [
            rows[-1]["student"]
        ]
        page.select_option("#filter-status", "")
        # Sorting by score still works with the section and trend columns in place.
        page.click("#students th:has-text('Score')")
        first = page.locator(visible + " td:first-child").all_text_contents()
        assert first[0] == rows[-1]["student"] and first[1] == "Zed"
        # The similarity pairs, with their shared files shortened.
        cells = page.locator("#similarity tbody tr td").all_text_contents()
        assert cells[:3] == [
            "Student Number 01 With A Long Name",
            "Student Number 02 With A Long Name",
            "100%",
        ]
        assert "and 4 more" in cells[4]
        trend = page.locator("#students tr:has-text('Zed') td.trend").text_content()
        assert trend == "37.0 → 40.0"
        page.screenshot(path=str(tmp_path / "wide.png"), full_page=True)
        assert page.blocked_requests == []


def test_dashboard_lists_the_closest_pairs_and_says_how_many_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dashboard, "MAX_PAIRS_SHOWN", 1)
    many = pairs() * 3
    page = render_dashboard(RECORDS, "Cohort", many)
    assert page.count("12 identical files") == 1
    assert "2 more pairs with a smaller overlap are listed in results.json" in page
    assert "No pair of submissions" in render_dashboard(RECORDS, "Cohort", [])


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
