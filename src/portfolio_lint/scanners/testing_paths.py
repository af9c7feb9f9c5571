"""The one definition of a test file, by its path (pytest's defaults, plus test folders).

It lives at the scanners layer, the lowest that needs it (the path scanner notes rather than
scores machine paths in tests); `facts.testing_files` builds the repository's test suite on it.
"""

from __future__ import annotations

import posixpath

TEST_FOLDERS = frozenset({"tests", "test", "testing"})
PYTHON_SUFFIXES = (".py", ".pyi")
SUPPORT_FILES = frozenset({"conftest.py"})


def in_test_folder(path: str) -> bool:
    """Whether a folder of `path` is named tests, test or testing (any case)."""
    return any(part.lower() in TEST_FOLDERS for part in path.split("/")[:-1])


def is_test_module_name(name: str) -> bool:
    """test_*.py, *_test.py (pytest's default `python_files`) or tests.py (Django's); .pyi too."""
    stem, suffix = posixpath.splitext(name)
    return suffix in PYTHON_SUFFIXES and (
        stem.startswith("test_") or stem.endswith("_test") or stem == "tests"
    )


def holds_tests(path: str) -> bool:
    """A Python module where tests are written: a test module name, or any .py in a test folder.

    conftest.py holds fixtures, not tests.
    """
    name = posixpath.basename(path)
    if not name.endswith(".py") or name in SUPPORT_FILES:
        return False
    return in_test_folder(path) or is_test_module_name(name)


def in_test_suite(path: str) -> bool:
    """Any file of the test suite: below a test folder, a test module, or conftest.py."""
    name = posixpath.basename(path)
    return in_test_folder(path) or is_test_module_name(name) or name in SUPPORT_FILES
