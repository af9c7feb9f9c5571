"""Helpers shared by several SEC rules; not a rule."""

from __future__ import annotations

from collections.abc import Iterable

from portfolio_lint.core.file_facts import Hit
from portfolio_lint.core.model import Finding, Severity
from portfolio_lint.facts.repo import Repo


def secret_hits(repo: Repo, severities: tuple[str, ...]) -> Iterable[tuple[str, Hit]]:
    """Secret scanner hits of the given severities, with their paths."""
    for path, facts in repo.facts.items():
        for hit in facts.secrets:
            if hit.severity in severities:
                yield path, hit


def hit_finding(path: str, hit: Hit, severity: Severity | None = None) -> Finding:
    """A finding for one secret scanner hit in the file at `path`."""
    return Finding.at(
        path,
        f"{hit.message}: {hit.evidence}",
        line=hit.line,
        column=hit.column,
        cell=hit.cell,
        severity=severity,
        evidence=hit.evidence,
        secret_id=hit.key,
    )
