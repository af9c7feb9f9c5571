"""Rule DOC005 (readme-results): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.docs._shared import documents, require_readme
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.readme_results import reported_results
from portfolio_lint.facts.repo import Repo


@check("readme-results", code="DOC005", weight=3, severity=Severity.WARNING)
def readme_results(repo: Repo, *, follow_links: bool = True) -> Verdict:
    """README reports quantitative results: metric names with numbers, or a results table.

    Why it matters:
        'High accuracy' is not a result. Numbers with a metric (F1 0.87, RMSE 3.2, 92% accuracy)
        show the work was measured.

    How to fix:
        Add a Results section with a table or sentence giving metric names and numbers, and the
        baseline they beat.

    Bad:
        "The model reached high accuracy on the test set."

    Good:
        ## Results
        | model | F1 |
        | baseline | 0.71 |
        | gradient boosting | 0.87 |
    """
    readme = require_readme(repo)
    for document in documents(repo, readme, follow_links):
        found = reported_results(document)
        if found:
            return Verdict.passed(f"{document.path}:{found[0].line}: {found[0].evidence}")
    message = (
        "No quantitative result (a metric with a number, e.g. 'F1 0.87', '92% accuracy',"
        " or a results table) outside code blocks"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
