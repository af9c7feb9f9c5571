"""What `make TARGET` and `bash SCRIPT` run: Makefile targets and scripts, read once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portfolio_lint.facts.local_commands import (
    MAKE_TARGET,
    local_resolver,
    make_targets,
    makefile_targets,
)
from portfolio_lint.facts.repo import Repo

MAKEFILE = """PYTHON := python
.PHONY: test
# a comment
all: lint test

test:
\t@$(PYTHON) -m pytest -q

lint:
\t-ruff check . && black --check .
%.o: %.c
\tcc $<
"""


def test_make_targets_hold_recipes_and_prerequisites() -> None:
    targets = make_targets(MAKEFILE)
    assert targets["all"] == [("make", "lint"), ("make", "test")]
    assert targets["test"] == [("python", "-m", "pytest", "-q")]  # $(PYTHON) read as python
    assert targets["lint"] == [("ruff", "check", "."), ("black", "--check", ".")]
    assert list(targets) == ["all", "test", "lint"]  # no pattern rule, no variable, no .PHONY


@pytest.mark.parametrize(
    ("line", "targets"),
    [
        ("test lint :: build", "test lint"),
        ("all: test", "all"),
        ("check  test: ; pytest", "check  test"),
        ("x := 1", None),
        (" " * 5_000 + ":", None),  # no name: not a target, and no quadratic scan over the spaces
    ],
)
def test_make_target_pattern(line: str, targets: str | None) -> None:
    match = MAKE_TARGET.match(line)
    assert (match.group(1) if match else None) == targets


def test_resolver_follows_make_and_scripts(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(
        {"Makefile": MAKEFILE, "scripts/check.sh": "#!/bin/sh\nset -e\npytest tests\n"},
        git_repo=False,
    )
    resolve = local_resolver(repo)
    assert resolve("make", "") == [("make", "lint"), ("make", "test")]  # the first target
    assert resolve("make", "test") == [("python", "-m", "pytest", "-q")]
    assert resolve("make", "deploy") == []
    assert resolve("script", "./scripts/check.sh") == [("set", "-e"), ("pytest", "tests")]
    assert resolve("script", "missing.sh") == []
    assert local_resolver(repo) is resolve  # one per Repo
    assert makefile_targets(repo) is makefile_targets(repo)


def test_no_makefile_no_targets(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({"README.md": "# x\n"}, git_repo=False)
    assert makefile_targets(repo) == {}
    assert local_resolver(repo)("make", "test") == []
