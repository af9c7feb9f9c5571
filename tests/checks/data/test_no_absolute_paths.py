"""Tests of DAT001 no-absolute-paths: where it fires and where it stays quiet."""

from __future__ import annotations

import json

import pytest

from portfolio_lint.core.model import Severity, Status
from tests.checks.data.conftest import README


def notebook(source: list[str], outputs: list[dict] | None = None) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": outputs or [],
            "source": source,
        }
    ]
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"train.py": 'df = pd.read_csv("/Users/ann/Desktop/churn.csv")\n'}, Status.PARTIAL),
        ({"train.py": 'df = pd.read_csv(r"C:\\Users\\ann\\churn.csv")\n'}, Status.PARTIAL),
        (
            {"eda.ipynb": notebook(["df = pd.read_csv('/kaggle/input/titanic/train.csv')\n"])},
            Status.PARTIAL,
        ),
        ({"params.yaml": "data: /content/drive/MyDrive/data\n"}, Status.PARTIAL),
        ({"run.sh": "python train.py --data /home/ann/data\n"}, Status.PARTIAL),
        ({"train.py": 'BASE = Path(__file__).parent / "data"\n'}, Status.PASSED),
        ({"tests/test_io.py": 'def test_x():\n    open("/tmp/out.csv", "w")\n'}, Status.PASSED),
        (
            {"tests/test_io.py": 'def test_x():\n    assert norm("/Users/ann/x") == "x"\n'},
            Status.PASSED,
        ),  # fake machine paths as test inputs: info only
        ({"dags/etl.py": 'RAW = "/opt/airflow/data/raw.csv"\n'}, Status.PASSED),
        (
            {"Dockerfile": "WORKDIR /root/app\n", "docker-compose.yml": "volumes: [/home/a:/a]\n"},
            Status.PASSED,
        ),
        ({"train.py": '"""Expects data in /Users/<you>/data."""\n# /home/ann/x\n'}, Status.PASSED),
        (
            {"docs/setup.md": "Put the data in /Users/you/data\n", "train.py": "x = 1\n"},
            Status.PASSED,
        ),
        ({"train.py": 'URL = "https://host.org/home/ann/data.csv"\n'}, Status.PASSED),
    ],
)
def test_no_absolute_paths(make_repo, run_rule, files, status):
    result = run_rule("DAT001", make_repo({**README, **files}))
    assert result.status is status


def test_absolute_path_finding_has_line_cell_and_partial_score(make_repo, run_rule):
    nb = notebook(["import pandas as pd\n", "df = pd.read_csv('/content/drive/MyDrive/x.csv')\n"])
    repo = make_repo({"eda.ipynb": nb, "a.py": "x = 1\n", "b.py": "y = 2\n", "c.py": "z = 3\n"})
    result = run_rule("DAT001", repo)
    assert result.status is Status.PARTIAL and result.score == pytest.approx(2 / 3)
    [finding] = result.findings
    expected_line = next(n for n, line in enumerate(nb.split("\n"), 1) if "/content/drive" in line)
    assert (finding.location.path, finding.location.line, finding.location.cell) == (
        "eda.ipynb",
        expected_line,
        1,
    )
    assert finding.severity is Severity.WARNING


def test_paths_in_notebook_outputs_are_info_only(make_repo, run_rule):
    outputs = [
        {
            "name": "stderr",
            "output_type": "stream",
            "text": [
                "/usr/local/lib/python3.10/dist-packages/x.py:3: Warning\n",
                "Saved to /home/ann/run/model.pt\n",
            ],
        }
    ]
    result = run_rule("DAT001", make_repo({"train.ipynb": notebook(["fit()\n"], outputs)}))
    assert result.score == 1.0
    [finding] = result.findings
    assert finding.severity is Severity.INFO and "/home/ann/run" in finding.message


def test_inline_ignore_silences_a_path(make_repo, run_rule):
    code = 'DATA = "/Users/ann/x.csv"  # portfolio-lint: ignore[DAT001]\n'
    assert run_rule("DAT001", make_repo({"a.py": code})).status is Status.PASSED


def test_empty_files_do_not_dilute_absolute_paths(make_repo, run_rule):
    code = 'A = "/Users/ann/a.csv"\nB = "/Users/ann/b.csv"\n'
    few = run_rule("DAT001", make_repo({"train.py": code}))
    padded = {f"pkg/m{i}.py": "" for i in range(40)}
    many = run_rule("DAT001", make_repo({"train.py": code, **padded}))
    assert few.score == many.score == pytest.approx(0.5)


def test_more_absolute_paths_score_lower(make_repo, run_rule):
    code = "".join(f'P{i} = "/home/ann/data/{i}.csv"\n' for i in range(6))
    result = run_rule("DAT001", make_repo({"train.py": code}))
    assert result.score == pytest.approx(0.25) and len(result.findings) == 6
