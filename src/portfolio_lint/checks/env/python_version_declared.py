"""Rule ENV003 (python-version-declared): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.env._shared import dockerfile_paths
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.dependencies import dependency_files
from portfolio_lint.facts.repo import Repo

DOCKER_PYTHON = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(?:[\w.\-]+/)*python:(\d+(?:\.\d+)*)"
    r"|^[ \t]*FROM[ \t]+\S+:[\w.-]*?python-?(3\.\d+)"  # tiangolo/uvicorn-gunicorn:python3.11
    r"|^[ \t]*ARG[ \t]+PYTHON_VERSION=[\"']?(3\.\d+)",  # FROM python:${PYTHON_VERSION}-slim
    re.I | re.M,
)

# Files that hold nothing but the interpreter version (pyenv, uv, asdf, Heroku, mise).
VERSION_FILES = re.compile(r"(^|/)(\.python-version|runtime\.txt|\.tool-versions|\.?mise\.toml)$")
VERSION_TEXT = re.compile(r"(^|python[\s\"'=-]*)3\.\d+", re.I | re.M)

PYTHON_PROSE = re.compile(r"\bpython\s*(?:version\s*)?(?:[>=≥:v]+\s*)?3\.\d+", re.IGNORECASE)

# A CI matrix or tox env list names the versions the project is tested on: a declaration.
CI_PYTHON = re.compile(
    r"python-version\s*:\s*[\[\"']*3\.\d+|\benv_?list\s*=.*\bpy3\d"
    r"|\bimage\s*:\s*[\"']?(?:[\w.\-]+/)*python:3\.\d+",
    re.I,
)
CI_FILES = (
    ".github/workflows/*.yml",
    ".github/workflows/*.yaml",
    "/tox.ini",
    "/.gitlab-ci.yml",
    "/azure-pipelines.yml",
    "/.circleci/config.yml",
)


@check("python-version-declared", code="ENV003", weight=2, severity=Severity.WARNING)
def python_version_declared(repo: Repo, *, informal_score: float = 0.5) -> Verdict:
    """The Python version is declared (requires-python, .python-version, environment.yml...).

    Why it matters:
        Code written for Python 3.11 may not run on 3.8; stating the version saves the reader a
        debugging session.

    How to fix:
        Declare it: `requires-python` in pyproject.toml, a .python-version file, or `python=3.11` in
        environment.yml (a Dockerfile `FROM python:3.11`, a CI matrix or a tox env list count too).

    Bad:
        A requirements.txt and nothing that says which Python it was run with.

    Good:
        `requires-python = ">=3.10"` in pyproject.toml, or a `.python-version` holding `3.11`.
    """
    declared = next((f for f in dependency_files(repo) if f.python), None)
    if declared is not None:
        return Verdict.passed(f"{declared.path}: python {declared.python}")
    found = _version_file(repo) or _docker(repo) or _ci(repo)
    if found is not None:
        return Verdict.passed(found)
    message = (
        "Python version not declared: add `requires-python` to pyproject.toml, a"
        " .python-version file, or `python=3.x` in environment.yml"
    )
    readme = repo.readme
    if readme is not None and PYTHON_PROSE.search(readme.text):
        return Verdict.partial(
            informal_score, [Finding.at(readme.path, f"{message} (only stated in {readme.path})")]
        )
    return Verdict.failed(Finding(message))


def _version_file(repo: Repo) -> str | None:
    paths = (
        e.path for e in repo.files if VERSION_FILES.search(e.path) and not repo.is_vendored(e.path)
    )
    return next(
        (p for p in paths if VERSION_TEXT.search(repo.read_text(p, limit=4096) or "")), None
    )


def _docker(repo: Repo) -> str | None:
    for path in dockerfile_paths(repo):
        match = DOCKER_PYTHON.search(repo.read_text(path) or "")
        if match:
            return f"{path}: python {next(g for g in match.groups() if g)}"
    return None


def _ci(repo: Repo) -> str | None:
    paths = (e.path for e in repo.glob(*CI_FILES))
    return next((p for p in paths if CI_PYTHON.search(repo.read_text(p) or "")), None)
