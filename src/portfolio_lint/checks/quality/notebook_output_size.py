"""Rule QUA006 (notebook-output-size): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.quality._shared import notebook_facts
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FileFacts
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@check("notebook-output-size", code="QUA006", weight=0.5, severity=Severity.INFO, role=Role.PROBLEM)
def notebook_output_size(repo: Repo, *, max_bytes: int = 1_000_000) -> Verdict:
    """Notebook outputs stay small (no megabytes of embedded images or logs).

    Why it matters:
        Megabytes of embedded images and logs make notebooks slow to open and diffs unreadable.

    How to fix:
        Clear large outputs (nbstripout, `jupyter nbconvert --clear-output`) or save figures as
        files.

    Bad:
        A notebook of 40 MB, most of it embedded plot images.

    Good:
        Figures saved to `reports/figures/`; the notebook's outputs are a few kilobytes.
    """
    everything = notebook_facts(repo)
    if not everything:
        raise Skip("no notebooks")
    findings: list[Finding] = []
    clean = 0
    for facts in everything:
        finding = _size_problem(repo, facts, max_bytes)
        clean += finding is None
        if finding is not None:
            findings.append(finding)
    summary = f"{clean} of {len(everything)} notebooks under {_megabytes(max_bytes)} of output"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(clean / len(everything), findings, summary)


def _size_problem(repo: Repo, facts: FileFacts, max_bytes: int) -> Finding | None:
    entry = repo.by_path.get(facts.path)
    if facts.truncated and entry is not None and entry.size > max_bytes:
        message = f"Notebook is {_megabytes(entry.size)}, too large to parse; clear its outputs"
        return Finding.at(facts.path, message)
    if facts.notebook is None or not facts.notebook.cells:
        return None
    total = sum(cell.output_bytes for cell in facts.notebook.cells)
    if total <= max_bytes:
        return None
    largest = max(facts.notebook.cells, key=lambda cell: cell.output_bytes)
    message = (
        f"Outputs take {_megabytes(total)} (limit {_megabytes(max_bytes)}); largest is cell "
        f"{largest.index} with {_megabytes(largest.output_bytes)}"
    )
    return Finding.at(facts.path, message, line=largest.line, cell=largest.index)
