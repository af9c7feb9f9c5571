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
        # a 14-word sentence that states the task, wherever it sits
        (
            "# Churn\n\n[![ci](https://x/ci.svg)](https://x)\n\n---\n\nPredicts which telecom"
            " customers will cancel next month from their billing history.\n",
            True,
        ),
        (
            "---\ntitle: Churn\nsdk: gradio\n---\n\nA Gradio app that flags patients at risk"
            " of readmission for ward nurses.\n",
            True,
        ),
        ("# Churn\n\n## Ovreview\n\nWe forecast weekly demand for each store and product.\n", True),
        (
            "# Titanic\n\n## Visão Geral\n\nAPI desenvolvida para prever a sobrevivência de"
            " passageiros do Titanic.\n",
            True,
        ),
        (
            "# PDF chat\n\nUpload a PDF and ask questions about it in plain English.\n",
            True,
        ),
        # 30 words of tech stack, a title, a template: no statement
        (
            "# Churn prediction\n\nBuilt with Python, Pandas, NumPy, Scikit-learn, XGBoost,"
            " Streamlit, FastAPI, Docker, MLflow, DVC, GitHub Actions, Pytest, Matplotlib,"
            " Seaborn, Plotly, Jupyter, AWS, PostgreSQL, Redis, Nginx and Uvicorn.\n",
            False,
        ),
        (
            "# Churn\n\nPython, Pandas, Scikit-learn, XGBoost, Streamlit, FastAPI, Docker,"
            " MLflow, DVC and GitHub Actions for the prediction service.\n",
            False,
        ),
        (
            "# House price prediction for Bangalore\n\n## Installation\n\nRun `pip install`.\n",
            False,
        ),
        (
            "# React + Vite\n\nThis template provides a minimal setup to get React working in"
            " Vite with HMR and some ESLint rules.\n\nIf you are developing a production"
            " application, we recommend using TypeScript with type-aware lint rules enabled.\n",
            False,
        ),
        (
            "# Getting Started with Create React App\n\nThis project was bootstrapped with"
            " [Create React App](https://github.com/facebook/create-react-app).\n\nThe page"
            " will reload when you make changes and you may also see lint errors in the console.\n",
            False,
        ),
        (
            "# churn\n\nA short description of the project.\n\n## Project Organization\n\n"
            "├── models <- Trained models, model predictions, or model summaries\n",
            False,
        ),
        (
            "# Churn\n\n## Usage\n\nRun `python predict.py` to predict churn for a new file of"
            " customers.\n",
            False,
        ),
    ],
)
def test_readme_problem_statement(make_repo, run_rule, readme, passed):
    result = run_rule("DOC004", make_repo({"README.md": readme}))
    assert (result.status is Status.PASSED) is passed


def test_template_message_and_author_text_above_it(make_repo, run_rule):
    template = (
        "# React + Vite\n\nThis template provides a minimal setup to get React working in Vite.\n"
    )
    result = run_rule("DOC004", make_repo({"README.md": template}))
    assert result.status is Status.FAILED and "React + Vite" in result.findings[0].message
    own = "# Houses\n\nEstimates the sale price of a flat in Lisbon for first-time buyers.\n\n"
    result = run_rule("DOC004", make_repo({"README.md": own + template}))
    assert result.status is Status.PASSED
