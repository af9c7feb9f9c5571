"""Coverage reports to score: the one given with --coverage-file, or those found in the tree."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from portfolio_lint.facts.coverage import MAX_REPORT_BYTES
from portfolio_lint.facts.repo import Repo, repository_fact

REPORT_NAMES = (
    "coverage.xml",
    "coverage.json",
    ".coverage",
    "cobertura.xml",
    "cobertura-coverage.xml",
)


@dataclass(frozen=True)
class CoverageSource:
    """A coverage report's bytes (None when unreadable) and where they come from."""

    label: str  # repository path, or the --coverage-file name
    in_repo: bool
    data: bytes | None
    modified: datetime | None = None  # file time of a --coverage-file; None in the tree


@repository_fact
def coverage_sources(repo: Repo) -> tuple[CoverageSource, ...]:
    """The --coverage-file alone when given; else every report file of the author's tree.

    Reports in the tree come shallowest first, then by path; each read is capped.
    """
    given = repo.options.coverage_file
    if given is not None:
        return (_given_report(given),)
    paths = sorted(
        (
            e.path
            for e in repo.files
            if posixpath.basename(e.path).lower() in REPORT_NAMES and not repo.is_vendored(e.path)
        ),
        key=lambda p: (p.count("/"), p),
    )
    return tuple(CoverageSource(p, True, repo.read_bytes(p, MAX_REPORT_BYTES)) for p in paths)


def _given_report(given: Path) -> CoverageSource:
    try:
        with given.open("rb") as handle:
            data: bytes | None = handle.read(MAX_REPORT_BYTES)
        modified = datetime.fromtimestamp(given.stat().st_mtime, timezone.utc)
    except OSError:
        data, modified = None, None
    return CoverageSource(given.name, False, data, modified)
