"""Tests of DOC007 readme-secrets-handling: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


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
