"""shields.io endpoint JSON: label, score message and a colour band."""

from __future__ import annotations

import json

from portfolio_lint.core.model import Report

COLOUR_BANDS = (
    (90.0, "brightgreen"),
    (80.0, "green"),
    (70.0, "yellowgreen"),
    (60.0, "yellow"),
    (50.0, "orange"),
)


def colour(score: float | None) -> str:
    """Badge colour for a score."""
    if score is None:
        return "lightgrey"
    return next((name for floor, name in COLOUR_BANDS if score >= floor), "red")


def render(report: Report) -> str:
    """The endpoint document shields.io reads (`https://img.shields.io/endpoint?url=...`)."""
    message = "n/a" if report.score is None else f"{report.score:.0f}/100 ({report.grade})"
    document = {
        "schemaVersion": 1,
        "label": "portfolio-lint",
        "message": message,
        "color": colour(report.score),
    }
    return json.dumps(document) + "\n"
