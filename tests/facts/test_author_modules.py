"""The author's modules: parsed .py files of the project, tests and broken files left out."""

from __future__ import annotations

from collections.abc import Callable

from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo


def test_tests_broken_files_and_other_files_are_left_out(
    memory_repo: Callable[..., Repo],
) -> None:
    repo = memory_repo(
        {
            "src/train.py": "def fit():\n    return 1\n",
            "app.py": "print('hi')\n",
            "tests/test_train.py": "def test_fit():\n    assert True\n",
            "conftest.py": "import pytest\n",
            "src/broken.py": "def oops(:\n",
            "notes.md": "# Notes\n",
        }
    )
    assert [module.path for module in author_modules(repo)] == ["app.py", "src/train.py"]


def test_computed_once_per_repository(memory_repo: Callable[..., Repo]) -> None:
    files = {"a.py": "x = 1\n"}
    repo = memory_repo(files)
    assert author_modules(repo) is author_modules(repo)
    assert author_modules(memory_repo(files)) is not author_modules(repo)
