"""TST rules: tests exist, the runner and coverage are configured, coverage is measured."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from portfolio_lint.checks.ci import ci_test_commands, local_resolver
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import ci_files
from portfolio_lint.facts.coverage import (
    MAX_REPORT_BYTES,
    CoverageReadError,
    CoverageReport,
    read_report,
)
from portfolio_lint.facts.dependencies import dependency_files
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import Resolver, is_test_command
from portfolio_lint.facts.testing_config import coverage_config, measures_coverage, runner_config
from portfolio_lint.untrusted.hardened_git import GitError, run_git

TEST_DIRS = frozenset({"tests", "test", "testing"})
UNITTEST_NAME = re.compile(r"^test\w*\.py$")  # unittest discover's default pattern, test*.py
COVERAGE_SERVICES = ("codecov/codecov-action", "coverallsapp/github-action")
REPORT_NAMES = (
    "coverage.xml",
    "coverage.json",
    ".coverage",
    "cobertura.xml",
    "cobertura-coverage.xml",
)
# coverage.json writes local time without an offset: allow for any time zone before calling stale.
NAIVE_SLACK = timedelta(hours=14)


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


def _test_folders(files: list[SuiteFile]) -> list[str]:
    folders = set()
    for file in files:
        parts = file.path.split("/")[:-1]
        index = next((i for i, part in enumerate(parts) if part.lower() in TEST_DIRS), None)
        if index is not None:
            folders.add("/".join(parts[: index + 1]))
    return sorted(folders)


@check("tests-exist")
def tests_exist(repo: Repo, *, min_tests: int = 5) -> Verdict:
    """The repository has test functions in test files (test_*.py, tests/...)."""
    files = find_test_files(repo)
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
        for folder in _test_folders(files):
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


def _require_tests(repo: Repo) -> None:
    if not any(f.tests for f in find_test_files(repo)):
        raise Skip("no test functions found (see tests-exist)")


@check("test-framework-configured")
def test_framework_configured(repo: Repo) -> Verdict:
    """The test runner is configured (pytest.ini, [tool.pytest.ini_options], tox, nox, CI)."""
    _require_tests(repo)
    evidence = next(runner_config(repo), None)
    if evidence is not None:
        return Verdict.passed(f"{evidence.what} in {evidence.path}")
    ci = next(iter(ci_test_commands(repo)), None)
    if ci is not None:
        return Verdict.passed(f"CI runs `{ci.text}` ({ci.path}:{ci.line})")
    resolve = local_resolver(repo)
    if any(
        is_test_command(command, resolve)
        for target in ("test", "tests", "check")
        for command in resolve("make", target)
    ):
        return Verdict.passed("Makefile test target")
    notes = []
    for name in ("tox.ini", "conftest.py", "setup.cfg"):
        if repo.exists(name):
            notes.append(
                Finding.at(
                    name,
                    f"{name} does not configure a test run"
                    " (no [pytest]/[tool:pytest] section or tox testenv)"
                    if name != "conftest.py"
                    else "conftest.py holds fixtures; it does not configure pytest",
                )
            )
    return Verdict.failed(
        *notes,
        Finding(
            "No test runner configuration: no pytest.ini, [tool.pytest.ini_options], tox/nox env,"
            " Makefile `test` target or CI step that runs the tests"
        ),
    )


@check("coverage-configured")
def coverage_configured(repo: Repo) -> Verdict:
    """Coverage measurement is switched on (.coveragerc, [tool.coverage], --cov, codecov)."""
    _require_tests(repo)
    evidence = next(coverage_config(repo), None)
    if evidence is not None:
        return Verdict.passed(f"{evidence.what} in {evidence.path}")
    resolve = local_resolver(repo)
    for ci in ci_files(repo):
        command = next(
            (
                c
                for c in ci.commands
                if measures_coverage(c.text) or _make_measures(c.words, resolve)
            ),
            None,
        )
        if command is not None:
            return Verdict.passed(f"CI measures coverage: `{command.text}` ({ci.path})")
        action = next((a for a, _ in ci.actions if a.lower().startswith(COVERAGE_SERVICES)), None)
        if action is not None:
            return Verdict.passed(f"{ci.path} uploads coverage with {action}")
    notes = [
        Finding.at(
            file.path,
            f"{file.path} lists pytest-cov, but coverage is never switched"
            " on (no --cov, [tool.coverage] or .coveragerc)",
            line=d.line,
        )
        for file in dependency_files(repo)
        for d in [*file.dependencies]
        if d.name.lower().replace("_", "-") == "pytest-cov"
    ]
    return Verdict.failed(*notes, Finding("Coverage is not configured"))


def _make_measures(words: tuple[str, ...], resolve: Resolver) -> bool:
    if words[:1] != ("make",):
        return False
    return any(measures_coverage(" ".join(c)) for t in words[1:] for c in resolve("make", t))


@dataclass(frozen=True)
class _Source:
    label: str  # repository path, or the --coverage-file name
    in_repo: bool
    data: bytes | None
    modified: datetime | None = None


def _report_sources(repo: Repo) -> list[_Source]:
    given = repo.options.coverage_file
    if given is not None:
        try:
            with given.open("rb") as handle:
                data: bytes | None = handle.read(MAX_REPORT_BYTES)
            modified = datetime.fromtimestamp(given.stat().st_mtime, timezone.utc)
        except OSError:
            data, modified = None, None
        return [_Source(given.name, False, data, modified)]
    paths = sorted(
        (
            e.path
            for e in repo.files
            if posixpath.basename(e.path).lower() in REPORT_NAMES and not repo.is_vendored(e.path)
        ),
        key=lambda p: (p.count("/"), p),
    )
    return [_Source(p, True, repo.read_bytes(p, MAX_REPORT_BYTES)) for p in paths]


def _where(source: _Source, message: str) -> Finding:
    return Finding.at(source.label, message) if source.in_repo else Finding(message)


def _last_commit(repo: Repo, pathspec: str) -> datetime | None:
    root = repo.git_root
    if root is None:
        return None
    try:
        out = run_git(root, ["log", "-1", "--format=%cI", "--", pathspec], timeout=30)
        return datetime.fromisoformat(out.decode().strip()) if out.strip() else None
    except (GitError, ValueError):
        return None


def _staleness(repo: Repo, source: _Source, report: CoverageReport, grace: timedelta) -> str | None:
    produced = report.timestamp or source.modified
    if produced is None and source.in_repo:
        produced = _last_commit(repo, f":(literal){source.label}")
    changed = _last_commit(repo, "*.py")
    if produced is None or changed is None:
        return None
    slack = grace + (NAIVE_SLACK if report.timestamp_is_naive else timedelta(0))
    if changed <= produced + slack:
        return None
    return (
        f"{source.label} is stale: produced {produced:%Y-%m-%d %H:%M} UTC, but Python"
        f" source changed in a commit of {changed.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"
    )


@check("coverage-measured")
def coverage_measured(
    repo: Repo,
    *,
    threshold: float = 80.0,
    stale_score: float = 0.5,
    stale_grace_hours: float = 1.0,
) -> Verdict:
    """A coverage report (coverage.xml/json, .coverage or --coverage-file) meets the threshold.

    Reads reports only, never runs the repository's tests. No report at all is not applicable
    (reports are rarely committed): pass `--coverage-file` to score coverage from CI.
    """
    sources = _report_sources(repo)
    if not sources:
        raise Skip("no coverage report found (pass --coverage-file)")
    python_files = [p for p in repo.facts if p.endswith(".py")]
    errors: list[Finding] = []
    for source in sources:
        try:
            if source.data is None:
                raise CoverageReadError("cannot be read")
            report = read_report(source.data, python_files, repo.read_text)
        except CoverageReadError as error:
            errors.append(_where(source, f"Coverage report {source.label}: {error}"))
            continue
        return _score(
            repo, source, report, errors, threshold, stale_score, timedelta(hours=stale_grace_hours)
        )
    return Verdict.failed(*errors)


def _score(
    repo: Repo,
    source: _Source,
    report: CoverageReport,
    notes: list[Finding],
    threshold: float,
    stale_score: float,
    grace: timedelta,
) -> Verdict:
    score = 1.0 if threshold <= 0 else min(1.0, report.percent / threshold)
    summary = f"coverage {report.percent:.1f}% ({source.label})"
    findings = list(notes)
    if report.percent < threshold:
        findings.append(
            _where(source, f"Coverage is {report.percent:.1f}%, below the {threshold:g}% threshold")
        )
    stale = _staleness(repo, source, report, grace)
    if stale is not None:
        findings.append(_where(source, stale))
        score *= stale_score
    return Verdict.partial(score, findings, summary)
