"""Rule QUA014 (notebook-names-defined): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.quality._shared import readable_notebooks, share_verdict
from portfolio_lint.checks.registry import check
from portfolio_lint.core.file_facts import NotebookFacts
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "notebook-names-defined", code="QUA014", weight=1, severity=Severity.WARNING, role=Role.PROBLEM
)
def notebook_names_defined(repo: Repo) -> Verdict:
    """Every name a notebook cell uses is defined or imported by that cell or one above it.

    Why it matters:
        A name first defined further down, or nowhere, means Restart & Run All fails: the
        notebook only worked in the author's kernel, with cells run out of order or deleted.
        Imports and magics count as definitions (`files = !ls`, `%%capture out`); after a
        `%run`, `%load` or `exec` cell names may come from anywhere and are not judged.

    How to fix:
        Move the defining cell up (or restore it), then Restart & Run All before committing.

    Bad:
        Cell 2 calls `df.describe()`; `df = pd.read_csv(...)` is in cell 5.

    Good:
        `df` is read in cell 1 and used from cell 2 on.
    """
    return share_verdict(readable_notebooks(repo), _problems)


def _problems(path: str, notebook: NotebookFacts) -> list[Finding]:
    return [
        Finding.at(
            path,
            f"`{use.name}` is used in cell {use.cell} before any cell above defines it",
            line=use.line,
            cell=use.cell,
            key=use.name,
        )
        for use in notebook.undefined_names
    ]
