"""Run the per-file analysis over a repository (to be parallelised and cached)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio_lint.analysis.facts import FileFacts
from portfolio_lint.analysis.pipeline import analyze_file

if TYPE_CHECKING:
    from portfolio_lint.repo import Repo


def analyze_repository(repo: Repo) -> dict[str, FileFacts]:
    """Facts for every author file (vendored folders and oversized files skipped)."""
    limit = repo.options.scan_limit
    facts: dict[str, FileFacts] = {}
    for entry in repo.files:
        if repo.is_vendored(entry.path):
            continue
        data = repo.read_bytes(entry.path, limit)
        if data is None:
            continue
        facts[entry.path] = analyze_file(entry.path, data, truncated=entry.size > limit)
    return facts
