"""Which shell commands run tests: runners, wrappers, task runners, lint-only environments."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.testing_commands import is_test_command, script_commands


def runs_tests(line: str) -> bool:
    return any(is_test_command(words) for _, words in script_commands(line))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pytest -q", True),
        ("python3 -m pytest tests/", True),
        ("poetry run pytest --cov", True),
        ("uv run --frozen pytest", True),
        ("conda run -n ml python -m unittest discover", True),
        ("coverage run -m pytest && coverage xml", True),
        ("hatch test", True),
        ("tox", True),
        ("tox -e py311,lint", True),
        ("make test", True),
        ("docker compose run app pytest", True),
        ("python manage.py test", True),
        ("python tests/test_model.py", True),
        ("cd src; pytest", True),
        ("tox -e lint,mypy", False),
        ("nox -s lint", False),
        ("pip install pytest pytest-cov", False),
        ("echo pytest", False),
        ("flake8 src tests", False),
        ("python test.py --ckpt model.pt", False),  # evaluates a model
        ("python train.py", False),
        ("# pytest", False),  # commented out
        ("pytest --version", False),
        ("make lint", False),
    ],
)
def test_is_test_command(line, expected):
    assert runs_tests(line) is expected


def test_long_runs_of_spaces_split_in_linear_time() -> None:
    from portfolio_lint.facts.commands import SEPARATORS

    # `\s*` around the operators made split() quadratic: 60,000 spaces took ~20 s per line.
    line = "pip install -r requirements.txt" + " " * 60_000 + "&& pytest -q"
    assert [words for _, words in script_commands(line)] == [
        ("pip", "install", "-r", "requirements.txt"),
        ("pytest", "-q"),
    ]
    assert [p.strip() for p in SEPARATORS.split(line)] == [
        "pip install -r requirements.txt",
        "pytest -q",
    ]
