"""Test-only checks and small rubrics, so engine and CLI tests do not depend on real checks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint.checks import registry
from portfolio_lint.checks.registry import Skip
from portfolio_lint.core.model import Finding, Verdict
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import parse_rubric
from portfolio_lint.facts.repo import Repo


def toy_file_exists(repo: Repo, *, path: str) -> Verdict:
    """A file exists."""
    if repo.exists(path):
        return Verdict.passed()
    return Verdict.failed(Finding(f"{path} is missing"))


def toy_grep(repo: Repo, *, pattern: str, glob: str = "*.py") -> Verdict:
    """No line matches a pattern."""
    found = []
    for entry in repo.glob(glob):
        text = repo.read_text(entry.path) or ""
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(pattern, line):
                found.append(Finding.at(entry.path, f"matches {pattern!r}", line=number))
    return Verdict.from_findings(found)


def toy_half(repo: Repo, *, score: float = 0.5) -> Verdict:
    """Half marks."""
    return Verdict.partial(score, [Finding("only half done")])


def toy_skip(repo: Repo) -> Verdict:
    """Never applies."""
    raise Skip("nothing to judge here")


def toy_needs_readme(repo: Repo) -> Verdict:
    """Judges the README, which must exist."""
    if repo.readme is None:
        raise Skip("no README (see toy-file-exists)", prerequisite="toy-file-exists")
    return Verdict.passed()


def toy_crash(repo: Repo) -> Verdict:
    """Always crashes."""
    raise RuntimeError("boom")


TOY_CHECKS = {
    "toy-file-exists": toy_file_exists,
    "toy-grep": toy_grep,
    "toy-half": toy_half,
    "toy-skip": toy_skip,
    "toy-crash": toy_crash,
    "toy-needs-readme": toy_needs_readme,
}


@pytest.fixture
def toy_checks() -> Iterator[None]:
    """Register the toy checks for one test and remove them afterwards."""
    for name, function in TOY_CHECKS.items():
        registry.check(name)(function)
    try:
        yield
    finally:
        for name in TOY_CHECKS:
            registry._REGISTRY.pop(name, None)


def rule_entry(
    code: str,
    check: str,
    *,
    weight: float = 1,
    severity: str = "warning",
    role: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """One `[[rule]]` table; the family is the code's letters."""
    entry: dict[str, Any] = {
        "code": code,
        "name": f"{check}-{code.lower()}",
        "check": check,
        "family": code.rstrip("0123456789"),
        "weight": weight,
        "severity": severity,
        "rationale": f"Why {code} matters.",
        "fix": f"Fix {code}.",
    }
    if role is not None:
        entry["role"] = role
    if options:
        entry["options"] = options
    return entry


def toy_rubric(*entries: Mapping[str, Any]) -> Rubric:
    """A validated rubric made of `entries`."""
    return parse_rubric({"rubric": {"name": "toy"}, "rule": list(entries)}, source="toy")


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    return repr(value)


def write_rubric(path: Path, *entries: Mapping[str, Any]) -> Path:
    """The same rubric as a TOML file (for `--rubric`)."""
    lines = ["[rubric]", 'name = "toy"', ""]
    for entry in entries:
        lines.append("[[rule]]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in entry.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


STANDARD = (
    rule_entry("DOC901", "toy-file-exists", weight=3, path="README.md"),
    rule_entry("DOC902", "toy-half", weight=1),
    rule_entry("SEC901", "toy-grep", weight=2, severity="error", pattern="SECRET"),
    rule_entry("QUA901", "toy-skip", weight=5),
)
