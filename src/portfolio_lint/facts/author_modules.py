"""The author's parsed Python modules, tests excluded: what the code-quality rules judge."""

from __future__ import annotations

from dataclasses import dataclass

from portfolio_lint.core.file_facts import PythonFacts
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.facts.testing_files import in_test_suite


@dataclass(frozen=True)
class Module:
    """A parsed author module (not a test)."""

    path: str
    python: PythonFacts


@repository_fact
def author_modules(repo: Repo) -> tuple[Module, ...]:
    """Parsed `.py` files of the author's code, tests excluded, in path order (once per lint)."""
    return tuple(
        sorted(
            (
                Module(path, facts.python)
                for path, facts in repo.facts.items()
                if path.endswith(".py")
                and facts.python is not None
                and facts.python.parse_error is None
                and not in_test_suite(path)
            ),
            key=lambda module: module.path,
        )
    )
