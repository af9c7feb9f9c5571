"""Rule CI002 (ci-runs-tests): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ci._shared import (
    MAX_SHOWN,
    PLACEHOLDERS,
    unparsable_finding,
)
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import CiCommand, CiFile, ci_files
from portfolio_lint.facts.local_commands import local_resolver
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import is_test_command

TEST_ACTIONS = re.compile(r"pytest|\btox\b|\bnox\b|unittest|run-tests?|test-action", re.I)


@check("ci-runs-tests", code="CI002", weight=3, severity=Severity.WARNING)
def ci_runs_tests(repo: Repo) -> Verdict:
    """The CI configuration runs the tests (not only lint, build or deploy).

    Why it matters:
        CI that only lints or deploys does not gate changes on tests, whatever the README claims.

    How to fix:
        Add a step that runs the tests, e.g. `run: pytest`.

    Bad:
        A workflow that runs `ruff check .` and nothing else.

    Good:
        A workflow step `run: pytest -q` after the install step.
    """
    files = ci_files(repo)
    if not files:
        raise Skip("no CI configuration (see ci-config-present)", prerequisite="ci-config-present")
    resolve = local_resolver(repo)
    notes: list[Finding] = []
    for ci in files:
        if ci.error is not None:
            notes.append(unparsable_finding(ci))
            continue
        running = next((c for c in ci.commands if is_test_command(c.words, resolve)), None)
        if running is not None:
            return Verdict.passed(f"{running.path}:{running.line} runs `{running.text}`")
        action = next(((a, line) for a, line in ci.actions if TEST_ACTIONS.search(a)), None)
        if action is not None:
            return Verdict.passed(f"{ci.path}:{action[1]} uses {action[0]}")
        notes.append(_no_tests(ci))
    return Verdict.failed(*notes)


def _no_tests(ci: CiFile) -> Finding:
    shown = [c for c in ci.commands if c.words[0] not in PLACEHOLDERS][:MAX_SHOWN]
    if not shown:
        return Finding.at(ci.path, f"{ci.path} runs no commands, so no tests", line=1)
    listed = ", ".join(f"`{_short(c)}`" for c in shown)
    return Finding.at(
        ci.path, f"{ci.path} never runs the tests (it runs {listed})", line=shown[0].line
    )


def _short(command: CiCommand) -> str:
    text = command.text
    return text if len(text) <= 60 else text[:57] + "..."
