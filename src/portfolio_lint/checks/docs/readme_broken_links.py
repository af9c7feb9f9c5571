"""Rule DOC008 (readme-broken-links): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.docs._shared import require_readme
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.linked_docs import local_target
from portfolio_lint.facts.repo import Repo


@check("readme-broken-links", code="DOC008", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def readme_broken_links(repo: Repo) -> Verdict:
    """README's relative links and images point to files that exist.

    Why it matters:
        Relative links and images that point to missing files make the README look abandoned.

    How to fix:
        Fix or remove the links listed; paths are relative to the README's folder and case-sensitive
        on GitHub.

    Bad:
        `![results](img/Results.png)` while the file is `img/results.png`.

    Good:
        `![results](img/results.png)`, matching the committed file's path and case.
    """
    readme = require_readme(repo)
    checked = 0
    findings: list[Finding] = []
    for link in readme.links:
        target = local_target(readme, link.target)
        if target is None or target == "":
            continue
        checked += 1
        if repo.exists(target) or repo.exists_dir(target):
            continue
        kind = "image" if link.is_image else "link"
        message = f"Broken {kind}: {link.target} ({target} does not exist)"
        findings.append(Finding.at(readme.path, message, line=link.line, key=link.target))
    if not checked:
        raise Skip("no relative links in the README")
    return Verdict.partial(
        1 - len(findings) / checked,
        findings,
        f"{checked - len(findings)}/{checked} relative links resolve",
    )
