"""Rule DOC004 (readme-problem-statement): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.docs._shared import project_readmes, require_readme
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.problem_statement import problem_statement, template_name
from portfolio_lint.facts.repo import Repo


@check("readme-problem-statement", code="DOC004", weight=3, severity=Severity.WARNING)
def readme_problem_statement(repo: Repo) -> Verdict:
    """README has a sentence saying what is predicted, generated, classified or answered.

    Why it matters:
        Hiring managers look for the problem first: what is predicted or generated, for whom, and
        why it matters. A title, a list of tools or an untouched framework template says none of
        that; one plain sentence does, wherever it sits (after badges or front matter, under any
        heading, in any language).

    How to fix:
        Open the README with a sentence naming the task, its users and its data.

    Bad:
        "Built with Python, Pandas, Scikit-learn, Streamlit, Docker and GitHub Actions."

    Good:
        "Predicts which telecom customers will cancel next month, so the retention team can call
        them first."
    """
    readme = require_readme(repo)
    for document in project_readmes(repo, readme):
        statement = problem_statement(document)
        if statement is not None:
            where = "" if document is readme else f"{document.path} "
            return Verdict.passed(f"{where}line {statement.line}: {statement.text}")
    template = template_name(readme)
    if template is not None:
        message = f"README is the untouched {template} template: it says nothing about the problem"
    else:
        message = (
            "No sentence says what the project predicts, generates, classifies or answers, and"
            " for whom (a title or a list of tools is not a problem statement)"
        )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
