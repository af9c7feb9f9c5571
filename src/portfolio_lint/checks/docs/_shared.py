"""Helpers shared by several DOC rules; not a rule."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.commands import Command
from portfolio_lint.facts.linked_docs import (
    linked_documents,
    linked_readmes,
    readme_commands,
    sub_readme_commands,
)
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


def project_readmes(repo: Repo, readme: Readme) -> tuple[Readme, ...]:
    """The README, then the sub-project READMEs it links to (a monorepo's projects)."""
    return (readme, *linked_readmes(repo))


def documents(repo: Repo, readme: Readme, follow_links: bool = True) -> tuple[Readme, ...]:
    """The README, the documents it links to, and the sub-project READMEs it links to."""
    if not follow_links:
        return (readme,)
    found = list(linked_documents(repo, readme))
    paths = {d.path for d in found}
    found.extend(d for d in linked_readmes(repo) if d.path not in paths)
    return tuple(found)


def readme_and_sub_commands(
    repo: Repo, readme: Readme, follow_links: bool = True
) -> tuple[Command, ...]:
    """Commands of the README, of the documents it links to and of its sub-project READMEs
    (only the DOC rules read the latter: their paths are relative to the sub-project)."""
    found = readme_commands(repo, readme, follow_links)
    return (*found, *sub_readme_commands(repo)) if follow_links else found
