"""README commands in every form people write them (issue 11, item 3)."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.command_files import created_files
from portfolio_lint.facts.command_kinds import install_targets, is_install
from portfolio_lint.facts.commands import Command, document_commands, plain_command, readme_words
from portfolio_lint.facts.local_commands import make_targets
from portfolio_lint.facts.readme import parse_readme


def texts(markdown: str) -> list[str]:
    doc = parse_readme("README.md", markdown)
    return [c.text for c in document_commands(doc, lambda _: False)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("poetry install", "poetry install"),
        ("1. poetry install", "poetry install"),
        ("- docker compose up", "docker compose up"),
        ("$ make dev-up", "make dev-up"),
        ("Run: python train.py --epochs 3", "python train.py --epochs 3"),
        ("Then run streamlit run app.py", "streamlit run app.py"),
        ("Run python train.py to train the model", None),
        ("pip install -r requirements.txt:", "pip install -r requirements.txt"),
        ("make test-cov writes coverage artifacts.", None),
        ("pip (Python package installer)", None),
        ("python train.py --model ResNet", "python train.py --model ResNet"),
        ("pip install .", "pip install ."),
        ("pip install the requirements", None),
        ("python is used for the backend", None),
        ("make sure Docker is running", None),
        ("Python 3.10", None),
        ("pip package manager", None),
        ("pytest - Framework de testes", None),
        ("just tactical: container image", None),
        ("uvicorn api.main:app --port 8000", "uvicorn api.main:app --port 8000"),
        ("python -m churn.train", "python -m churn.train"),
        ("python notebook", None),
        ("pip3 install -r requirements.txt", "pip3 install -r requirements.txt"),
        ("Python3 app.py", None),
        ("docker", None),
        ("Streamlit app for churn", None),
    ],
)
def test_plain_command(line: str, expected: str | None) -> None:
    assert plain_command(line) == expected


def test_commands_in_lists_lines_and_mislabelled_blocks() -> None:
    markdown = (
        "# Demo\n\n"
        "1. poetry install\n"
        "2. `poetry run python train.py`\n\n"
        "Start the stack:\n"
        "docker compose up -d\n\n"
        "Install the requirements and run the notebook.\n\n"
        "```python\npython app.py\nimport pandas as pd\n```\n"
    )
    assert texts(markdown) == [
        "poetry install",
        "poetry run python train.py",
        "docker compose up -d",
        "python app.py",
    ]


def test_windows_paths_keep_their_separator() -> None:
    assert readme_words(r"python scripts\run_api.py --x") == ["python", "scripts/run_api.py", "--x"]
    assert readme_words(r".\venv\Scripts\activate") == ["./venv/Scripts/activate"]
    assert readme_words('echo "a b"') == ["echo", "a b"]


@pytest.mark.parametrize(
    ("target", "installs"),
    [("setup_cuda", True), ("install-dev", True), ("dev-up", True), ("train", False)],
)
def test_make_targets_that_install(target: str, installs: bool) -> None:
    makefile = (
        "dev-up:\n\tmkdir -p data\n\tdocker compose up -d --build\ntrain:\n\tpython train.py\n"
    )
    command = Command(("make", target), f"make {target}", "README.md", 1)
    assert is_install(command, make_installs=install_targets(make_targets(makefile))) is installs


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("cp config.example.yaml config.yaml", ["config.yaml"]),
        ("mkdir -p data/raw", ["data/raw"]),
        ("python train.py -o out/model.pt", ["out/model.pt"]),
        ("python train.py --output-dir=runs", ["runs"]),
        ("python train.py", []),
    ],
)
def test_created_files(text: str, made: list[str]) -> None:
    assert created_files(Command(tuple(readme_words(text)), text, "README.md", 1)) == made
