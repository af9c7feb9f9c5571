"""The HTML report renders in real headless Chromium: score shown, filters work, no requests out."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.core.model import Report
from portfolio_lint.render import html
from tests.browser import chromium_page


def test_html_is_self_contained_and_escaped(sample_report: Report) -> None:
    page = html.render(sample_report)
    assert "<script src" not in page and "<link" not in page and "http://" not in page
    assert "37.5" in page and "grade F" in page
    assert "Why no-hardcoded-secrets matters." in page


def test_html_escapes_repository_text(sample_report: Report) -> None:
    from dataclasses import replace

    hostile = replace(sample_report, target="<script>alert(1)</script>")
    assert "<script>alert(1)" not in html.render(hostile)


@pytest.mark.browser
def test_html_report_in_chromium(sample_report: Report, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text(html.render(sample_report), encoding="utf-8")
    with chromium_page() as page:
        page.goto(target.as_uri())
        assert page.text_content("#score") == "37.5"
        assert page.text_content("#verdict") == "failed"
        rows = page.locator("#findings tbody tr")
        assert rows.count() == 4
        page.select_option("#family-filter", "SEC")
        assert page.locator("#findings tbody tr:visible").count() == 2
        assert page.text_content("#finding-count") == "(2 of 4)"
        page.select_option("#severity-filter", "warning")
        assert page.locator("#findings tbody tr:visible").count() == 0
        page.select_option("#family-filter", "")
        assert page.locator("#findings tbody tr:visible").count() == 2
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert page.blocked_requests == []


def test_html_keeps_repository_text_on_its_line(sample_report: Report) -> None:
    from dataclasses import replace

    hostile = replace(sample_report, target="t\n::error ::pwned", warnings=("w\r::error ::x",))
    page = html.render(hostile)
    assert "t\\n::error ::pwned" in page and "w\\r::error ::x" in page
    assert not [line for line in page.splitlines() if line.lstrip().startswith("::")]
