"""The score before and after: the repository linted as it is, then with the changes laid over
it in memory (nothing written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portfolio_lint.app.fix.change import Change
from portfolio_lint.app.request import LintRequest
from portfolio_lint.core.model import Report
from portfolio_lint.sources.base import Source
from portfolio_lint.sources.overlay import OverlaySource

QUIET = LintRequest(quiet=True)


@dataclass(frozen=True)
class Projection:
    """The score now and once the changes are made (and committed)."""

    before: float
    after: float

    @property
    def gain(self) -> float:
        """Points gained, rounded as the report shows scores."""
        return round(self.after - self.before, 1)


def lint_source(source: Source) -> Report:
    """The report `portfolio-lint` would give for `source`, with its own configuration."""
    from portfolio_lint.app import lint_run

    config, warnings, selection = lint_run.load_config(source, QUIET)
    rubric, config = lint_run.bind(lint_run.load_rubric(None), config, selection)
    return lint_run.lint_report(source, rubric, config, warnings, QUIET)


def project(source: Source, changes: Sequence[Change], before: Report) -> Projection:
    """The score with `changes` laid over `source`."""
    overlay = OverlaySource(source, {c.path: c.after.encode("utf-8") for c in changes})
    after = lint_source(overlay) if changes else before
    return Projection(before.score or 0.0, after.score or 0.0)
