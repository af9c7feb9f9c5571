"""Shared fixtures: repositories held in memory or built with gitpython, and a one-rule runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

import git
import pytest
from pathspec import GitIgnoreSpec

from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.core.model import Report, RuleResult
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import load_rubric, with_options
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.memory import MemorySource

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULE_TESTS = ROOT / "tests" / "checks"  # where make_repo holds repositories in memory
SHARED = ROOT.parent / "shared"
AUTHOR = git.Actor("Ada Student", "ada@example.com")
EPOCH = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)

FileContent = str | bytes


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")
    parser.addoption(
        "--compare-git",
        action="store_true",
        help="run_rule also lints a committed git twin of every in-memory make_repo repository"
        " and fails when the verdicts differ",
    )


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


def run_options(history: bool, options: Mapping[str, object]) -> RunOptions:
    """The tests' run options: no cache, history as asked, the rest passed through."""
    return RunOptions(use_cache=False, history=history, **options)  # type: ignore[arg-type]


@pytest.fixture
def memory_repo() -> Callable[..., Repo]:
    """A Repo over files held in memory: `memory_repo({"README.md": "# Demo\\n"})`.

    No git and no disk: history rules are not applicable (the source says why).
    """

    def build(files: Mapping[str, FileContent], *, history: bool = True, **options: object) -> Repo:
        return Repo(MemorySource(files), options=run_options(history, options))

    return build


def ignores_a_file(files: Mapping[str, FileContent]) -> bool:
    """Whether a `.gitignore` among `files` could leave some of them out of a git commit
    (any .gitignore below the root, or a root one matching one of the files)."""
    ignores = [path for path in files if path.rsplit("/", 1)[-1] == ".gitignore"]
    if not ignores:
        return False
    if ignores != [".gitignore"]:
        return True
    content = files[".gitignore"]
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    spec = GitIgnoreSpec.from_lines(text.splitlines())
    return any(spec.match_file(path) for path in files)


def held_in_memory(
    files: Mapping[str, FileContent], git_repo: bool | None, *, rule_test: bool
) -> bool:
    """Whether make_repo holds `files` in memory: in a rule test (`rule_test`), when no
    git_repo is asked for and git would commit every file. A test that changes the tree on
    disk asks for `git_repo=True` (a MemorySource has no folder to change)."""
    return git_repo is None and rule_test and not ignores_a_file(files)


class GitTwins:
    """The committed git repository each in-memory make_repo repository stands for, built
    when a test first needs it (a history rule, or --compare-git)."""

    def __init__(self) -> None:
        # The repository is kept with its builder, so its id cannot be reused by another.
        self._builders: dict[int, tuple[Repo, Callable[[], Repo]]] = {}
        self._built: dict[int, Repo] = {}

    def register(self, repo: Repo, build: Callable[[], Repo]) -> None:
        """`build` makes the git twin of `repo`."""
        self._builders[id(repo)] = (repo, build)

    def of(self, repo: Repo) -> Repo | None:
        """The git twin of `repo` (built once), None when it has none. Host metadata a test
        planted on `repo` is planted on the twin too."""
        key = id(repo)
        if key not in self._built and key in self._builders:
            self._built[key] = self._builders[key][1]()
        twin = self._built.get(key)
        if twin is not None and "metadata" in repo.__dict__:
            twin.__dict__["metadata"] = repo.__dict__["metadata"]
        return twin


@pytest.fixture
def git_twins() -> GitTwins:
    """The git twins of this test's in-memory repositories."""
    return GitTwins()


@pytest.fixture
def make_repo(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    memory_repo: Callable[..., Repo],
    git_twins: GitTwins,
) -> Callable[..., Repo]:
    """A repository of `files`: `make_repo({"README.md": "# Demo\\n"})`.

    A committed git repository, or a plain folder with `git_repo=False`. In the rule tests
    (tests/checks) it is held in memory unless git would see it differently: on git when a
    `.gitignore` would leave files out of the commit, when the test changes the tree on disk
    (`repo.source.root`: such a test passes `git_repo=True`).
    run_rule lints a rule that reads the history on the repository's git twin, committed
    then; with `--compare-git` it lints every rule on both and fails when verdicts differ.
    """
    counter = iter(range(1000))
    rule_test = request.path.resolve().is_relative_to(RULE_TESTS)

    def on_disk_repo(files: Mapping[str, FileContent], git_repo: bool, run: RunOptions) -> Repo:
        root = tmp_path / f"repo{next(counter)}"
        root.mkdir()
        write_tree(root, files)
        if git_repo:
            commit_all(root)
        return Repo(LocalSource(root), options=run)

    def build(
        files: Mapping[str, FileContent],
        *,
        git_repo: bool | None = None,
        history: bool = True,
        **options: object,
    ) -> Repo:
        run = run_options(history, options)
        if not held_in_memory(files, git_repo, rule_test=rule_test):
            return on_disk_repo(files, git_repo is not False, run)
        repo = memory_repo(files, history=history, **options)
        kept = dict(files)
        git_twins.register(repo, lambda: on_disk_repo(kept, True, run))
        return repo

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


def verdict_of(result: RuleResult) -> tuple[object, ...]:
    """Everything a rule's result says about the repository."""
    return (result.status, result.score, result.reason, result.summary, result.findings)


@pytest.fixture
def run_rule(
    rubric: Rubric, git_twins: GitTwins, request: pytest.FixtureRequest
) -> Callable[..., RuleResult]:
    """Run one rule of the default rubric on a repo and return its result.

    A rule that reads the history runs on the git twin of an in-memory make_repo repository
    (on memory it could only say "not applicable"); an in-memory repository without a twin
    is refused for it, unless the history is turned off anyway.
    """
    compare = bool(request.config.getoption("--compare-git"))

    def run(code: str, repo: Repo, **options: object) -> RuleResult:
        rule = rubric.by_code(code)
        assert rule is not None, f"no rule {code}"
        single = Rubric(rubric.name, (rule,), rubric.families, rubric.digest)
        rules = with_options(single, {code: options}) if options else single
        in_memory = isinstance(repo.source, MemorySource)
        if in_memory and repo.options.history and all_checks()[rule.check].reads_history:
            twin = git_twins.of(repo)
            assert twin is not None, f"{code} reads the history: build the repository on git"
            repo = twin
        result = only_result(lint(repo, rules))
        twin = git_twins.of(repo) if compare and in_memory else None
        if twin is not None:
            assert verdict_of(only_result(lint(twin, rules))) == verdict_of(result), (
                f"{code}: in memory and on git, the verdicts differ"
            )
        return result

    return run


def only_result(report: Report) -> RuleResult:
    """The one result of a one-rule report."""
    assert len(report.results) == 1
    return report.results[0]
