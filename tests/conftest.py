"""Shared fixtures: repositories built on disk with gitpython, and a one-rule runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

import git
import pytest

from portfolio_lint.core.model import RuleResult
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import load_rubric, with_options
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
AUTHOR = git.Actor("Ada Student", "ada@example.com")
EPOCH = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)

FileContent = str | bytes


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def private_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-user key (baselines, sealed cache entries) lives in a test folder, never in the
    real home; a shared baseline key from the caller's shell does not leak into tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "xdg-config"))
    monkeypatch.delenv("PORTFOLIO_LINT_BASELINE_KEY", raising=False)


def write_tree(root: Path, files: Mapping[str, FileContent]) -> None:
    """Write `files` (relative path → text or bytes) below `root`."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def git_date(when: datetime) -> str:
    """`when` in git's internal format (seconds and ±HHMM), which gitpython accepts."""
    offset = when.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{int(when.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def commit_all(root: Path, message: str = "Initial commit", when: datetime = EPOCH) -> str:
    """Stage everything and commit with a pinned author and date; returns the commit id."""
    with git.Repo.init(root) if not (root / ".git").exists() else git.Repo(root) as repo:
        repo.git.add(A=True)
        stamp = git_date(when)
        commit = repo.index.commit(
            message, author=AUTHOR, committer=AUTHOR, author_date=stamp, commit_date=stamp
        )
        return commit.hexsha


@pytest.fixture
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Repo]:
    """Build a repository on disk: `make_repo({"README.md": "..."}, git=True)`."""
    counter = iter(range(1000))

    def build(
        files: Mapping[str, FileContent],
        *,
        git_repo: bool = True,
        history: bool = True,
        **options: object,
    ) -> Repo:
        root = tmp_path / f"repo{next(counter)}"
        root.mkdir()
        write_tree(root, files)
        if git_repo:
            commit_all(root)
        run = RunOptions(use_cache=False, history=history, **options)  # type: ignore[arg-type]
        return Repo(LocalSource(root), options=run)

    return build


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Callable[[str], Path]:
    """Copy `fixtures/NAME` into tmp_path and commit it; returns the work tree."""

    def build(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        commit_all(root, "Add project", EPOCH - timedelta(days=30))
        return root

    return build


@pytest.fixture
def run_rule(rubric: Rubric) -> Callable[[str, Repo], RuleResult]:
    """Run one rule of the default rubric on a repo and return its result."""

    def run(code: str, repo: Repo, **options: object) -> RuleResult:
        rule = rubric.by_code(code)
        assert rule is not None, f"no rule {code}"
        single = Rubric(rubric.name, (rule,), rubric.families, rubric.digest)
        report = lint(repo, with_options(single, {code: options}) if options else single)
        assert len(report.results) == 1
        return report.results[0]

    return run
