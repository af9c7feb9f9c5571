"""Rule DOC006 (readme-architecture): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.docs._shared import require_readme, section_headings
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo

ARCHITECTURE_WORDS = (
    r"architecture|design|pipeline|how it works|how does it work|system overview|workflow"
    r"|data flow|dataflow|components|diagram|arquitectura|arquitetura|architektur|funcionamiento"
    r"|fonctionnement|архитектура|как это работает|пайплайн|架构|设计|流程|工作原理|アーキテクチャ"
)

ARCHITECTURE = re.compile(rf"(?<!\w)(?:{ARCHITECTURE_WORDS})(?!\w)", re.IGNORECASE)

DIAGRAM_FILE = re.compile(
    r"(architecture|diagram|pipeline|design|flow|workflow|system|arch)"
    r"[^/]*$|\.(drawio|excalidraw|puml|mmd)$",
    re.IGNORECASE,
)

DIAGRAM_BLOCKS = frozenset({"mermaid", "plantuml", "puml", "dot", "graphviz", "d2"})


@check("readme-architecture", code="DOC006", weight=2, severity=Severity.INFO)
def readme_architecture(repo: Repo) -> Verdict:
    """README (or docs/) describes the architecture: a section, a diagram or a mermaid block.

    Why it matters:
        A diagram or a few lines on how the parts fit together shows engineering, not just a
        notebook run.

    How to fix:
        Add an Architecture section, a diagram image or a mermaid block, or a docs/ page describing
        the pipeline.

    Bad:
        A README with install and usage steps but no word on how the parts fit together.

    Good:
        ## Architecture
        ```mermaid
        graph LR; ingest --> features --> train --> serve
        ```
    """
    readme = require_readme(repo)
    # "# Churn prediction pipeline" names the project; it is not an architecture section.
    heading = next((h for h in section_headings(readme) if ARCHITECTURE.search(h.text)), None)
    if heading is not None:
        return Verdict.passed(f"section '{heading.text}' at line {heading.line}")
    block = next(
        (
            b
            for b in readme.code_blocks
            if b.info.split()[:1] and b.info.split()[0].lower() in DIAGRAM_BLOCKS
        ),
        None,
    )
    if block is not None:
        return Verdict.passed(f"{block.info} diagram at line {block.line}")
    image = next(
        (
            link
            for link in readme.links
            if link.is_image
            and (DIAGRAM_FILE.search(link.target.split("?")[0]) or ARCHITECTURE.search(link.text))
        ),
        None,
    )
    if image is not None:
        return Verdict.passed(f"diagram image {image.target} at line {image.line}")
    page = next(
        (
            e.path
            for e in repo.files
            if not repo.is_vendored(e.path)
            and (
                e.path.lower().endswith(("architecture.md", "design.md", "architecture.rst"))
                or (e.path.lower().startswith("docs/") and DIAGRAM_FILE.search(e.path))
            )
        ),
        None,
    )
    if page is not None:
        return Verdict.passed(f"architecture page {page}")
    message = "No architecture section, diagram, mermaid block or docs/ architecture page"
    return Verdict.failed(Finding.at(readme.path, message, line=1))
