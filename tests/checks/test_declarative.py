"""Declarative checks as a grader writes them in a rubric, and the example rubrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.checks import declarative
from portfolio_lint.core.model import Status
from portfolio_lint.engine.rubric import RubricError, load_rubric, parse_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.resources import data_dir
from tests.notebooks import notebook_json

README = (
    "# Churn\n\n## Installation\n\n```bash\npip install -r requirements.txt\n```\n\n"
    "## Results\n\nF1 0.81 on the 2025 hold-out set.\n"
)


def rubric_with(check: str, options: dict):
    """A one-rule rubric, as a grader's TOML would parse."""
    entry = {
        "code": "CAP001",
        "name": "custom",
        "check": check,
        "family": "CAP",
        "options": options,
    }
    return parse_rubric({"families": {"CAP": "Capstone"}, "rule": [entry]}, source="test.toml")


@pytest.fixture
def run_check():
    def run(check, repo, **options):
        return lint(repo, rubric_with(check, options)).results[0]

    return run


# --- file-exists -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "options", "status"),
    [
        ({"Dockerfile": "FROM python:3.12\n"}, {"glob": "Dockerfile"}, Status.PASSED),
        ({"docker/Dockerfile": "FROM x\n"}, {"glob": "Dockerfile"}, Status.PASSED),  # any depth
        ({"docker/Dockerfile": "FROM x\n"}, {"glob": "/Dockerfile"}, Status.FAILED),  # anchored
        ({"src/a.py": "", "src/b.py": ""}, {"glob": "src/**/*.py", "min-count": 2}, Status.PASSED),
        ({"src/a.py": ""}, {"glob": "src/**/*.py", "min-count": 2}, Status.FAILED),
        ({"app.py": ""}, {"glob": ["Dockerfile", "app.py"]}, Status.PASSED),
        ({"README.md": "# x\n"}, {"glob": "*.ipynb"}, Status.FAILED),
        (
            {"venv/lib/python3.12/site-packages/x/model.py": ""},
            {"glob": "model.py"},
            Status.FAILED,
        ),  # a vendored file is not the student's
    ],
)
def test_file_exists(make_repo, run_check, files, options, status):
    assert run_check("file-exists", make_repo(files), **options).status is status


# --- file-contains -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "options", "status"),
    [
        (
            {"train.py": "model.fit(X, y, random_state=42)\n"},
            {"glob": "*.py", "pattern": r"random_state\s*="},
            Status.PASSED,
        ),
        (
            {"train.py": "model.fit(X, y)\n"},
            {"glob": "*.py", "pattern": r"random_state\s*="},
            Status.FAILED,
        ),
        (
            {"a.py": "import argparse\n", "b.py": "x = 1\n"},
            {"glob": "*.py", "pattern": "^import argparse", "all-files": True},
            Status.FAILED,
        ),
        (
            {"a.py": "import argparse\n", "b.py": "import argparse\n"},
            {"glob": "*.py", "pattern": "^import argparse", "all-files": True},
            Status.PASSED,
        ),
        ({"README.md": "# x\n"}, {"glob": "*.py", "pattern": "x"}, Status.FAILED),  # no files
        (
            {"model.bin": b"\x00random_state=1\x00"},
            {"glob": "*.bin", "pattern": "random_state"},
            Status.FAILED,
        ),  # binary files are not searched
    ],
)
def test_file_contains(make_repo, run_check, files, options, status):
    assert run_check("file-contains", make_repo(files), **options).status is status


def test_file_contains_all_files_names_the_missing_ones(make_repo, run_check):
    repo = make_repo({"a.py": "import argparse\n", "b.py": "x = 1\n"})
    result = run_check(
        "file-contains", repo, glob="*.py", pattern="argparse", **{"all-files": True}
    )
    assert [f.location.path for f in result.findings] == ["b.py"]


# --- file-not-contains -------------------------------------------------------------------------


def test_file_not_contains_reports_each_match_with_its_line(make_repo, run_check):
    repo = make_repo(
        {"train.py": "import os\nbreakpoint()\nx = 1\n  breakpoint()\n", "eval.py": "print(1)\n"}
    )
    result = run_check("file-not-contains", repo, glob="*.py", pattern=r"^\s*breakpoint\(\)")
    assert result.status is Status.FAILED
    assert [str(f.location) for f in result.findings] == ["train.py:2", "train.py:4"]


def test_file_not_contains_redacts_what_matched(make_repo, run_check):
    key = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2"
    repo = make_repo({"config.py": f'KEY = "{key}"\n'})
    result = run_check("file-not-contains", repo, glob="*.py", pattern=r"sk-[\w-]{20,}")
    assert result.findings and key not in (result.findings[0].evidence or "")


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"train.py": "x = 1\n"}, Status.PASSED),
        ({"README.md": "# breakpoint()\n"}, Status.NOT_APPLICABLE),  # no file in the glob
        ({"train.py": "x = 1  # no breakpoint() here\n"}, Status.PASSED),  # anchored pattern
    ],
)
def test_file_not_contains_quiet(make_repo, run_check, files, status):
    result = run_check(
        "file-not-contains", make_repo(files), glob="*.py", pattern=r"^\s*breakpoint\(\)"
    )
    assert result.status is status


def test_empty_matches_are_not_findings(make_repo, run_check):
    result = run_check(
        "file-not-contains", make_repo({"a.py": "y = 1\n"}), glob="*.py", pattern="x*"
    )
    assert result.status is Status.PASSED


@pytest.mark.parametrize("check", ["file-contains", "file-not-contains"])
def test_a_backtracking_pattern_gives_up_with_a_warning(make_repo, run_check, monkeypatch, check):
    monkeypatch.setattr(declarative, "SEARCH_TIMEOUT", 0.05)
    repo = make_repo({"evil.py": "a" * 5000 + "b\n"})
    result = run_check(check, repo, glob="*.py", pattern="^(a|a)*$")
    assert result.status in (Status.PASSED, Status.FAILED)
    assert any("gave up" in w for w in repo.warnings)


@pytest.mark.parametrize("check", ["file-contains", "file-not-contains"])
def test_a_rule_stops_searching_when_its_time_budget_is_spent(
    make_repo, run_check, monkeypatch, check
):
    monkeypatch.setattr(declarative, "SEARCH_TIMEOUT", 0.05)
    monkeypatch.setattr(declarative, "RULE_BUDGET", 0.0)  # spent before the second file
    repo = make_repo({f"evil{i:02d}.py": "a" * 5000 + "b\n" for i in range(20)})
    result = run_check(check, repo, glob="*.py", pattern="^(a|a)*$")
    assert result.status in (Status.PASSED, Status.FAILED, Status.NOT_APPLICABLE)
    assert sum("gave up" in w for w in repo.warnings) <= 1
    assert any("stopped after" in w for w in repo.warnings)


# --- readme-section ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("readme", "pattern", "status"),
    [
        (README, "^results?$", Status.PASSED),
        (README, "RESULTS", Status.PASSED),  # case-insensitive
        (README, "^limitations", Status.FAILED),
        ("# Churn\n\nResults: F1 0.81\n", "^results", Status.FAILED),  # prose is not a heading
        ("Churn\n=====\n\nResults\n-------\n\nF1 0.81\n", "^results", Status.PASSED),  # setext
    ],
)
def test_readme_section(make_repo, run_check, readme, pattern, status):
    result = run_check("readme-section", make_repo({"README.md": readme}), pattern=pattern)
    assert result.status is status


def test_readme_section_without_readme_fails(make_repo, run_check):
    result = run_check("readme-section", make_repo({"train.py": "x = 1\n"}), pattern="results")
    assert result.status is Status.FAILED
    assert "No README" in result.findings[0].message


# --- dependency-declared -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "package", "status"),
    [
        ({"requirements.txt": "scikit-learn==1.5.0\n"}, "scikit-learn", Status.PASSED),
        ({"requirements.txt": "Scikit_Learn>=1.4\n"}, "scikit-learn", Status.PASSED),  # PEP 503
        ({"requirements/base.txt": "mlflow\n"}, "MLflow", Status.PASSED),
        (
            {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["torch>=2"]\n'},
            "torch",
            Status.PASSED,
        ),
        (
            {"environment.yml": "dependencies:\n  - python=3.11\n  - pip:\n    - wandb\n"},
            ["mlflow", "wandb"],
            Status.PASSED,
        ),
        ({"Pipfile": '[packages]\nfastapi = "*"\n'}, "fastapi", Status.PASSED),
        ({"setup.cfg": "[options]\ninstall_requires =\n    pandas\n"}, "pandas", Status.PASSED),
        ({"requirements.txt": "scikit-learn-extra\n"}, "scikit-learn", Status.FAILED),
        ({"requirements.txt": "# mlflow\npandas\n"}, "mlflow", Status.FAILED),  # commented out
        ({"train.py": "import mlflow\n"}, "mlflow", Status.FAILED),  # imported is not declared
    ],
)
def test_dependency_declared(make_repo, run_check, files, package, status):
    assert run_check("dependency-declared", make_repo(files), package=package).status is status


# --- import-used -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "module", "status"),
    [
        ({"src/train.py": "import mlflow\n"}, "mlflow", Status.PASSED),
        ({"train.py": "from mlflow.sklearn import autolog\n"}, "mlflow", Status.PASSED),
        ({"train.py": "import torch.nn as nn\n"}, "torch.nn", Status.PASSED),
        ({"train.py": "import torch\n"}, ["mlflow", "wandb", "torch"], Status.PASSED),
        ({"train.py": "import torchvision\n"}, "torch", Status.FAILED),  # not a prefix match
        ({"requirements.txt": "mlflow==2.14\n"}, "mlflow", Status.FAILED),  # declared, unused
        ({"tests/test_train.py": "import mlflow\n"}, "mlflow", Status.FAILED),  # tests only
        ({"train.py": "# import mlflow\nimport pandas\n"}, "mlflow", Status.FAILED),
    ],
)
def test_import_used(make_repo, run_check, files, module, status):
    assert run_check("import-used", make_repo(files), module=module).status is status


def test_import_used_names_the_file_and_line(make_repo, run_check):
    files = {"study.ipynb": notebook_json("import pandas as pd", "import wandb")}
    result = run_check("import-used", make_repo(files), module=["mlflow", "wandb"])
    assert str(result.summary).startswith("wandb imported in study.ipynb:")


# --- option validation at rubric load ----------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "options", "message"),
    [
        ("file-contains", {"glob": "*.py", "pattern": "(unclosed"}, "not a valid regular"),
        ("file-not-contains", {"glob": "*.py", "pattern": "[a-"}, "not a valid regular"),
        ("readme-section", {"pattern": ""}, "non-empty string"),
        ("file-exists", {"glob": []}, "option 'glob'"),
        ("file-exists", {"glob": "*.py", "min-count": -1}, "min-count"),
        ("file-exists", {"glob": 3}, "option 'glob'"),
        ("dependency-declared", {"package": "not a name!"}, "option 'package'"),
        ("import-used", {"module": "torch..nn"}, "option 'module'"),
        ("file-contains", {"glob": "*.py"}, "needs option 'pattern'"),
    ],
)
def test_bad_options_stop_the_rubric_loading(check, options, message):
    with pytest.raises(RubricError, match=message) as error:
        rubric_with(check, options)
    assert "CAP001" in str(error.value)


# --- example rubrics ---------------------------------------------------------------------------

EXAMPLES = sorted((data_dir() / "examples").glob("*.toml"))


def test_there_are_example_rubrics():
    assert {p.name for p in EXAMPLES} >= {"minimal.toml", "bootcamp-capstone.toml"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_rubric_loads_and_runs(make_repo, path: Path):
    rubric = load_rubric(path)
    problem = (
        "## Problem\n\nTelecom customers leave without warning; this model predicts "
        "which customers will cancel next month so the retention team can call them.\n\n"
    )
    tests = "".join(f"def test_train_{i}():\n    assert True\n\n\n" for i in range(6))
    files = {
        "README.md": README.replace("## Installation", problem + "## Installation"),
        "requirements.txt": "pandas==2.2.0\nmlflow==2.15.0\n",
        ".gitignore": ".env\n__pycache__/\n",
        "Dockerfile": "FROM python:3.12\n",
        "src/churn/__init__.py": "",
        "src/churn/train.py": (
            'def train(X, y):\n    """Fit."""\n    return fit(X, y, random_state=42)\n'
        ),
        "tests/test_train.py": tests,
    }
    report = lint(make_repo(files), rubric)
    assert len(report.results) == len(rubric.rules)
    assert not [r.reason for r in report.results if r.status is Status.ERROR]
    assert report.score is not None and report.score >= 80  # a tidy project scores well


def test_capstone_rubric_flags_a_notebook_only_project(make_repo):
    rubric = load_rubric(data_dir() / "examples" / "bootcamp-capstone.toml")
    report = lint(make_repo({"README.md": "# Churn\n", "churn.ipynb": "{}"}), rubric)
    failed = {r.rule.code for r in report.results if r.status is Status.FAILED}
    assert {"CAP002", "CAP003", "CAP006"} <= failed
