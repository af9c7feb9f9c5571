"""The gradebook CSV an LMS can import, and results.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from portfolio_lint.core.families import FAMILIES


def families_of(records: Sequence[dict[str, Any]]) -> list[str]:
    """Family columns: the known order first, then any custom families."""
    seen = {family for record in records for family in record.get("families", {})}
    return [f for f in FAMILIES if f in seen] + sorted(seen - set(FAMILIES))


def _number(value: Any) -> str:
    return "" if value is None else f"{value:.1f}"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells that start with these as formulas (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _count(value: Any) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


def _flag(value: Any) -> str:
    return "" if value is None else "yes" if value else "no"


def gradebook_csv(records: Sequence[dict[str, Any]]) -> str:
    """student, repo, commit, score, grade, one column per family, status, error, and the
    number of inline suppressions the grader did not honour (a student silencing a finding).

    With a deadline on GitHub repositories, a last column `pushed_after_deadline` says
    (yes/no, empty when unknown) whether the graded commit was pushed after it.
    """
    families = families_of(records)
    late = any(record.get("pushed_after_deadline") is not None for record in records)
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any field holding a CR or LF, which it does
    # not for a lone CR when rows end in "\n" (a name with a CR would split its row).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "student",
            "repo",
            "commit",
            "score",
            "grade",
            *families,
            "status",
            "error",
            "inline_suppressions_ignored",
            *(["pushed_after_deadline"] if late else []),
        ]
    )
    for record in records:
        writer.writerow(
            [
                _cell(record["student"]),
                _cell(record["repo"]),
                record.get("commit") or "",
                _number(record.get("score")),
                record.get("grade") or "",
                *(_number(record.get("families", {}).get(f)) for f in families),
                record["status"],
                _cell(record.get("error") or ""),
                _count(record.get("inline_suppressions_ignored")),
                *([_flag(record.get("pushed_after_deadline"))] if late else []),
            ]
        )
    return out.getvalue()


# Stored with each cached result but not part of the published results (large, internal).
INTERNAL_FIELDS = ("signature",)


def public(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its internal fields."""
    return {k: v for k, v in record.items() if k not in INTERNAL_FIELDS}


def results_json(
    records: Sequence[dict[str, Any]],
    summary: dict[str, Any],
    similarity: Sequence[dict[str, Any]] | None = None,
) -> str:
    """Every record plus a summary block, and the similarity pairs when they were computed
    (see app.batch.similarity for what each field measures and the thresholds)."""
    body: dict[str, Any] = {"summary": summary, "results": [public(r) for r in records]}
    if similarity is not None:
        body["similarity"] = list(similarity)
    return json.dumps(body, indent=2) + "\n"
