"""Rule QUA008 (notebooks-valid): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.quality._shared import notebook_facts
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check("notebooks-valid", code="QUA008", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def notebooks_valid(repo: Repo) -> Verdict:
    """Every notebook is valid nbformat JSON (no merge-conflict markers, no truncation).

    Why it matters:
        A notebook that does not parse cannot be opened on GitHub or in Jupyter (often a merge
        conflict left in the JSON).

    How to fix:
        Repair the notebook JSON (resolve conflict markers) or re-export it from Jupyter.

    Bad:
        A notebook that holds `<<<<<<< HEAD` from an unresolved merge.

    Good:
        A notebook that Jupyter opens: valid nbformat JSON.
    """
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
