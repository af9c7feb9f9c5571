"""Tests of CI002 ci-runs-tests: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.ci.conftest import GITLAB, JENKINS, JENKINS_STUB, LINT_WF, PYTEST_WF, STUB_WF, WF

DEPLOY_WF = """on: {push: {branches: [main]}}
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t app .
      - uses: aws-actions/amazon-ecr-login@v2
"""


COMMENTED_WF = """on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      # - run: pytest
      - run: |
          # pytest tests/
          python train.py --epochs 1
"""


MAKE_WF = PYTEST_WF.replace("python -m pytest -q", "make ci")


MAKEFILE = "ci: lint test\n\nlint:\n\truff check .\n\ntest:\n\t$(PYTHON) -m pytest\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({WF: PYTEST_WF}, Status.PASSED),
        ({".gitlab-ci.yml": GITLAB}, Status.PASSED),
        ({"Jenkinsfile": JENKINS}, Status.PASSED),
        ({WF: MAKE_WF, "Makefile": MAKEFILE}, Status.PASSED),  # make ci → make test → pytest
        (
            {
                WF: PYTEST_WF.replace("python -m pytest -q", "bash scripts/ci.sh"),
                "scripts/ci.sh": "#!/bin/sh\nset -e\nuv run pytest\n",
            },
            Status.PASSED,
        ),
        ({WF: PYTEST_WF.replace("python -m pytest -q", "tox -e py311")}, Status.PASSED),
        ({"azure-pipelines.yml": "steps:\n- script: python -m unittest discover\n"}, Status.PASSED),
        ({".github/workflows/lint.yml": LINT_WF}, Status.FAILED),  # lint only
        ({WF: DEPLOY_WF}, Status.FAILED),  # build and deploy only
        ({WF: COMMENTED_WF}, Status.FAILED),  # commented-out pytest
        ({WF: STUB_WF}, Status.FAILED),
        ({WF: PYTEST_WF.replace("python -m pytest -q", "tox -e lint,mypy")}, Status.FAILED),
        (
            {WF: PYTEST_WF.replace("python -m pytest -q", "python test.py --ckpt m.pt")},
            Status.FAILED,
        ),  # evaluates a model
        ({"Jenkinsfile": JENKINS_STUB}, Status.FAILED),
        ({WF: MAKE_WF, "Makefile": "ci:\n\truff check .\n"}, Status.FAILED),
    ],
)
def test_ci_runs_tests(make_repo, run_rule, files, status):
    result = run_rule("CI002", make_repo(files))
    assert result.status is status
    if status is Status.FAILED:
        assert all(f.location is not None and f.location.line for f in result.findings)


def test_ci_running_tests_is_not_shown_without_ci(make_repo, run_rule):
    result = run_rule("CI002", make_repo({"train.py": "print(1)\n"}))
    # A practice whose prerequisite is missing counts as not shown, naming the prerequisite.
    assert (result.status, result.score) == (Status.FAILED, 0.0)
    assert "ci-config-present" in (result.reason or "") and not result.findings


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n     bad: [\n", 6),
        ("on: push\njobs:\n\tt: 1\n", 3),
    ],
)
def test_malformed_workflow_is_a_finding_with_its_line(make_repo, run_rule, content, line):
    result = run_rule("CI002", make_repo({WF: content}))
    assert result.status is Status.FAILED
    (finding,) = result.findings
    assert finding.location is not None
    assert (finding.location.path, finding.location.line) == (WF, line)
    assert "could not be parsed" in finding.message


def test_lint_only_finding_names_the_commands(make_repo, run_rule):
    result = run_rule("CI002", make_repo({".github/workflows/lint.yml": LINT_WF}))
    (finding,) = result.findings
    assert "flake8 src tests" in finding.message
    assert finding.location is not None and finding.location.line == 7  # the first command
