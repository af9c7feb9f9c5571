"""Tests of QUA014 notebook-names-defined: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README, cell, md, nb


def test_fires_on_a_name_defined_only_further_down(make_repo, run_rule):
    notebook = nb(
        md("# Churn EDA"),
        cell("import pandas as pd\n", 1),
        cell("df.describe()\n", 3),
        cell("df = pd.read_csv('churn.csv')\n", 2),
    )
    clean = nb(cell("import numpy as np\nx = np.ones(3)\n"), cell("x.sum()\n"))
    result = run_rule("QUA014", make_repo({**README, "eda.ipynb": notebook, "ok.ipynb": clean}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(1 / 2)
    [finding] = result.findings
    assert finding.location.path == "eda.ipynb" and finding.location.cell == 3
    assert "`df` is used in cell 3" in finding.message


def test_fires_when_the_imports_sit_in_a_markdown_cell(make_repo, run_rule):
    notebook = nb(md("import pandas as pd"), cell("pd.read_csv('a.csv')\n"))
    assert run_rule("QUA014", make_repo({"a.ipynb": notebook})).status is Status.FAILED


def test_quiet_on_magics_run_cells_and_colab_idioms(make_repo, run_rule):
    notebook = nb(
        cell("!pip install -q transformers\n%load_ext tensorboard\n"),
        cell("from google.colab import drive\ndrive.mount('/content/drive')\n"),
        cell("%run ./helpers.ipynb\n"),
        cell("plot_history(history)\n"),  # may come from helpers.ipynb
    )
    assert run_rule("QUA014", make_repo({**README, "a.ipynb": notebook})).status is Status.PASSED


def test_not_applicable_without_notebooks(make_repo, run_rule):
    assert run_rule("QUA014", make_repo(README)).status is Status.NOT_APPLICABLE
