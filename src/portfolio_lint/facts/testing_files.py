"""The repository's test suite: which files hold tests, and how many tests each defines.

What counts as a test file is defined once, in `scanners.testing_paths` (the path scanner needs
it too); the names are re-exported here for checks.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.scanners.testing_paths import (
    TEST_FOLDERS,
    holds_tests,
    in_test_folder,
    in_test_suite,
    is_test_module_name,
)

__all__ = [
    "TEST_FOLDERS",
    "SuiteFile",
    "holds_tests",
    "in_test_folder",
    "in_test_suite",
    "is_test_module_name",
    "suite_files",
    "suite_folders",
]

UNITTEST_NAME = re.compile(r"^test\w*\.py$")  # unittest discover's default pattern, test*.py


@dataclass(frozen=True)
class SuiteFile:
    """A file where tests belong, the test functions found in it, and a parse error if any."""

    path: str
    tests: int
    parse_error: str | None = None


@repository_fact
def suite_files(repo: Repo) -> tuple[SuiteFile, ...]:
    """Every author test file with its count of `test*` functions and Test*/TestCase methods.

    Computed once per lint. `test.py` is often an evaluation script (train.py/test.py), but
    unittest's default pattern test*.py finds its test classes: only their methods count.
    """
    found: list[SuiteFile] = []
    for path, facts in sorted(repo.facts.items()):
        if facts.python is None:
            continue
        if holds_tests(path):
            found.append(
                SuiteFile(path, len(facts.python.test_functions), facts.python.parse_error)
            )
        elif UNITTEST_NAME.match(posixpath.basename(path)):
            methods = [name for name in facts.python.test_functions if "." in name]
            if methods:
                found.append(SuiteFile(path, len(methods), facts.python.parse_error))
    return tuple(found)


def suite_folders(files: Iterable[SuiteFile]) -> list[str]:
    """The test folders (`tests`, `pkg/test`...) that hold the given files, outermost first."""
    folders = set()
    for file in files:
        parts = file.path.split("/")[:-1]
        index = next((i for i, part in enumerate(parts) if part.lower() in TEST_FOLDERS), None)
        if index is not None:
            folders.add("/".join(parts[: index + 1]))
    return sorted(folders)
