"""The repository's test suite: test files, their test counts, their folders."""

from __future__ import annotations

from collections.abc import Callable

from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import SuiteFile, suite_files, suite_folders

UNITTEST = "import unittest\n\n\nclass TestShape(unittest.TestCase):\n    def test_a(self):\n"
UNITTEST += "        pass\n\n    def test_b(self):\n        pass\n"


def test_suite_files_count_tests_per_file(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(
        {
            "tests/test_a.py": "def test_one():\n    pass\n\n\ndef test_two():\n    pass\n",
            "tests/conftest.py": "def test_data():\n    return 1\n",  # a fixture named test_*
            "tests/broken_test.py": "def test_x(:\n",
            "test.py": "def test():\n    print('evaluate')\n",  # an evaluation script
            "test_shapes.py": UNITTEST,
            "model.py": "def test_like():\n    pass\n",
        },
        git_repo=False,
    )
    files = suite_files(repo)
    assert [(f.path, f.tests) for f in files] == [
        ("test_shapes.py", 2),
        ("tests/broken_test.py", 0),
        ("tests/test_a.py", 2),
    ]
    assert files[1].parse_error is not None
    assert suite_files(repo) is files  # computed once per Repo


def test_unittest_classes_in_test_py_count_their_methods_only(
    make_repo: Callable[..., Repo],
) -> None:
    repo = make_repo({"test.py": UNITTEST + "\n\ndef test_free():\n    pass\n"}, git_repo=False)
    assert suite_files(repo) == (SuiteFile("test.py", 2),)


def test_no_tests_no_suite(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({"train.py": "print(1)\n", "test.py": "print(2)\n"}, git_repo=False)
    assert suite_files(repo) == ()


def test_suite_folders_are_the_outermost_test_folders() -> None:
    files = [
        SuiteFile("tests/unit/test_a.py", 1),
        SuiteFile("tests/test_b.py", 1),
        SuiteFile("pkg/Test/x.py", 0),
        SuiteFile("test_root.py", 1),
    ]
    assert suite_folders(files) == ["pkg/Test", "tests"]
