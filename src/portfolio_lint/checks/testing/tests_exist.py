"""Rule TST001 (tests-exist): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import suite_files, suite_folders


@check("tests-exist", code="TST001", weight=5, severity=Severity.WARNING)
def tests_exist(repo: Repo, *, min_tests: int = 5) -> Verdict:
    """The repository has test functions in test files (test_*.py, tests/...).

    Why it matters:
        Tests are the clearest sign of engineering maturity in an ML portfolio, and the most often
        missing.

    How to fix:
        Add a tests/ folder with pytest tests for data loading, feature code and the model's
        interface.

    Bad:
        A `tests/` folder holding only an empty `__init__.py`.

    Good:
        `tests/test_features.py` with tests for the feature code and the data loader.
    """
    files = suite_files(repo)
    total = sum(f.tests for f in files)
    notes = [
        Finding.at(
            f.path,
            f"{f.path} could not be parsed ({f.parse_error}), so its tests cannot run",
            severity=Severity.WARNING,
        )
        for f in files
        if f.parse_error
    ]
    with_tests = [f for f in files if f.tests]
    if total == 0:
        for folder in suite_folders(files):
            notes.append(
                Finding.at(
                    folder,
                    f"{folder}/ holds no test functions (no `test_*` functions or Test* classes)",
                )
            )
        notes.extend(
            Finding.at(f.path, f"{f.path} looks like a test file but defines no tests")
            for f in files
            if "/" not in f.path and not f.parse_error
        )
        return Verdict.failed(
            *notes,
            Finding(
                "No tests: no test functions in test_*.py / *_test.py files or a tests/ folder"
            ),
        )
    summary = f"{total} test function{'s' * (total != 1)} in {len(with_tests)} file" + (
        "s" * (len(with_tests) != 1)
    )
    if total < min_tests:
        notes.append(
            Finding(
                f"Only {total} test function{'s' * (total != 1)}; at least"
                f" {min_tests} cover the main code paths"
            )
        )
        return Verdict.partial(total / min_tests, notes, summary)
    return Verdict.partial(1.0, notes, summary)
