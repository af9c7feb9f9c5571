"""Rule ENV001 (dependencies-declared): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.env._shared import dockerfile_paths
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.dependencies import DependencyFile, dependency_files
from portfolio_lint.facts.repo import Repo

# `[ \t]*`, not `\s*`: with MULTILINE, `^\s*` rescans runs of blank lines (quadratic).
DOCKER_PIP = re.compile(
    r"^[ \t]*RUN\b.*\b(?:pip3?|uv pip|conda|mamba)\s+install\b(.*)$", re.IGNORECASE | re.MULTILINE
)


def _file_errors(files: Sequence[DependencyFile]) -> list[Finding]:
    return [
        Finding.at(f.path, f"{f.path} could not be read: {f.error}", severity=Severity.WARNING)
        for f in files
        if f.error
    ]


@check("dependencies-declared", code="ENV001", weight=5, severity=Severity.ERROR)
def dependencies_declared(repo: Repo, *, dockerfile_score: float = 0.5) -> Verdict:
    """Dependencies are declared in a standard file (requirements, pyproject, conda, Pipfile).

    Why it matters:
        Without a dependency file nobody can rerun the project; reviewers treat it as not
        reproducible. Packages installed only by a Dockerfile `RUN pip install` earn half marks:
        they are declared, but only for Docker users.

    How to fix:
        Add a requirements.txt, a pyproject.toml with [project] dependencies, or an environment.yml.

    Bad:
        Only `train.py`, whose imports name pandas and scikit-learn; no dependency file.

    Good:
        requirements.txt listing `pandas`, `scikit-learn` and `matplotlib`.
    """
    files = dependency_files(repo)
    declaring = [f for f in files if f.declares and not f.error]
    errors = _file_errors(files)
    if declaring:
        names = ", ".join(f.path for f in declaring[:3])
        return Verdict.partial(0.8 if errors else 1.0, errors, f"declared in {names}")
    notes = list(errors)
    for file in files:
        if not file.error and file.kind == "pyproject":
            notes.append(
                Finding.at(
                    file.path,
                    f"{file.path} holds only tool configuration: no"
                    " [project] dependencies or [tool.poetry.dependencies]",
                )
            )
        elif not file.error:
            notes.append(Finding.at(file.path, f"{file.path} declares no packages"))
    for path in dockerfile_paths(repo):
        text = repo.read_text(path) or ""
        match = next((m for m in DOCKER_PIP.finditer(text) if m.group(1).split()), None)
        if match is not None:
            line = text.count("\n", 0, match.start()) + 1
            message = (
                f"Dependencies are only installed inside {path}; declare them in"
                " requirements.txt or pyproject.toml so they work outside Docker too"
            )
            return Verdict.partial(dockerfile_score, [*notes, Finding.at(path, message, line=line)])
    message = "No dependency file (requirements.txt, pyproject.toml, environment.yml, Pipfile)"
    return Verdict.failed(*notes, Finding(message))
