"""The gradebook CSV an LMS can import, and results.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from portfolio_lint.core.families import FAMILIES
from portfolio_lint.render.common import MATURITY_FAMILY, PRACTICE_LABELS

# How a practice column reads (issue 12): not applicable to the student's kind of project is n/a.
PRACTICE_CELLS = {"passed": "passed", "partial": "partial", "failed": "failed"}


def families_of(records: Sequence[dict[str, Any]]) -> list[str]:
    """Family columns: the known order first, then any custom families."""
    seen = {family for record in records for family in record.get("families", {})}
    return [f for f in FAMILIES if f in seen] + sorted(seen - set(FAMILIES))


def practices_of(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(code, label) of each OPS practice the cohort's rubric graded, by code."""
    names: dict[str, str] = {}
    for record in records:
        for code in record.get("rules", {}):
            if code.startswith(MATURITY_FAMILY):
                name = record.get("rule_names", {}).get(code, code)
                names.setdefault(code, PRACTICE_LABELS.get(name, name))
    return sorted(names.items())


def practice_cell(record: dict[str, Any], code: str) -> str:
    """`passed`, `partial`, `failed`, `n/a` (another kind of project), or '' (not graded)."""
    status = record.get("rules", {}).get(code)
    return PRACTICE_CELLS.get(status, "n/a") if status else ""


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
    With OPS rules in the rubric, the project's kind and a column per OPS practice
    (`OPS001 tracking`: passed, partial, failed or n/a) follow the families.

    With a deadline on GitHub repositories, a last column `pushed_after_deadline` says
    (yes/no, empty when unknown) whether the graded commit was pushed after it.
    """
    families = families_of(records)
    practices = practices_of(records)
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
            *(["kind", *(f"{code} {label}" for code, label in practices)] if practices else []),
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
                *([record.get("kind") or ""] if practices else []),
                *(practice_cell(record, code) for code, _ in practices),
                record["status"],
                _cell(record.get("error") or ""),
                _count(record.get("inline_suppressions_ignored")),
                *([_flag(record.get("pushed_after_deadline"))] if late else []),
            ]
        )
    return out.getvalue()


def results_json(records: Sequence[dict[str, Any]], summary: dict[str, Any]) -> str:
    """Every record plus a summary block."""
    return json.dumps({"summary": summary, "results": list(records)}, indent=2) + "\n"
