"""Rule CI001 (ci-config-present): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ci._shared import MAX_SHOWN, PLACEHOLDERS, unparsable_finding
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import CiFile, ci_files
from portfolio_lint.facts.repo import Repo

# Actions that only prepare a runner: a workflow made of these alone does nothing.
SETUP_ACTIONS = re.compile(
    r"^(actions/(checkout|setup-[\w-]+|cache|(upload|download)-artifact)"
    r"|astral-sh/setup-uv|conda-incubator/setup-miniconda)(@|$)",
    re.I,
)


def _real_work(ci: CiFile) -> bool:
    commands = [c for c in ci.commands if c.words[0] not in PLACEHOLDERS]
    actions = [a for a, _ in ci.actions if not SETUP_ACTIONS.match(a)]
    return bool(commands or actions)


@check("ci-config-present", code="CI001", weight=3, severity=Severity.WARNING)
def ci_config_present(repo: Repo, *, stub_score: float = 0.25) -> Verdict:
    """A CI configuration (GitHub Actions, GitLab CI, Jenkins...) exists and does real work.

    Why it matters:
        Continuous integration shows the project is checked on every change, not only on the
        author's laptop.

    How to fix:
        Add .github/workflows/ci.yml that installs the project and runs the tests on push and pull
        request.

    Bad:
        No `.github/workflows/`, or a workflow whose only step is `echo hello`.

    Good:
        `.github/workflows/ci.yml` installs the project and runs the tests on every push.
    """
    files = ci_files(repo)
    if not files:
        return Verdict.failed(
            Finding("No CI configuration (.github/workflows/*.yml, .gitlab-ci.yml, Jenkinsfile...)")
        )
    real = [ci for ci in files if ci.error is None and ci.has_jobs and _real_work(ci)]
    notes: list[Finding] = []
    for ci in files:
        if ci.error is not None:
            notes.append(unparsable_finding(ci, Severity.INFO if real else None))
        elif ci not in real:
            what = "declares no jobs" if not ci.has_jobs else "has only placeholder steps"
            notes.append(
                Finding.at(
                    ci.path,
                    f"{ci.path} {what} (a stub: it checks nothing)",
                    line=1,
                    severity=Severity.INFO if real else None,
                )
            )
    if real:
        return Verdict.partial(1.0, notes, f"CI: {', '.join(ci.path for ci in real[:MAX_SHOWN])}")
    return Verdict.partial(stub_score, notes)
