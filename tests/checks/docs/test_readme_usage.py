"""Tests of DOC003 readme-usage: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


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
        # issue 11 item 3: list items, plain lines, mislabelled blocks, notebook instructions
        ("1. pip install -r requirements.txt\n2. python train.py --epochs 3\n", {}, True),
        ("- docker compose up\n", {}, True),
        ("Then start the API:\nuvicorn api.main:app --reload\n", {}, True),
        ("```python\npython predict.py --image cat.jpg\n```\n", {}, True),
        ("```bash\ngunicorn -w 2 -b 0.0.0.0:8000 app:app\n```\n", {}, True),  # it starts the app
        (
            "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            "(https://colab.research.google.com/github/a/b/blob/main/eda.ipynb)\n",
            {"eda.ipynb": "{}"},
            True,
        ),
        ("Open the notebook in Colab and run all cells.\n", {"eda.ipynb": "{}"}, True),
        ("Run all cells of `notebooks/eda.ipynb`.\n", {"notebooks/eda.ipynb": "{}"}, True),
        ("Run all cells of `training.ipynb`.\n", {"notebooks/eda.ipynb": "{}"}, False),
        ("Open the notebook in Colab and run all cells.\n", {}, False),
        ("[Colab](https://colab.research.google.com/drive/1x)\n", {"app.py": ""}, False),
        ("- Python is used for the backend\n- make sure Docker is running\n", {}, False),
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
