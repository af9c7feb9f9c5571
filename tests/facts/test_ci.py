"""CI facts: the configuration files, parsed once, and the commands that run tests."""

from __future__ import annotations

from collections.abc import Callable

from portfolio_lint.facts.ci import ci_files, ci_test_commands
from portfolio_lint.facts.repo import Repo

WF = ".github/workflows/ci.yml"


def workflow(*steps: str) -> str:
    runs = "".join(f"      - run: {step}\n" for step in steps)
    return "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n" + runs


def test_ci_test_commands_follow_make_into_the_makefile(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(
        {
            WF: workflow("pip install -r requirements.txt", "make ci", "ruff check ."),
            ".gitlab-ci.yml": "test:\n  script:\n    - poetry run pytest -q\n",
            "Makefile": "ci: test\n\ntest:\n\tpytest\n",
        },
        git_repo=False,
    )
    found = [(c.path, c.text) for c in ci_test_commands(repo)]
    assert found == [(WF, "make ci"), (".gitlab-ci.yml", "poetry run pytest -q")]
    assert ci_test_commands(repo) is ci_test_commands(repo)
    assert ci_files(repo) is ci_files(repo)


def test_lint_only_ci_runs_no_tests(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(
        {WF: workflow("flake8 src", "make lint"), "Makefile": "lint:\n\truff check .\n"},
        git_repo=False,
    )
    assert len(ci_files(repo)) == 1
    assert ci_test_commands(repo) == ()
