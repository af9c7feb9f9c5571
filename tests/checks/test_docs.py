"""DOC rules on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status

INTRO = (
    "This project predicts customer churn for a telecom operator from twelve months of"
    " billing and support data, so that the retention team can call at-risk customers.\n"
)
LONG = "# Churn\n\n" + INTRO


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"README.md": LONG}, Status.PASSED),
        ({"readme.md": LONG}, Status.PASSED),
        ({"Readme.rst": "Churn\n=====\n\n" + INTRO}, Status.PASSED),
        ({"README.txt": INTRO}, Status.PASSED),
        ({"README.md": ""}, Status.FAILED),
        ({"README.md": "# My Project\n"}, Status.FAILED),
        ({"README.md": "# Churn\n\nA churn model.\n"}, Status.FAILED),
        ({"main.py": "print(1)\n"}, Status.FAILED),
    ],
)
def test_readme_present(make_repo, run_rule, files, status):
    assert run_rule("DOC001", make_repo(files)).status is status


@pytest.mark.parametrize(
    ("readme", "extra", "passed"),
    [
        ("```bash\npip install -r requirements.txt\n```\n", {}, True),
        ("```\n$ pip3 install -r requirements.txt\n```\n", {}, True),
        ("```python\n!pip install transformers\n```\n", {}, True),
        ("```console\n(venv) $ python -m pip install -e .\n```\n", {}, True),
        ("```sh\nconda env create -f environment.yml\n```\n", {}, True),
        ("```sh\npoetry install\n```\n", {}, True),
        ("```sh\nuv sync\n```\n", {}, True),
        ("```sh\ndocker compose up --build\n```\n", {}, True),
        ("    make install\n", {}, True),
        ("Run `pip install -r requirements.txt` first.\n", {}, True),
        ("## Установка\n\n```bash\npip install -r requirements.txt\n```\n", {}, True),
        ("## 安装\n\n```shell\nconda create -n demo python=3.10\n```\n", {}, True),
        (
            "See the [setup guide](docs/setup.md).\n",
            {"docs/setup.md": "```bash\npip install -r requirements.txt\n```\n"},
            True,
        ),
        (
            "Details in [README-detailed](README-detailed.md).\n",
            {"README-detailed.md": "```bash\npoetry install\n```\n"},
            True,
        ),
        ("Install the requirements and run it.\n", {}, False),
        ("```python\nimport pip\n```\n", {}, False),
        ("```bash\npip install --upgrade pip\n```\n", {}, False),
        ("```bash\ngit clone https://github.com/a/b.git\n```\n", {}, False),
        ('```json\n{"pip install": 1}\n```\n', {}, False),
        (
            "See [guide](docs/setup.md).\n",
            {
                "docs/setup.md": "[deeper](deeper.md)\n",
                "docs/deeper.md": "```\npip install x\n```\n",
            },
            False,
        ),
    ],
)
def test_readme_install_steps(make_repo, run_rule, readme, extra, passed):
    result = run_rule("DOC002", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert (result.status is Status.PASSED) is passed
    if not passed:
        assert result.findings[0].location.path == "README.md"


def test_install_steps_skip_without_readme(make_repo, run_rule):
    assert run_rule("DOC002", make_repo({"a.py": ""})).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("readme", "extra", "passed"),
    [
        ("```bash\npython train.py --epochs 3\n```\n", {}, True),
        ("```bash\npython -m churn.train\n```\n", {}, True),
        ("```bash\nstreamlit run app.py\n```\n", {}, True),
        ("```bash\nuvicorn api.main:app --reload\n```\n", {}, True),
        ("```bash\njupyter notebook analysis.ipynb\n```\n", {}, True),
        ("```bash\nmake train\n```\n", {}, True),
        ("```bash\nflask --app webapp run --debug\n```\n", {}, True),
        ("```bash\ndocker compose -f compose.prod.yml up -d\n```\n", {}, True),
        ("```bash\ndocker run -p 8000:8000 churn\n```\n", {}, True),
        ("```bash\ncurl -X POST http://localhost:8000/predict -d @x.json\n```\n", {}, True),
        ("```bash\npoetry run python src/train.py\n```\n", {}, True),
        (
            "```bash\nchurn-train --config base.yaml\n```\n",
            {"pyproject.toml": "[project]\nname='c'\n[project.scripts]\nchurn-train='c:main'\n"},
            True,
        ),
        (
            "Usage in [docs](docs/usage.md).\n",
            {"docs/usage.md": "```\npython predict.py\n```\n"},
            True,
        ),
        ("```bash\npip install -r requirements.txt\n```\n", {}, False),
        ("```bash\npython -m pip install -e .\npython -m venv .venv\n```\n", {}, False),
        ("```bash\npytest\npoetry run pytest\n```\n", {}, False),
        ("```bash\nchurn-train --config base.yaml\n```\n", {}, False),
        ("```bash\ncurl https://example.com/data.zip -o data.zip\n```\n", {}, False),
        ("Run the training script and open the notebook.\n", {}, False),
        ("```python\nfrom churn import train\ntrain()\n```\n", {}, False),
    ],
)
def test_readme_usage(make_repo, run_rule, readme, extra, passed):
    result = run_rule("DOC003", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert (result.status is Status.PASSED) is passed


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


@pytest.mark.parametrize(
    ("readme", "passed"),
    [
        ("The model reaches an accuracy of 0.93 on the held-out set.\n", True),
        ("We got **F1: 0.87** against a 0.71 baseline.\n", True),
        ("92% accuracy on the test set.\n", True),
        ("| Model | RMSE | MAE |\n|---|---|---|\n| XGBoost | 3.21 | 2.10 |\n", True),
        ("| Metric | Value |\n|---|---|\n| ROC-AUC | 0.91 |\n", True),
        ("Точность модели на тесте: 0.91\n", True),
        ("测试集准确率 92%\n", True),
        ("mAP@50 = 0.61 on COCO val.\n", True),
        ("| Модель | Точность | F1 |\n|---|---|---|\n| RuBERT | 0,91 | 0,90 |\n", True),
        ("Точность 0,91 на тестовой выборке.\n", True),
        ("WAPE 18.2% vs 24.9% for the seasonal naive baseline.\n", True),
        ("CIDEr 112.4 and BLEU-4 0.36 on the Karpathy test split.\n", True),
        ("We evaluate accuracy on 1,000 held-out images.\n", False),
        ("| Model | Accuracy |\n|---|---|\n| BERT | TBD |\n", False),
        ("Our model achieves high accuracy.\n", False),
        ('Example response:\n\n```json\n{"label": "churn", "score": 0.93}\n```\n', False),
        (
            "Requires Python 3.10 and scikit-learn 1.4.2; accuracy is reported in the notebook.\n",
            False,
        ),
        ("![accuracy](https://img.shields.io/badge/accuracy-93%25-green)\n", False),
        ("Trained for 20 epochs; the loss goes down nicely. Updated 2024-03-01.\n", False),
        ("We report top-5 accuracy and F1 score in the paper.\n", False),
        ("| Step | Command |\n|---|---|\n| 1 | train |\n", False),
    ],
)
def test_readme_results(make_repo, run_rule, readme, passed):
    result = run_rule("DOC005", make_repo({"README.md": "# Demo\n\n" + readme}))
    assert (result.status is Status.PASSED) is passed


@pytest.mark.parametrize(
    ("readme", "extra", "passed"),
    [
        ("## Architecture\n\nThree services.\n", {}, True),
        ("## How it works\n\nA retriever and a generator.\n", {}, True),
        ("## Архитектура\n\nСервисы.\n", {}, True),
        ("```mermaid\ngraph LR; A-->B\n```\n", {}, True),
        ("![](assets/system_diagram.png)\n", {"assets/system_diagram.png": b"\x89PNG\0"}, True),
        ("Intro only.\n", {"docs/architecture.md": "# Architecture\n"}, True),
        ("## Usage\n\nRun it.\n", {}, False),
        ("![demo](assets/screenshot.png)\n", {"assets/screenshot.png": b"\x89PNG\0"}, False),
    ],
)
def test_readme_architecture(make_repo, run_rule, readme, extra, passed):
    result = run_rule("DOC006", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert (result.status is Status.PASSED) is passed


@pytest.mark.parametrize(
    ("files", "passed"),
    [
        ({"README.md": "# Sentiment Analysis Pipeline\n\n" + INTRO}, False),
        ({"README.rst": "Data pipeline\n=============\n\n" + INTRO}, False),
        ({"README.md": "# Churn\n\n" + INTRO + "\n# Pipeline\n\nIngest, train, serve.\n"}, True),
    ],
)
def test_readme_title_is_not_an_architecture_section(make_repo, run_rule, files, passed):
    assert (run_rule("DOC006", make_repo(files)).status is Status.PASSED) is passed


def test_rst_results_table(make_repo, run_rule):
    table = (
        "Results\n-------\n\n============  =======  ======\nModel         PR-AUC   Recall\n"
        "============  =======  ======\nLogReg        0.71     0.62\n"
        "============  =======  ======\n"
    )
    result = run_rule("DOC005", make_repo({"README.rst": "Fraud\n=====\n\n" + table}))
    assert result.status is Status.PASSED
    assert result.summary.startswith("README.rst:7")


@pytest.mark.parametrize(
    ("readme", "extra", "status"),
    [
        (
            "Copy `.env.example` to `.env` and set your key.\n",
            {"app.py": "import openai\n"},
            Status.PASSED,
        ),
        (
            "Set `OPENAI_API_KEY` before running.\n",
            {"app.py": "import os\nkey = os.environ['OPENAI_API_KEY']\n"},
            Status.PASSED,
        ),
        (
            "Задайте переменные окружения перед запуском.\n",
            {"bot.py": "import os\nos.getenv('TELEGRAM_TOKEN')\n"},
            Status.PASSED,
        ),
        ("Run `python app.py`.\n", {"app.py": "from anthropic import Anthropic\n"}, Status.FAILED),
        (
            "Run `python app.py`.\n",
            {"app.py": 'import os\nt = os.getenv("HF_TOKEN")\n'},
            Status.FAILED,
        ),
        ("Run it.\n", {".env.example": "OPENAI_API_KEY=\n", "app.py": "print(1)\n"}, Status.FAILED),
        (
            "Run it.\n",
            {"train.py": "import os\nos.environ.get('DATA_DIR')\nimport sklearn\n"},
            Status.NOT_APPLICABLE,
        ),
        ("Run it.\n", {"train.py": "import torch\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_readme_secrets_handling(make_repo, run_rule, readme, extra, status):
    result = run_rule("DOC007", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert result.status is status


@pytest.mark.parametrize(
    ("readme", "extra", "broken"),
    [
        (
            "[guide](docs/guide.md) ![arch](img/arch.png)\n",
            {"docs/guide.md": "x", "img/arch.png": b"\x89PNG\0"},
            [],
        ),
        (
            "[data](data/) [sec](docs/guide.md#setup) [q](docs/guide.md?plain=1)\n",
            {"data/a.csv": "a\n", "docs/guide.md": "x"},
            [],
        ),
        (
            "[spaced](docs/my%20guide.md) [root](/docs/guide.md)\n",
            {"docs/my guide.md": "x", "docs/guide.md": "x"},
            [],
        ),
        (
            "[site](https://x.org) [mail](mailto:a@b.c) [top](#usage) "
            "[up](../../wiki) [ok](a.py)\n",
            {"a.py": ""},
            [],
        ),
        (
            "Intro\n\nsee [missing](docs/missing.md)\n\n![img](assets/gone.png)\n",
            {},
            ["docs/missing.md", "assets/gone.png"],
        ),
        ('<img src="figures/loss.png" width="400">\n', {}, ["figures/loss.png"]),
        ("[case](Docs/Guide.md)\n", {"docs/guide.md": "x"}, ["Docs/Guide.md"]),
    ],
)
def test_readme_broken_links(make_repo, run_rule, readme, extra, broken):
    result = run_rule("DOC008", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert [f.key for f in result.findings] == broken
    assert (result.status is Status.PASSED) is (not broken)


def test_broken_link_findings_have_their_own_line(make_repo, run_rule):
    readme = "# Demo\n\nFirst line\nsecond line with [x](nope.md)\n"
    result = run_rule("DOC008", make_repo({"README.md": readme}))
    assert result.findings[0].location.line == 4


def test_broken_links_skip_without_relative_links(make_repo, run_rule):
    result = run_rule("DOC008", make_repo({"README.md": "# Demo\n\n[a](https://a.b)\n"}))
    assert result.status is Status.NOT_APPLICABLE
