"""Rule ENV003 (python-version-declared): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.env._shared import dockerfile_paths
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.dependencies import dependency_files
from portfolio_lint.facts.repo import Repo

DOCKER_PYTHON = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(?:[\w.\-]+/)*python:(\d+(?:\.\d+)*)", re.I | re.M
)

PYTHON_PROSE = re.compile(r"\bpython\s*(?:version\s*)?(?:[>=≥:v]+\s*)?3\.\d+", re.IGNORECASE)

CI_PYTHON = re.compile(r"python-version\s*:\s*\S|\benvlist\s*=.*\bpy3\d", re.IGNORECASE)


@check("python-version-declared", code="ENV003", weight=2, severity=Severity.WARNING)
def python_version_declared(repo: Repo, *, informal_score: float = 0.5) -> Verdict:
    """The Python version is declared (requires-python, .python-version, environment.yml...).

    Why it matters:
        Code written for Python 3.11 may not run on 3.8; stating the version saves the reader a
        debugging session.

    How to fix:
        Declare it: `requires-python` in pyproject.toml, a .python-version file, or `python=3.11` in
        environment.yml.

    Bad:
        A requirements.txt and nothing that says which Python it was run with.

    Good:
        `requires-python = ">=3.10"` in pyproject.toml, or a `.python-version` holding `3.11`.
    """
    declared = next((f for f in dependency_files(repo) if f.python), None)
    if declared is not None:
        return Verdict.passed(f"{declared.path}: python {declared.python}")
    for name in (".python-version", "runtime.txt", ".tool-versions"):
        text = repo.read_text(name) or ""
        if re.search(r"(^|python[\s-]*)3\.\d+", text, re.IGNORECASE | re.MULTILINE):
            return Verdict.passed(f"{name}")
    for path in dockerfile_paths(repo):
        match = DOCKER_PYTHON.search(repo.read_text(path) or "")
        if match:
            return Verdict.passed(f"{path}: FROM python:{match.group(1)}")
    informal = _informal_python_version(repo)
    message = (
        "Python version not declared: add `requires-python` to pyproject.toml, a"
        " .python-version file, or `python=3.x` in environment.yml"
    )
    if informal is not None:
        return Verdict.partial(
            informal_score, [Finding.at(informal, f"{message} (only stated in {informal})")]
        )
    return Verdict.failed(Finding(message))


def _informal_python_version(repo: Repo) -> str | None:
    """A README sentence or CI matrix that names the version, which tools cannot read."""
    readme = repo.readme
    if readme is not None and PYTHON_PROSE.search(readme.text):
        return readme.path
    ci = [
        e.path
        for e in repo.glob(
            ".github/workflows/*.yml", ".github/workflows/*.yaml", "/tox.ini", "/.gitlab-ci.yml"
        )
    ]
    return next((p for p in ci if CI_PYTHON.search(repo.read_text(p) or "")), None)
