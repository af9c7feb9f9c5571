"""Rule DOC006 (readme-architecture): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.docs._shared import (
    project_readmes,
    require_readme,
    section_headings,
)
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.architecture import architecture_evidence, page_evidence
from portfolio_lint.facts.repo import Repo


@check("readme-architecture", code="DOC006", weight=2, severity=Severity.INFO)
def readme_architecture(repo: Repo) -> Verdict:
    """README (or docs/) shows how the parts fit together: a diagram, or a section on the flow.

    Why it matters:
        A diagram or a few lines on how data and requests move between the parts shows
        engineering, not just a notebook run. A heading alone ("## Workflow" over `pip install`)
        says nothing.

    How to fix:
        Add a mermaid block or a diagram image, or an Architecture section that walks through
        the flow: arrows (`ingest -> features -> train -> serve`), three or more numbered
        stages, or sentences saying which part reads, calls, stores or serves what. A docs/
        page (architecture.md, design.md) with such content counts too.

    Bad:
        ## Workflow
        ```bash
        git clone ... && pip install -r requirements.txt
        ```

    Good:
        ## Architecture
        ```mermaid
        graph LR; ingest --> features --> train --> serve
        ```
    """
    readme = require_readme(repo)
    # "# Churn prediction pipeline" names the project; it is not an architecture section.
    found = next(
        (
            evidence
            for document in project_readmes(repo, readme)
            if (evidence := architecture_evidence(repo, document, section_headings(document)))
        ),
        None,
    ) or page_evidence(repo)
    if found is not None:
        return Verdict.passed(str(found))
    message = (
        "No diagram, and no section or docs/ page showing how data flows between the parts"
        " (arrows, numbered stages, or which part reads, calls, stores or serves what)"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
