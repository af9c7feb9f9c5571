"""Tests of DOC002 readme-install-steps: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


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
        # issue 11 item 3: list items, plain lines, inline triple backticks, Makefile targets
        ("1. poetry install\n2. poetry run python app.py\n", {}, True),
        ("- docker compose up\n", {}, True),
        ("Setup:\n\n* With CUDA: ```make setup_cuda```\n", {}, True),
        ("```bash\nmake dev-up\n```\n", {"Makefile": "dev-up:\n\tdocker compose up -d\n"}, True),
        ("```bash\nmake dev-up\n```\n", {"Makefile": "dev-up:\n\tpython serve.py\n"}, False),
        ("```bash\nmake train\n```\n", {}, False),
        ("- pip install the requirements listed below\n", {}, False),
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


def test_install_steps_are_not_shown_without_readme(make_repo, run_rule):
    result = run_rule("DOC002", make_repo({"a.py": ""}))
    assert (result.status, result.score) == (Status.FAILED, 0.0)
    assert "readme-present" in (result.reason or "")
