"""pytest and coverage settings appended to pyproject.toml when the project has tests."""

from __future__ import annotations

from pathlib import PurePosixPath

from portfolio_lint.app.fix.change import Change, FixContext, appended
from portfolio_lint.app.fix.safety import read_existing
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_config import coverage_config, runner_config
from portfolio_lint.facts.testing_files import suite_files, suite_folders
from portfolio_lint.untrusted.toml import TOMLDecodeError, loads

PATH = "pyproject.toml"
PYTEST_NAMES = ("test_*.py", "*_test.py")


def propose(context: FixContext) -> list[Change]:
    """A `[tool.pytest.ini_options]` and a `[tool.coverage.run]` table, each only if absent."""
    repo = context.repo
    suite = [f for f in suite_files(repo) if f.tests]
    if not suite:
        return []
    before = read_existing(context.root, PATH)
    tables = []
    if not any(runner_config(repo)):
        tables.append(_pytest_table(repo, [f.path for f in suite]))
    if not any(coverage_config(repo)):
        tables.append(_coverage_table(repo))
    if not tables:
        return []
    block = "# Added by portfolio-lint fix\n" + "\n".join(tables)
    if before is None:
        return [Change(PATH, "pytest-config", block)]
    text = appended(before, block)
    try:
        loads(before + text)
    except TOMLDecodeError as error:
        context.notes.append(f"{PATH}: not appended, the result would not parse ({error})")
        return []
    return [Change(PATH, "pytest-config", text, before)]


def _pytest_table(repo: Repo, tests: list[str]) -> str:
    folders = suite_folders(suite_files(repo)) or ["."]
    lines = ["[tool.pytest.ini_options]", f"testpaths = {_array(folders)}"]
    names = {PurePosixPath(p).name for p in tests}
    if any(not (n.startswith("test_") or n.endswith("_test.py")) for n in names):
        odd = sorted(n for n in names if not n.startswith("test_") and not n.endswith("_test.py"))
        lines.append(f"python_files = {_array([*PYTEST_NAMES, *odd])}")
    lines.append(f"pythonpath = {_array(['src' if repo.exists_dir('src') else '.'])}")
    return "\n".join(lines) + "\n"


def _coverage_table(repo: Repo) -> str:
    packages = sorted(
        e.path.rpartition("/")[0]
        for e in repo.files
        if e.path.endswith("/__init__.py")
        and e.path.count("/") == (2 if e.path.startswith("src/") else 1)
        and not PurePosixPath(e.path).parent.name.lower().startswith("test")
    )
    source = [p.removeprefix("src/") for p in packages] or ["."]
    lines = ["[tool.coverage.run]", f"source = {_array(source)}", "branch = true", ""]
    lines += ["[tool.coverage.report]", "show_missing = true"]
    return "\n".join(lines) + "\n"


def _array(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"
