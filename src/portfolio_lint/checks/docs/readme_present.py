"""Rule DOC001 (readme-present): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check("readme-present", code="DOC001", weight=5, severity=Severity.ERROR)
def readme_present(repo: Repo, *, min_words: int = 20) -> Verdict:
    """README present and more than a title.

    Why it matters:
        The README is the first and often the only file a reviewer opens. An empty or one-line
        README tells them the project is unfinished.

    How to fix:
        Add a README.md that says what the project does, how to install and run it, and what it
        achieved.

    Bad:
        README.md holds only `# My Project`.

    Good:
        README.md opens with two sentences on the problem and the data, then Install,
        Usage and Results sections.
    """
    readme = repo.readme
    if readme is None:
        return Verdict.failed(Finding("No README at the repository root (README.md, .rst or .txt)"))
    if not readme.text.strip():
        return Verdict.failed(Finding.at(readme.path, f"{readme.path} is empty", line=1))
    words = readme.word_count
    if all(block.kind == "heading" for block in readme.blocks if block.text.strip()):
        message = f"{readme.path} has only a title; say what the project does and how to run it"
        return Verdict.failed(Finding.at(readme.path, message, line=1))
    if words < min_words:
        message = f"{readme.path} has {words} words of prose (at least {min_words} expected)"
        return Verdict.failed(Finding.at(readme.path, message, line=1))
    return Verdict.passed(f"{readme.path}: {words} words")
