"""The cohort dashboard: sortable table, score histogram (inline SVG), rule pass rates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from portfolio_lint.app.batch.gradebook import families_of, practices_of
from portfolio_lint.render.html import band, load_template

BIN_WIDTH = 10
MAX_PAIRS_SHOWN = 300  # the dashboard lists the closest pairs; results.json has them all
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
    """Per rule, among graded repositories where it applied: how many passed, got partial
    credit or failed, and the mean credit as a rate (a partial counts its own credit, not a
    pass or a fail); worst rate first."""
    rules: dict[str, dict[str, Any]] = {}
    for record in records:
        credits = record.get("rule_scores") or {}
        for code, status in record.get("rules", {}).items():
            entry = rules.setdefault(
                code,
                {"code": code, "name": "", "passed": 0, "partial": 0, "applied": 0, "credit": 0.0},
            )
            entry["name"] = record.get("rule_names", {}).get(code, entry["name"])
            if status not in ("passed", "partial", "failed"):
                continue
            entry["applied"] += 1
            entry["passed"] += status == "passed"
            entry["partial"] += status == "partial"
            entry["credit"] += _credit(status, credits.get(code))
    for row in rules.values():
        row["rate"] = None if not row["applied"] else 100.0 * row["credit"] / row["applied"]
    unrated = 101.0  # rules that never applied go last
    return sorted(
        rules.values(), key=lambda r: (unrated if r["rate"] is None else r["rate"], r["code"])
    )


def _credit(status: str, score: Any) -> float:
    if status == "passed":
        return 1.0
    if status == "failed":
        return 0.0
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        return min(1.0, max(0.0, float(score)))
    return 0.5  # a partial stored without its credit


def section_of(record: dict[str, Any]) -> str:
    """The student's section from the roster (a `section` field or roster column), or ""."""
    value = record.get("section")
    if value is None:
        columns = record.get("columns") or record.get("roster") or {}
        if isinstance(columns, dict):
            value = next((v for k, v in columns.items() if str(k).lower() == "section"), None)
    return "" if value is None else str(value)


def trend_of(record: dict[str, Any], previous: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The student's score in the earlier run and now, or None without an earlier score."""
    earlier = previous.get(record.get("key", ""))
    before = earlier.get("score") if isinstance(earlier, dict) else None
    if not isinstance(before, (int, float)) or isinstance(before, bool):
        return None
    now = record.get("score")
    change = None if now is None else round(float(now) - float(before), 1)
    return {"before": round(float(before), 1), "now": now, "change": change}


def render_dashboard(
    records: Sequence[dict[str, Any]],
    title: str,
    similarity: Sequence[dict[str, Any]] | None = None,
    *,
    previous: dict[str, dict[str, Any]] | None = None,
) -> str:
    """index.html for the output folder (reports linked relatively). `similarity`: the pairs
    of the similarity section (None: not computed); `previous`: the earlier run's records
    by key, for the trend column."""
    graded = [r for r in records if r["status"] == "ok" and r.get("score") is not None]
    scores = [float(r["score"]) for r in graded]
    summary = {
        "total": len(records),
        "graded": len(graded),
        "errors": sum(1 for r in records if r["status"] != "ok"),
        "mean": round(sum(scores) / len(scores), 1) if scores else None,
        "median": round(sorted(scores)[len(scores) // 2], 1) if scores else None,
    }
    rows = [{**r, "section": section_of(r), "trend": trend_of(r, previous or {})} for r in records]
    template = load_template("dashboard.html.j2")
    return str(
        template.render(
            title=title,
            records=rows,
            families=families_of(records),
            practices=practices_of(records),
            marks=PRACTICE_MARKS,
            summary=summary,
            histogram=histogram(scores),
            rules=pass_rates(graded),
            sections=sorted({r["section"] for r in rows if r["section"]}),
            statuses=sorted({r["status"] for r in rows}),
            has_trend=previous is not None and any(r["trend"] for r in rows),
            similarity=None if similarity is None else similarity[:MAX_PAIRS_SHOWN],
            pairs_left_out=max(0, len(similarity or ()) - MAX_PAIRS_SHOWN),
        )
    )
