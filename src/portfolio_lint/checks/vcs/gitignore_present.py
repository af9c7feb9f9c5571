"""Rule VCS001 (gitignore-present): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check("gitignore-present", code="VCS001", weight=2, severity=Severity.WARNING)
def gitignore_present(repo: Repo) -> Verdict:
    """The repository has a root .gitignore with at least one pattern.

    A project folder linted inside a bigger repository may rely on the .gitignore files
    above it instead.

    Why it matters:
        Without a .gitignore, caches, virtualenvs, data and secrets end up committed.

    How to fix:
        Add a Python .gitignore (e.g. GitHub's template) plus your data and model folders.

    Bad:
        No `.gitignore`: `__pycache__/` and `.venv/` are committed.

    Good:
        A root `.gitignore` from GitHub's Python template plus `data/` and `models/`.
    """
    if not repo.exists(".gitignore"):
        above = sum(len(spec.patterns) for _, spec in repo.inherited_ignores)
        if above:  # a project folder of a bigger repository: its .gitignore applies
            return Verdict.passed(f"the .gitignore files above the folder have {above} patterns")
        return Verdict.failed(Finding("No .gitignore at the repository root"))
    text = repo.read_text(".gitignore")
    if text is None:
        return Verdict.failed(Finding.at(".gitignore", ".gitignore is binary or unreadable"))
    patterns = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not patterns:
        return Verdict.failed(Finding.at(".gitignore", ".gitignore is empty (no patterns)"))
    return Verdict.passed(f".gitignore has {len(patterns)} patterns")
