"""Test-runner and coverage configuration of a repository: pytest, tox, nox, setup.cfg, Makefile."""

from __future__ import annotations

import configparser
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import is_test_command, script_commands
from portfolio_lint.untrusted.parsers import MAX_STRUCTURED_CHARS, load_toml

NOX_TEST = re.compile(
    r"""session\.run\(\s*(?:["'](?:pytest|coverage)["']|["']python3?["']\s*,"""
    r"""\s*["']-m["']\s*,\s*["'](?:pytest|unittest|coverage)["'])"""
)
NOX_COVERAGE = re.compile(r"""["'](?:--cov(?:=[^"']*)?|coverage)["']""")


@dataclass(frozen=True)
class Evidence:
    """A piece of configuration that switches something on, and where it is."""

    path: str
    line: int | None
    what: str


def _author_files(repo: Repo, name: str) -> list[str]:
    return sorted(
        (
            e.path
            for e in repo.files
            if posixpath.basename(e.path) == name and not repo.is_vendored(e.path)
        ),
        key=lambda p: (p.count("/"), p),
    )


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def read_ini(text: str) -> configparser.ConfigParser | None:
    """An INI file (tox.ini, setup.cfg, pytest.ini) parsed leniently; None when malformed."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    if len(text) > MAX_STRUCTURED_CHARS:
        return None
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return parser


def _toml(repo: Repo, path: str) -> dict[str, Any]:
    table, _ = load_toml(repo.read_text(path) or "")
    return table


def _tool(table: dict[str, Any], *keys: str) -> Any:
    node: Any = table
    for key in ("tool", *keys):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _addopts(value: Any) -> str:
    return " ".join(value) if isinstance(value, list) else str(value or "")


def runner_config(repo: Repo) -> Iterator[Evidence]:
    """Files that configure a test runner (pytest, tox, nox, a Makefile test target)."""
    for path in _author_files(repo, "pytest.ini"):
        yield Evidence(path, 1, "pytest.ini")
    for path in _author_files(repo, "pyproject.toml"):
        table = _toml(repo, path)
        for keys in (("pytest", "ini_options"), ("pytest",), ("tox",)):
            if isinstance(_tool(table, *keys), dict):
                name = f"[tool.{'.'.join(keys)}]"
                yield Evidence(path, _line_of(repo.read_text(path) or "", name), name)
                break
    for name in ("setup.cfg", "tox.ini"):
        for path in _author_files(repo, name):
            text = repo.read_text(path) or ""
            ini = read_ini(text)
            if ini is None:
                continue
            for section in ("pytest", "tool:pytest"):
                if ini.has_section(section):
                    yield Evidence(path, _line_of(text, f"[{section}]"), f"[{section}]")
            for section in ini.sections():
                if section.startswith("testenv") and _runs_tests(
                    ini.get(section, "commands", fallback="")
                ):
                    yield Evidence(path, _line_of(text, f"[{section}]"), f"tox [{section}]")
    for path in _author_files(repo, "tox.toml"):
        if any(_runs_tests(" ".join(c)) for c in _toml_commands(_toml(repo, path))):
            yield Evidence(path, None, "tox.toml commands")
    for path in _author_files(repo, "noxfile.py"):
        text = repo.read_text(path) or ""
        match = NOX_TEST.search(text)
        if match:
            yield Evidence(path, text.count("\n", 0, match.start()) + 1, "nox session")


def _runs_tests(commands: str) -> bool:
    return any(is_test_command(words) for _, words in script_commands(commands))


def _toml_commands(table: Any, depth: int = 0) -> Iterator[list[str]]:
    if depth > 8 or not isinstance(table, dict):
        return
    for key, value in table.items():
        if key == "commands" and isinstance(value, list):
            yield from ([str(w) for w in c] for c in value if isinstance(c, list))
        else:
            yield from _toml_commands(value, depth + 1)


def coverage_config(repo: Repo) -> Iterator[Evidence]:
    """Configuration that measures coverage: .coveragerc, [tool.coverage], --cov, codecov."""
    for name in (".coveragerc", "codecov.yml", ".codecov.yml", "codecov.yaml", ".codecov.yaml"):
        for path in _author_files(repo, name):
            yield Evidence(path, 1, name)
    for path in _author_files(repo, "pyproject.toml"):
        table = _toml(repo, path)
        text = repo.read_text(path) or ""
        if isinstance(_tool(table, "coverage"), dict):
            yield Evidence(path, _line_of(text, "[tool.coverage"), "[tool.coverage]")
        for keys in (("pytest", "ini_options"), ("pytest",)):
            if "--cov" in _addopts(_tool(table, *keys, "addopts")):
                yield Evidence(path, _line_of(text, "--cov"), "pytest --cov in addopts")
    for name in ("setup.cfg", "tox.ini", "pytest.ini"):
        for path in _author_files(repo, name):
            yield from _ini_coverage(path, repo.read_text(path) or "")
    for path in _author_files(repo, "noxfile.py"):
        text = repo.read_text(path) or ""
        match = NOX_COVERAGE.search(text)
        if match:
            yield Evidence(path, text.count("\n", 0, match.start()) + 1, "coverage in nox")


def _ini_coverage(path: str, text: str) -> Iterator[Evidence]:
    ini = read_ini(text)
    if ini is None:
        return
    for section in ini.sections():
        if section.startswith("coverage:"):
            yield Evidence(path, _line_of(text, f"[{section}]"), f"[{section}]")
        elif section in ("pytest", "tool:pytest") and "--cov" in ini.get(
            section, "addopts", fallback=""
        ):
            yield Evidence(path, _line_of(text, "--cov"), "pytest --cov in addopts")
        elif section.startswith("testenv") and measures_coverage(
            ini.get(section, "commands", fallback="")
        ):
            yield Evidence(path, _line_of(text, f"[{section}]"), f"coverage in tox [{section}]")


def measures_coverage(script: str) -> bool:
    """Whether a script runs tests under coverage (`pytest --cov`, `coverage run`)."""
    for _, words in script_commands(script):
        if any(w.startswith("--cov") for w in words) and is_test_command(words):
            return True
        if "coverage" in words[:4] and "run" in words:
            return True
    return False
