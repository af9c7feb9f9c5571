"""Rule TST002 (test-framework-configured): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.testing._shared import require_tests
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import ci_test_commands
from portfolio_lint.facts.local_commands import local_resolver
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import is_test_command
from portfolio_lint.facts.testing_config import runner_config


@check("test-framework-configured", code="TST002", weight=1, severity=Severity.INFO)
def test_framework_configured(repo: Repo) -> Verdict:
    """The test runner is configured (pytest.ini, [tool.pytest.ini_options], tox, nox, CI).

    Why it matters:
        Configuring the test runner (pytest.ini, [tool.pytest.ini_options], tox) makes tests
        runnable with one command.

    How to fix:
        Add `[tool.pytest.ini_options]` with `testpaths = ["tests"]` to pyproject.toml (or a
        pytest.ini); for unittest, a Makefile `test` target or CI step running `python -m unittest`.

    Bad:
        Test files, but nothing says how to run them.

    Good:
        pyproject.toml:
        [tool.pytest.ini_options]
        testpaths = ["tests"]
    """
    require_tests(repo)
    evidence = next(runner_config(repo), None)
    if evidence is not None:
        return Verdict.passed(f"{evidence.what} in {evidence.path}")
    ci = next(iter(ci_test_commands(repo)), None)
    if ci is not None:
        return Verdict.passed(f"CI runs `{ci.text}` ({ci.path}:{ci.line})")
    resolve = local_resolver(repo)
    if any(
        is_test_command(command, resolve)
        for target in ("test", "tests", "check")
        for command in resolve("make", target)
    ):
        return Verdict.passed("Makefile test target")
    notes = []
    for name in ("tox.ini", "conftest.py", "setup.cfg"):
        if repo.exists(name):
            notes.append(
                Finding.at(
                    name,
                    f"{name} does not configure a test run"
                    " (no [pytest]/[tool:pytest] section or tox testenv)"
                    if name != "conftest.py"
                    else "conftest.py holds fixtures; it does not configure pytest",
                )
            )
    return Verdict.failed(
        *notes,
        Finding(
            "No test runner configuration: no pytest.ini, [tool.pytest.ini_options], tox/nox env,"
            " Makefile `test` target or CI step that runs the tests"
        ),
    )
