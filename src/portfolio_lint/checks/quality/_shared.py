"""Helpers shared by several QUA rules; not a rule."""

from __future__ import annotations

from collections.abc import Callable

from portfolio_lint.checks.registry import Skip
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
        raise Skip(
            "no notebook could be parsed (see notebooks-valid)", prerequisite="notebooks-valid"
        )
    return parsed


def share_verdict(
    notebooks: list[tuple[str, NotebookFacts]],
    problems: Callable[[str, NotebookFacts], list[Finding]],
) -> Verdict:
    """A verdict scored by the share of notebooks with no problem, findings capped per notebook."""
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
