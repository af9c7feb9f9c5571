"""Rule VCS003 (license-present): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo

# LICENSE, LICENCE.md, COPYING.LESSER, LICENSE-MIT, LICENSE_APACHE-2.0, UNLICENSE...
LICENSE_STEM = re.compile(r"^((un)?licen[cs]es?|copying)([-_.][a-z0-9]+([.-][a-z0-9]+)*)?$")

LICENSE_DOC_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".rst", ".adoc", ".org", ".html"})

NOT_LICENSE_SUFFIXES = frozenset(
    {
        ".py",
        ".ipynb",
        ".js",
        ".ts",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".csv",
        ".sh",
        ".r",
        ".png",
        ".jpg",
        ".jpeg",
        ".pdf",
    }
)

# A licence claimed in the README: a "License" heading, "licensed under", "MIT License",
# "License: MIT" (badges too); a dataset's licence named in passing is not a claim.
LICENSE_IDS = r"(MIT|Apache|GPL|LGPL|AGPL|BSD|MPL|Unlicense|CC0|CC[- ]BY[\w.-]*|Creative Commons)"

LICENSE_WORD = (
    r"(?:licen[cs]e|licencia|licen[çc]a|lizenz|лицензи\w*|许可证?|授权协议|ライセンス"
    r"|라이선스)"
)

README_LICENSE = re.compile(
    rf"licen[cs]ed\s+under|\b{LICENSE_IDS}\b[\w .-]{{0,20}}{LICENSE_WORD}"
    rf"|{LICENSE_WORD}\W{{1,3}}{LICENSE_IDS}",
    re.IGNORECASE,
)

LICENSE_HEADING = re.compile(
    r"licen[cs]|licen[çc]a|lizenz|лицензи|许可|授权|ライセンス|라이선스", re.IGNORECASE
)


@check("license-present", code="VCS003", weight=1, severity=Severity.WARNING)
def license_present(repo: Repo) -> Verdict:
    """The repository has a licence file at its root (LICENSE, LICENCE.md, COPYING...).

    Why it matters:
        Without a licence nobody may legally reuse the code; a licence claimed only in the README is
        not enough.

    How to fix:
        Add a LICENSE file (MIT or Apache-2.0 are common for portfolios).

    Bad:
        No licence file: nobody may legally reuse the code.

    Good:
        A `LICENSE` file with the MIT licence text.
    """
    found = [e for e in repo.files if "/" not in e.path and _is_licence_name(e.path)]
    non_empty = [e for e in found if e.size > 0]
    if non_empty:
        return Verdict.passed(f"licence in {non_empty[0].path}")
    if repo.metadata is not None and repo.metadata.license:
        return Verdict.passed(f"licence detected by the host: {repo.metadata.license}")
    if found:
        return Verdict.failed(Finding.at(found[0].path, f"{found[0].path} is empty"))
    claim = _readme_licence_claim(repo)
    if claim is not None:
        message = "A licence is only mentioned in the README; add a LICENSE file with its text"
        return Verdict.failed(Finding.at(claim[0], message, line=claim[1]))
    return Verdict.failed(Finding("No LICENSE file at the repository root"))


def _is_licence_name(name: str) -> bool:
    lowered = name.lower()
    suffix = lowered[lowered.rfind(".") :] if "." in lowered else ""
    if suffix in NOT_LICENSE_SUFFIXES:  # license_plate.py, licenses.json
        return False
    stem = lowered[: -len(suffix)] if suffix in LICENSE_DOC_SUFFIXES else lowered
    return bool(LICENSE_STEM.match(stem))


def _readme_licence_claim(repo: Repo) -> tuple[str, int] | None:
    readme = repo.readme
    if readme is None:
        return None
    for heading in readme.headings:
        if LICENSE_HEADING.search(heading.text):
            return readme.path, heading.line
    for number, line in enumerate(readme.text.splitlines(), 1):
        if README_LICENSE.search(line):
            return readme.path, number
    return None
