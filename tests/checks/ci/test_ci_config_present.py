"""Tests of CI001 ci-config-present: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.ci.conftest import GITLAB, JENKINS, JENKINS_STUB, LINT_WF, PYTEST_WF, STUB_WF, WF

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({WF: PYTEST_WF}, Status.PASSED),
        ({".github/workflows/lint.yaml": LINT_WF}, Status.PASSED),
        ({".gitlab-ci.yml": GITLAB}, Status.PASSED),
        ({"Jenkinsfile": JENKINS}, Status.PASSED),
        ({".travis.yml": "language: python\nscript: pytest\n"}, Status.PASSED),
        (
            {
                ".circleci/config.yml": "version: 2.1\njobs:\n  t:\n    steps:\n      - checkout\n"
                "      - run:\n          command: tox\n"
            },
            Status.PASSED,
        ),
        ({WF: STUB_WF, ".github/workflows/real.yml": PYTEST_WF}, Status.PASSED),
        ({WF: STUB_WF}, Status.PARTIAL),  # placeholder echo steps
        ({WF: "name: CI\non: push\n"}, Status.PARTIAL),  # no jobs
        ({"Jenkinsfile": JENKINS_STUB}, Status.PARTIAL),  # echo step, sh commented out
        ({WF: "jobs:\n  a: [unclosed\n"}, Status.PARTIAL),  # malformed YAML
        ({WF: BOMB}, Status.PARTIAL),  # alias bomb refused
        ({"README.md": "# CI\n\n```yaml\njobs:\n  t:\n    run: pytest\n```\n"}, Status.FAILED),
        ({"ci.yml": PYTEST_WF}, Status.FAILED),  # not where any CI looks
    ],
)
def test_ci_config_present(make_repo, run_rule, files, status):
    result = run_rule("CI001", make_repo(files))
    assert result.status is status
    if status is not Status.PASSED:
        assert result.findings
