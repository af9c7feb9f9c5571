"""Rule QUA007 (notebook-error-outputs): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.quality._shared import readable_notebooks, share_verdict
from portfolio_lint.checks.registry import check
from portfolio_lint.core.file_facts import NotebookFacts
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "notebook-error-outputs", code="QUA007", weight=1, severity=Severity.WARNING, role=Role.PROBLEM
)
def notebook_error_outputs(repo: Repo) -> Verdict:
    """No traceback is left in a committed notebook's outputs.

    Why it matters:
        A traceback left in a committed notebook shows the code does not run as published.

    How to fix:
        Fix the failing cell and rerun the notebook, or clear its output.

    Bad:
        A cell output ending in `KeyError: 'target'`.

    Good:
        Every cell ran without error, or the failing cell's output was cleared.
    """
    return share_verdict(readable_notebooks(repo), _error_problems)


def _error_problems(path: str, notebook: NotebookFacts) -> list[Finding]:
    return [
        Finding.at(path, f"Cell {cell.index} has an error output", line=cell.line, cell=cell.index)
        for cell in notebook.cells
        if cell.has_error_output
    ]
