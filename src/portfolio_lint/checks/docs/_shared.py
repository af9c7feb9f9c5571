"""Helpers shared by several DOC rules; not a rule."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.readme import Heading, Readme
from portfolio_lint.facts.repo import Repo


def section_headings(readme: Readme) -> list[Heading]:
    """Section headings: every heading but a level-1 title that opens the README."""
    titles = list(readme.headings)
    opens = (
        titles
        and titles[0].level == 1
        and titles[0].line <= min((b.line for b in readme.blocks), default=1)
    )
    return titles[1:] if opens else titles


def require_readme(repo: Repo) -> Readme:
    """The README; Skip when there is none (readme-present reports that)."""
    readme = repo.readme
    if readme is None:
        raise Skip("no README (reported by readme-present)", prerequisite="readme-present")
    return readme
