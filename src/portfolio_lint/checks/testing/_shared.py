"""Helpers shared by several TST rules; not a rule."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.repo import Repo

TEST_DIRS = frozenset({"tests", "test", "testing"})

UNITTEST_NAME = re.compile(r"^test\w*\.py$")  # unittest discover's default pattern, test*.py


@dataclass(frozen=True)
class SuiteFile:
    """A file where tests belong, the test functions found in it, and a parse error if any."""

    path: str
    tests: int
    parse_error: str | None = None


def is_test_path(path: str) -> bool:
    """test_*.py, *_test.py, tests.py, or any .py below a tests/ or test/ folder (not conftest)."""
    name = posixpath.basename(path)
    if not name.endswith(".py") or name == "conftest.py":
        return False
    folders = {part.lower() for part in path.split("/")[:-1]}
    return (
        bool(folders & TEST_DIRS)
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "tests.py"
    )


def find_test_files(repo: Repo) -> list[SuiteFile]:
    """Every author test file with its count of `test*` functions and Test*/TestCase methods."""
    found: list[SuiteFile] = []
    for path, facts in sorted(repo.facts.items()):
        if facts.python is None:
            continue
        if is_test_path(path):
            found.append(
                SuiteFile(path, len(facts.python.test_functions), facts.python.parse_error)
            )
        elif UNITTEST_NAME.match(posixpath.basename(path)):
            # `test.py` is often an evaluation script (train.py/test.py), but unittest's
            # default pattern test*.py finds its test classes: count their methods only.
            methods = [name for name in facts.python.test_functions if "." in name]
            if methods:
                found.append(SuiteFile(path, len(methods), facts.python.parse_error))
    return found


def require_tests(repo: Repo) -> None:
    """Skip unless the repository has test functions (tests-exist reports that)."""
    if not any(f.tests for f in find_test_files(repo)):
        raise Skip("no test functions found (see tests-exist)")
