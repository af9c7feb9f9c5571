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


def roster_columns(records: Sequence[dict[str, Any]]) -> list[str]:
    """The roster's own columns, in roster order (the same header for every record)."""
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record.get("roster") or {}))
    return list(names)


def _heading(name: str, taken: set[str]) -> str:
    """A roster column's heading: its own name, `roster_` before one the tool writes."""
    return f"roster_{name}" if name.casefold() in taken else name


def gradebook_csv(records: Sequence[dict[str, Any]]) -> str:
    """student, repo, the roster's other columns in roster order (email, section, ID...),
    commit, score, grade, one column per family, status, error, and the number of inline
    suppressions the grader did not honour (a student silencing a finding).

    With a deadline (--as-of or a roster `deadline`/`extension_days`): `deadline` (the one the
    student was graded at) and `late` (yes: the repository has work after it). With a deadline
    on GitHub repositories, `pushed_after_deadline` (yes/no, empty when unknown) says whether
    the graded commit was pushed after it. With --fail-under: `passed` (yes/no), the single
    lint's exit status (score not below it, no error-severity finding, no crashed check).
    With OPS rules in the rubric, the project's kind and a column per OPS practice
    (`OPS001 tracking`: passed, partial, failed or n/a) follow the families.
    A roster column named like one of these is written as `roster_<name>`.
    """
    families = families_of(records)
    practices = practices_of(records)
    kinds = ["kind", *(f"{code} {label}" for code, label in practices)] if practices else []
    dated = any(record.get("deadline") for record in records)
    pushed = any(record.get("pushed_after_deadline") is not None for record in records)
    threshold = any(record.get("fail_under") is not None for record in records)
    tail = [
        "status",
        "error",
        "inline_suppressions_ignored",
        *(["deadline", "late"] if dated else []),
        *(["pushed_after_deadline"] if pushed else []),
        *(["passed"] if threshold else []),
    ]
    head = ["student", "repo"]
    extra = roster_columns(records)
    taken = {c.casefold() for c in (*head, "commit", "score", "grade", *families, *kinds, *tail)}
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any field holding a CR or LF, which it does
    # not for a lone CR when rows end in "\n" (a name with a CR would split its row).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            *head,
            *(_cell(_heading(name, taken)) for name in extra),
            "commit",
            "score",
            "grade",
            *families,
            *kinds,
            *tail,
        ]
    )
    for record in records:
        roster = record.get("roster") or {}
        writer.writerow(
            [
                _cell(record["student"]),
                _cell(record["repo"]),
                *(_cell(roster.get(name, "")) for name in extra),
                record.get("commit") or "",
                _number(record.get("score")),
                record.get("grade") or "",
                *(_number(record.get("families", {}).get(f)) for f in families),
                *([record.get("kind") or ""] if practices else []),
                *(practice_cell(record, code) for code, _ in practices),
                record["status"],
                _cell(record.get("error") or ""),
                _count(record.get("inline_suppressions_ignored")),
                *([record.get("deadline") or "", _flag(record.get("late"))] if dated else []),
                *([_flag(record.get("pushed_after_deadline"))] if pushed else []),
                *([_flag(record.get("passed"))] if threshold else []),
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
