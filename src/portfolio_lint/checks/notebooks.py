"""Checks of notebook hygiene: run order, output size, error outputs, valid JSON."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FileFacts, NotebookFacts
from portfolio_lint.core.model import Finding, Verdict
from portfolio_lint.facts.repo import Repo

MAX_FINDINGS_PER_NOTEBOOK = 10


def notebook_facts(repo: Repo) -> list[FileFacts]:
    """Facts of every author notebook, in path order."""
    return sorted(
        (facts for path, facts in repo.facts.items() if path.lower().endswith(".ipynb")),
        key=lambda facts: facts.path,
    )


def readable_notebooks(repo: Repo) -> list[tuple[str, NotebookFacts]]:
    """Notebooks that parsed; Skip when the repository has none."""
    everything = notebook_facts(repo)
    if not everything:
        raise Skip("no notebooks")
    parsed = [(f.path, f.notebook) for f in everything if f.notebook and not f.notebook.error]
    if not parsed:
        raise Skip("no notebook could be parsed (see notebooks-valid)")
    return parsed


def _share_verdict(
    notebooks: list[tuple[str, NotebookFacts]],
    problems: Callable[[str, NotebookFacts], list[Finding]],
) -> Verdict:
    findings: list[Finding] = []
    clean = 0
    for path, notebook in notebooks:
        found = problems(path, notebook)
        clean += not found
        findings.extend(found[:MAX_FINDINGS_PER_NOTEBOOK])
    summary = f"{clean} of {len(notebooks)} notebooks clean"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(clean / len(notebooks), findings, summary)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@check("notebook-execution-order")
def notebook_execution_order(repo: Repo) -> Verdict:
    """Notebooks were run top to bottom, every code cell once (unexecuted notebooks are fine)."""
    return _share_verdict(readable_notebooks(repo), _order_problems)


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


@check("notebook-output-size")
def notebook_output_size(repo: Repo, *, max_bytes: int = 1_000_000) -> Verdict:
    """Notebook outputs stay small (no megabytes of embedded images or logs)."""
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


@check("notebook-error-outputs")
def notebook_error_outputs(repo: Repo) -> Verdict:
    """No traceback is left in a committed notebook's outputs."""
    return _share_verdict(readable_notebooks(repo), _error_problems)


def _error_problems(path: str, notebook: NotebookFacts) -> list[Finding]:
    return [
        Finding.at(path, f"Cell {cell.index} has an error output", line=cell.line, cell=cell.index)
        for cell in notebook.cells
        if cell.has_error_output
    ]


@check("notebooks-valid")
def notebooks_valid(repo: Repo) -> Verdict:
    """Every notebook is valid nbformat JSON (no merge-conflict markers, no truncation)."""
    everything = notebook_facts(repo)
    if not everything:
        raise Skip("no notebooks")
    findings: list[Finding] = []
    for facts in everything:
        if facts.truncated:
            continue  # too large to read is reported by notebook-output-size, not as invalid
        if facts.is_binary:
            findings.append(Finding.at(facts.path, "Notebook is binary, not JSON"))
        elif facts.notebook is not None and facts.notebook.error:
            message = f"Malformed notebook: {facts.notebook.error}"
            findings.append(Finding.at(facts.path, message, line=facts.notebook.error_line))
    valid = len(everything) - len(findings)
    summary = f"{valid} of {len(everything)} notebooks valid"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(valid / len(everything), findings, summary)
