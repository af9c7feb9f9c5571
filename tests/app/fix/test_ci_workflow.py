"""The CI workflow: installs from the dependency file, runs the tests that exist."""

from __future__ import annotations

import yaml

from portfolio_lint.app.fix import ci_workflow
from portfolio_lint.facts.ci import ci_test_commands
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.overlay import OverlaySource
from tests.app.fix.conftest import only

TESTED = {
    "model.py": "def predict(x):\n    return x\n",
    "tests/test_model.py": (
        "from model import predict\n\ndef test_predict():\n    assert predict(1) == 1\n"
    ),
    "requirements.txt": "scikit-learn==1.5.0\n",
}


def test_a_project_with_tests_gets_a_workflow_that_ci_runs_tests_recognises(fix_context):
    context = fix_context(TESTED)

    change = only(ci_workflow.propose(context))

    assert change.path == ".github/workflows/ci.yml" and change.creates
    workflow = yaml.safe_load(change.text)
    steps = workflow["jobs"]["test"]["steps"]
    assert "pip install -r requirements.txt" in steps[2]["run"]
    overlaid = Repo(OverlaySource(context.repo.source, {change.path: change.text.encode()}))
    assert [c.text for c in ci_test_commands(overlaid)] == ["coverage run -m pytest"]


def test_without_tests_the_workflow_only_checks_that_the_code_compiles(fix_context):
    change = only(ci_workflow.propose(fix_context({"train.py": "print(1)\n"})))

    assert "compileall" in change.text and "pytest" not in change.text.split("TODO")[0]
    assert "TODO" in change.text


def test_ci_that_already_runs_the_tests_is_enough(fix_context):
    ci = "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"
    context = fix_context({**TESTED, ".github/workflows/test.yml": ci})

    assert ci_workflow.propose(context) == []


def test_a_lint_only_ci_without_tests_is_left_alone(fix_context):
    ci = (
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n"
    )
    context = fix_context({"app.py": "print(1)\n", ".github/workflows/lint.yml": ci})

    assert ci_workflow.propose(context) == []
