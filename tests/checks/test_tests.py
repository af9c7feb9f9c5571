"""TST rules on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import json
from datetime import timedelta

import coverage
import pytest

from portfolio_lint.core.model import Status
from tests.conftest import EPOCH, commit_all, write_tree

TESTS = "import pytest\n\n" + "".join(
    f"def test_case_{i}():\n    assert {i} == {i}\n\n" for i in range(6)
)
ONE_TEST = "def test_loads():\n    assert True\n"
LIGHTNING = """import pytorch_lightning as pl


class LitModel(pl.LightningModule):
    def test_step(self, batch, batch_idx):
        return self(batch)

    def test_dataloader(self):
        return None
"""
LOGGER_HELPER = "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n"
SCRATCH = "def test():\n    print('does it run?')\n\n\ntest()\n"
UNITTEST = """import unittest


class ModelTests(unittest.TestCase):
    def test_shape(self):
        self.assertEqual(1, 1)

    def test_dtype(self):
        self.assertTrue(True)

    def helper(self):
        pass
"""
MARKDOWN_TESTS = "# Tests\n\n```python\ndef test_model():\n    assert model(1) == 2\n```\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"tests/test_model.py": TESTS}, Status.PASSED),
        ({"tests/tests.py": TESTS}, Status.PASSED),  # not test_*.py, still tests
        ({"src/pkg/model_test.py": TESTS}, Status.PASSED),
        ({"app/tests.py": TESTS}, Status.PASSED),  # Django layout
        ({"test/unit/test_a.py": UNITTEST}, Status.PARTIAL),  # 2 unittest methods < 5
        ({"tests/test_data.py": ONE_TEST}, Status.PARTIAL),
        ({"model.py": LIGHTNING}, Status.FAILED),  # Lightning hooks
        ({"utils/test_logger.py": LOGGER_HELPER}, Status.FAILED),  # helper named test_*
        ({"explore.py": SCRATCH}, Status.FAILED),  # scratch def test()
        ({"test.py": SCRATCH}, Status.FAILED),  # evaluation-style script
        ({"test.py": UNITTEST}, Status.PARTIAL),  # unittest discovers test*.py
        ({"testing.py": UNITTEST.replace("ModelTests", "TestModel")}, Status.PARTIAL),
        ({"test.py": SCRATCH + "\n\ndef test_accuracy():\n    print(0.9)\n"}, Status.FAILED),
        ({"docs/testing.md": MARKDOWN_TESTS, "README.md": MARKDOWN_TESTS}, Status.FAILED),
        (
            {
                "tests/__init__.py": "",
                "tests/conftest.py": "import pytest\n\n@pytest.fixture\n"
                "def test_data():\n    return [1]\n",
            },
            Status.FAILED,
        ),  # fixtures are not tests
        ({"tests/test_broken.py": "def test_x(:\n"}, Status.FAILED),
        ({".venv/lib/site/tests/test_x.py": TESTS}, Status.FAILED),  # vendored
        (
            {
                "notebook.ipynb": json.dumps(
                    {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                )
            },
            Status.FAILED,
        ),
    ],
)
def test_tests_exist(make_repo, run_rule, files, status):
    result = run_rule("TST001", make_repo(files))
    assert result.status is status
    if status is not Status.PASSED:
        assert result.findings


def test_empty_tests_folder_is_named(make_repo, run_rule):
    result = run_rule(
        "TST001", make_repo({"tests/__init__.py": "", "tests/helpers.py": LOGGER_HELPER})
    )
    assert result.status is Status.FAILED
    assert any(
        f.location and f.location.path == "tests" and "no test functions" in f.message
        for f in result.findings
    )


def test_partial_credit_grows_with_the_count(make_repo, run_rule):
    one = run_rule("TST001", make_repo({"tests/test_a.py": ONE_TEST}))
    two = run_rule(
        "TST001",
        make_repo(
            {"tests/test_a.py": ONE_TEST, "tests/test_b.py": ONE_TEST.replace("loads", "saves")}
        ),
    )
    assert 0 < one.score < two.score < 1


WITH_TESTS = {"tests/test_model.py": TESTS}
PYTEST_CI = ".github/workflows/ci.yml"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"pytest.ini": "[pytest]\ntestpaths = tests\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests']\n"}, Status.PASSED),
        ({"setup.cfg": "[metadata]\nname = a\n\n[tool:pytest]\naddopts = -q\n"}, Status.PASSED),
        (
            {
                "tox.ini": "[tox]\nenvlist = py311\n\n[testenv]\ndeps = pytest\ncommands =\n"
                "    pytest {posargs}\n"
            },
            Status.PASSED,
        ),
        (
            {
                "noxfile.py": "import nox\n\n@nox.session\ndef tests(session):\n"
                "    session.install('pytest')\n    session.run('pytest')\n"
            },
            Status.PASSED,
        ),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: pytest -q tests\n"
            },
            Status.PASSED,
        ),
        ({"Makefile": "test:\n\tpython -m pytest\n"}, Status.PASSED),
        ({"tox.ini": "[flake8]\nmax-line-length = 120\n\n[pep8]\nignore = E501\n"}, Status.FAILED),
        ({"tests/conftest.py": "import pytest\n"}, Status.FAILED),
        (
            {
                "noxfile.py": "import nox\n\n@nox.session\ndef lint(session):\n"
                "    session.run('python', 'train.py')\n"
            },
            Status.FAILED,
        ),
        ({"pyproject.toml": "[tool.black]\nline-length = 100\n"}, Status.FAILED),
        ({"tox.ini": "[testenv:lint]\ncommands = flake8 src\n"}, Status.FAILED),
    ],
)
def test_test_framework_configured(make_repo, run_rule, files, status):
    result = run_rule("TST002", make_repo({**WITH_TESTS, **files}))
    assert result.status is status


@pytest.mark.parametrize("code", ["TST002", "TST003"])
def test_runner_and_coverage_rules_skip_without_tests(make_repo, run_rule, code):
    repo = make_repo({"pytest.ini": "[pytest]\n", "train.py": LIGHTNING})
    result = run_rule(code, repo)
    assert result.status is Status.NOT_APPLICABLE
    assert "no test functions" in (result.reason or "")


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({".coveragerc": "[run]\nsource = src\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.coverage.run]\nbranch = true\n"}, Status.PASSED),
        ({"setup.cfg": "[coverage:report]\nfail_under = 80\n"}, Status.PASSED),
        ({"pytest.ini": "[pytest]\naddopts = --cov=src --cov-report=xml\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.pytest.ini_options]\naddopts = ['--cov=pkg']\n"}, Status.PASSED),
        ({"codecov.yml": "coverage:\n  precision: 2\n"}, Status.PASSED),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: poetry run pytest --cov=src\n"
            },
            Status.PASSED,
        ),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: coverage run -m pytest\n"
            },
            Status.PASSED,
        ),
        ({"tox.ini": "[testenv]\ncommands = pytest --cov {posargs}\n"}, Status.PASSED),
        ({"requirements.txt": "pytest\npytest-cov\n"}, Status.FAILED),  # listed, never used
        ({"pytest.ini": "[pytest]\naddopts = -q\n"}, Status.FAILED),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: pip install pytest-cov\n      - run: pytest\n"
            },
            Status.FAILED,
        ),
    ],
)
def test_coverage_configured(make_repo, run_rule, files, status):
    result = run_rule("TST003", make_repo({**WITH_TESTS, **files}))
    assert result.status is status


def test_pytest_cov_in_requirements_is_pointed_at(make_repo, run_rule):
    result = run_rule("TST003", make_repo({**WITH_TESTS, "requirements.txt": "pytest-cov\n"}))
    assert any(
        f.location and f.location.path == "requirements.txt" and f.location.line == 1
        for f in result.findings
    )


# --- TST004: coverage reports -------------------------------------------------------------

SOURCE = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n"


def cobertura(percent: float, stamp_ms: int) -> str:
    valid = 200
    covered = round(valid * percent / 100)
    return (
        f'<?xml version="1.0" ?>\n<coverage version="7.4" timestamp="{stamp_ms}"'
        f' lines-valid="{valid}" lines-covered="{covered}" line-rate="{covered / valid}"'
        ' branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n'
        "  <sources><source>/src</source></sources>\n  <packages/>\n</coverage>\n"
    )


def coverage_json(percent: float, when: str) -> str:
    return json.dumps(
        {
            "meta": {"format": 3, "version": "7.4.0", "timestamp": when},
            "files": {},
            "totals": {"percent_covered": percent, "covered_lines": 1, "num_statements": 1},
        }
    )


RECENT_MS = int((EPOCH + timedelta(minutes=5)).timestamp() * 1000)


@pytest.mark.parametrize(
    ("report", "status"),
    [
        ({"coverage.xml": cobertura(92.0, RECENT_MS)}, Status.PASSED),
        ({"coverage.xml": cobertura(40.0, RECENT_MS)}, Status.PARTIAL),
        ({"reports/coverage.json": coverage_json(85.5, "2026-01-05T10:05:00")}, Status.PASSED),
        ({"coverage.json": coverage_json(20.0, "2026-01-05T10:05:00")}, Status.PARTIAL),
        ({"coverage.xml": "<coverage line-rate="}, Status.FAILED),
        (
            {
                "coverage.xml": '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM'
                ' "file:///etc/passwd">]>\n<coverage line-rate="1">&x;</coverage>\n'
            },
            Status.FAILED,
        ),
        ({"coverage.json": '{"meta": {}}'}, Status.FAILED),
    ],
)
def test_coverage_measured_from_committed_reports(make_repo, run_rule, report, status):
    result = run_rule("TST004", make_repo({"src/calc.py": SOURCE, **report}))
    assert result.status is status
    if status is Status.PARTIAL:
        assert any("below the 80% threshold" in f.message for f in result.findings)


def test_partial_credit_is_proportional_to_the_threshold(make_repo, run_rule):
    result = run_rule("TST004", make_repo({"coverage.xml": cobertura(40.0, RECENT_MS)}))
    assert result.score == pytest.approx(0.5)


def test_no_report_is_not_applicable(make_repo, run_rule):
    result = run_rule("TST004", make_repo({**WITH_TESTS, "requirements.txt": "pytest-cov\n"}))
    assert result.status is Status.NOT_APPLICABLE
    assert "--coverage-file" in (result.reason or "")


def test_report_older_than_the_source_is_stale(tmp_path, run_rule, make_repo):
    repo = make_repo({"src/calc.py": SOURCE, "coverage.xml": cobertura(95.0, RECENT_MS)})
    fresh = run_rule("TST004", repo)
    assert fresh.status is Status.PASSED
    root = repo.source.root
    write_tree(root, {"src/calc.py": SOURCE + "\n\ndef mul(a, b):\n    return a * b\n"})
    commit_all(root, "Add mul", EPOCH + timedelta(days=3))
    stale = run_rule("TST004", type(repo)(type(repo.source)(root), options=repo.options))
    assert stale.status is Status.PARTIAL
    assert any("stale" in f.message for f in stale.findings)


def test_commit_touching_only_docs_does_not_make_the_report_stale(run_rule, make_repo):
    repo = make_repo({"src/calc.py": SOURCE, "coverage.xml": cobertura(95.0, RECENT_MS)})
    root = repo.source.root
    write_tree(root, {"README.md": "# Calc\n"})
    commit_all(root, "Docs", EPOCH + timedelta(days=3))
    result = run_rule("TST004", type(repo)(type(repo.source)(root), options=repo.options))
    assert result.status is Status.PASSED


def _real_data_file(folder, module_path, executed):
    """A genuine .coverage SQLite file written through coverage's own API (no code is run)."""
    data = coverage.CoverageData(basename=str(folder / ".coverage"))
    data.add_lines({str(module_path): executed})
    data.write()
    data.close(force=True)
    return folder / ".coverage"


@pytest.mark.parametrize(
    ("executed", "status"), [([1, 2, 5, 6], Status.PASSED), ([1, 2], Status.PARTIAL)]
)
def test_coverage_file_option_reads_a_coverage_data_file(
    tmp_path, make_repo, run_rule, executed, status
):
    outside = tmp_path / "ci-artifacts"
    outside.mkdir()
    # measured on another machine: an absolute path whose tail is the repository path
    data_file = _real_data_file(outside, "/home/runner/work/calc/src/calc.py", executed)
    repo = make_repo({"src/calc.py": SOURCE}, coverage_file=data_file)
    result = run_rule("TST004", repo)
    assert result.status is status
    assert not (repo.source.root / ".coverage").exists()  # nothing written in the linted repo


def test_coverage_file_option_outranks_committed_reports(tmp_path, make_repo, run_rule):
    given = tmp_path / "coverage.json"
    given.write_text(coverage_json(30.0, "2099-01-01T00:00:00+00:00"), encoding="utf-8")
    repo = make_repo(
        {"coverage.xml": cobertura(99.0, RECENT_MS), "a.py": SOURCE}, coverage_file=given
    )
    result = run_rule("TST004", repo)
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(30.0 / 80.0)
