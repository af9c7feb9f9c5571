"""Tests of DOC004 readme-problem-statement: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.docs.conftest import INTRO, LONG


@pytest.mark.parametrize(
    ("readme", "passed"),
    [
        (LONG, True),
        ("# Churn\n\n![badge](https://img.shields.io/x.svg)\n\n" + INTRO, True),
        ("# Churn\n\n## Overview\n\nWe predict churn from billing and support data.\n", True),
        ("# Churn\n\n## Problem statement\n\nTelecoms lose customers; we flag them early.\n", True),
        (
            "# Отток\n\n## Описание\n\nМодель предсказывает отток клиентов по данным биллинга и"
            " обращений в поддержку.\n",
            True,
        ),
        ("# 流失预测\n\n## 项目简介\n\n本项目根据账单和客服数据预测电信客户流失。\n", True),
        (
            "# Churn\n\n## Descripción\n\nEl modelo predice la pérdida de clientes con datos de"
            " facturación.\n",
            True,
        ),
        ("# Churn\n\n## Installation\n\n```bash\npip install x\n```\n", False),
        ("# Churn\n\nA model.\n\n## Usage\n\nRun it with the script in the folder.\n", False),
        ("# Churn\n\n## Overview\n\nTODO\n", False),
    ],
)
def test_readme_problem_statement(make_repo, run_rule, readme, passed):
    result = run_rule("DOC004", make_repo({"README.md": readme}))
    assert (result.status is Status.PASSED) is passed
