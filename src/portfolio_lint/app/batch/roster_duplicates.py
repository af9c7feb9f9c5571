"""Duplicate roster rows: the one explicit rule, and a warning for each.

- The same student with the same repository (and folder) twice: merged; the first row is
  graded, with its own columns, and the later line is named in the warning.
- The same student with two repositories: both graded, as two gradebook rows (each has its
  own report key, which hashes the student and the repository).
- One repository for two students (a pair project, or a copy-paste slip in the roster): both
  graded, as two rows.

Names compare without case and surrounding spaces for the warnings; only an exact repeat
merges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Row(Protocol):
    """What a duplicate is judged on (a roster `Assignment`)."""

    @property
    def student(self) -> str: ...

    @property
    def repo(self) -> str: ...


R = TypeVar("R", bound=Row)


def merge_duplicates(numbered: Sequence[tuple[int, R]], warn: Callable[[str], None]) -> list[R]:
    """The assignments with exact repeats merged, in roster order; each duplicate warned."""
    from portfolio_lint.render.escapes import one_line
    from portfolio_lint.sources.targets import redact_credentials

    kept: list[R] = []
    first_line: dict[tuple[str, str], int] = {}
    by_student: dict[str, tuple[int, str]] = {}
    by_repo: dict[str, tuple[int, str]] = {}
    for line, assignment in numbered:
        student, repo = assignment.student, assignment.repo
        shown = one_line(student)[:80]
        where = one_line(redact_credentials(repo))[:120]
        pair = (student, repo)
        if pair in first_line:
            warn(
                f"roster line {line} repeats line {first_line[pair]} ({shown}, {where}): "
                f"graded once, as line {first_line[pair]}"
            )
            continue
        first_line[pair] = line
        kept.append(assignment)
        other = by_student.get(student.strip().casefold())
        if other is not None and other[1] != repo:
            warn(
                f"roster lines {other[0]} and {line} name the same student {shown} with "
                "different repositories: both are graded, as two gradebook rows"
            )
        other = by_repo.get(repo)
        if other is not None and other[1].strip().casefold() != student.strip().casefold():
            warn(
                f"roster lines {other[0]} and {line} name the same repository {where} for "
                f"{one_line(other[1])[:80]} and {shown}: both are graded, as two gradebook rows"
            )
        by_student.setdefault(student.strip().casefold(), (line, repo))
        by_repo.setdefault(repo, (line, student))
    return kept
