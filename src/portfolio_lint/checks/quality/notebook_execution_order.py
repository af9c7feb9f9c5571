"""Rule QUA005 (notebook-execution-order): its check, defaults and documentation."""

from __future__ import annotations

from itertools import pairwise

from portfolio_lint.checks.quality._shared import readable_notebooks, share_verdict
from portfolio_lint.checks.registry import check
from portfolio_lint.core.file_facts import NotebookFacts
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "notebook-execution-order",
    code="QUA005",
    weight=1,
    severity=Severity.WARNING,
    role=Role.PROBLEM,
)
def notebook_execution_order(repo: Repo) -> Verdict:
    """Notebooks were run top to bottom, every code cell once (unexecuted notebooks are fine).

    Why it matters:
        Cells run out of order, or never run, mean the notebook's outputs may not come from its
        code.

    How to fix:
        Restart the kernel and run all cells top to bottom before committing.

    Bad:
        Cells numbered `[3]`, `[1]`, `[7]`: run out of order.

    Good:
        Cells numbered `[1]`, `[2]`, `[3]` after Restart & Run All.
    """
    return share_verdict(readable_notebooks(repo), _order_problems)


def _order_problems(path: str, notebook: NotebookFacts) -> list[Finding]:
    cells = [c for c in notebook.code_cells if c.source_lines > 0]
    executed = [c for c in cells if c.execution_count is not None]
    if not executed:
        return []  # a cleared notebook is a deliberate, clean state
    findings: list[Finding] = []
    for previous, cell in pairwise(executed):
        if (cell.execution_count or 0) <= (previous.execution_count or 0):
            message = (
                f"Cell {cell.index} ran as [{cell.execution_count}] after cell "
                f"{previous.index} ran as [{previous.execution_count}]: out of order"
            )
            findings.append(Finding.at(path, message, line=cell.line, cell=cell.index))
    for cell in cells:
        if cell.execution_count is None:
            message = f"Code cell {cell.index} was never run while other cells were"
            findings.append(Finding.at(path, message, line=cell.line, cell=cell.index))
    return sorted(findings, key=lambda f: (f.location.line or 0) if f.location else 0)
