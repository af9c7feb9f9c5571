"""Rule TST003 (coverage-configured): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.testing._shared import require_tests
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import ci_files
from portfolio_lint.facts.dependencies import dependency_files
from portfolio_lint.facts.local_commands import local_resolver
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import Resolver
from portfolio_lint.facts.testing_config import coverage_config, measures_coverage

COVERAGE_SERVICES = ("codecov/codecov-action", "coverallsapp/github-action")


@check("coverage-configured", code="TST003", weight=1, severity=Severity.INFO)
def coverage_configured(repo: Repo) -> Verdict:
    """Coverage measurement is switched on (.coveragerc, [tool.coverage], --cov, codecov).

    Why it matters:
        Measuring coverage shows which parts of the pipeline the tests exercise.

    How to fix:
        Add a [tool.coverage.run] section (or .coveragerc) and run `pytest --cov` in CI.

    Bad:
        CI runs `pytest` with no coverage measurement anywhere.

    Good:
        CI runs `pytest --cov=src --cov-report=xml`, with `[tool.coverage.run]` in pyproject.toml.
    """
    require_tests(repo)
    evidence = next(coverage_config(repo), None)
    if evidence is not None:
        return Verdict.passed(f"{evidence.what} in {evidence.path}")
    resolve = local_resolver(repo)
    for ci in ci_files(repo):
        command = next(
            (
                c
                for c in ci.commands
                if measures_coverage(c.text) or _make_measures(c.words, resolve)
            ),
            None,
        )
        if command is not None:
            return Verdict.passed(f"CI measures coverage: `{command.text}` ({ci.path})")
        action = next((a for a, _ in ci.actions if a.lower().startswith(COVERAGE_SERVICES)), None)
        if action is not None:
            return Verdict.passed(f"{ci.path} uploads coverage with {action}")
    notes = [
        Finding.at(
            file.path,
            f"{file.path} lists pytest-cov, but coverage is never switched"
            " on (no --cov, [tool.coverage] or .coveragerc)",
            line=d.line,
        )
        for file in dependency_files(repo)
        for d in [*file.dependencies]
        if d.key == "pytest-cov"
    ]
    return Verdict.failed(*notes, Finding("Coverage is not configured"))


def _make_measures(words: tuple[str, ...], resolve: Resolver) -> bool:
    if words[:1] != ("make",):
        return False
    return any(measures_coverage(" ".join(c)) for t in words[1:] for c in resolve("make", t))
