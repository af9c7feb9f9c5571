"""The cohort dashboard: sortable table, score histogram (inline SVG), rule pass rates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portfolio_lint.app.batch.gradebook import families_of, practices_of
from portfolio_lint.render.html import band, load_template

BIN_WIDTH = 10
PRACTICE_MARKS = {"passed": "✓", "partial": "◐", "failed": "✗"}  # anything else applied: n/a


def histogram(scores: Sequence[float], width: int = 560, height: int = 180) -> dict[str, Any]:
    """Bars for scores binned by tens (the last bin holds 100)."""
    counts = [0] * (100 // BIN_WIDTH)
    for score in scores:
        counts[min(int(score // BIN_WIDTH), len(counts) - 1)] += 1
    tallest = max(counts) or 1
    bar_width = width / len(counts)
    bars = []
    for index, count in enumerate(counts):
        bar_height = (height - 42) * count / tallest
        low = index * BIN_WIDTH
        bars.append(
            {
                "x": round(index * bar_width + 2, 1),
                "width": round(bar_width - 4, 1),
                "y": round(height - 20 - bar_height, 1),
                "height": round(bar_height, 1),
                "count": count,
                "label": f"{low}-{low + BIN_WIDTH - 1 if low < 90 else 100}",
                "band": band(low + BIN_WIDTH / 2),
            }
        )
    return {"width": width, "height": height, "bars": bars}


def pass_rates(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per rule: how many graded repositories passed it, among those where it applied."""
    rules: dict[str, dict[str, Any]] = {}
    for record in records:
        for code, status in record.get("rules", {}).items():
            entry = rules.setdefault(code, {"code": code, "name": "", "passed": 0, "applied": 0})
            entry["name"] = record.get("rule_names", {}).get(code, entry["name"])
            if status in ("passed", "partial", "failed"):
                entry["applied"] += 1
                entry["passed"] += status == "passed"
    rows = sorted(rules.values(), key=lambda r: r["code"])
    for row in rows:
        row["rate"] = None if not row["applied"] else 100.0 * row["passed"] / row["applied"]
    return rows


def render_dashboard(records: Sequence[dict[str, Any]], title: str) -> str:
    """index.html for the output folder (reports linked relatively)."""
    graded = [r for r in records if r["status"] == "ok" and r.get("score") is not None]
    scores = [float(r["score"]) for r in graded]
    summary = {
        "total": len(records),
        "graded": len(graded),
        "errors": sum(1 for r in records if r["status"] != "ok"),
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "median": round(sorted(scores)[len(scores) // 2], 1) if scores else None,
    }
    template = load_template("dashboard.html.j2")
    return str(
        template.render(
            title=title,
            records=records,
            families=families_of(records),
            practices=practices_of(records),
            marks=PRACTICE_MARKS,
            summary=summary,
            histogram=histogram(scores),
            rules=pass_rates(graded),
        )
    )
