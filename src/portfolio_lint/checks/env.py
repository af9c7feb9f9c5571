"""ENV rules: dependencies declared and pinned, Python version stated, README files present."""

from __future__ import annotations

import re

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.command_files import references
from portfolio_lint.facts.dependencies import Dependency, DependencyFile, dependency_files
from portfolio_lint.facts.linked_docs import readme_commands
from portfolio_lint.facts.repo import Repo

# `[ \t]*`, not `\s*`: with MULTILINE, `^\s*` rescans runs of blank lines (quadratic).
DOCKER_PIP = re.compile(
    r"^[ \t]*RUN\b.*\b(?:pip3?|uv pip|conda|mamba)\s+install\b(.*)$", re.IGNORECASE | re.MULTILINE
)
DOCKER_PYTHON = re.compile(
    r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(?:[\w.\-]+/)*python:(\d+(?:\.\d+)*)", re.I | re.M
)
PYTHON_PROSE = re.compile(r"\bpython\s*(?:version\s*)?(?:[>=≥:v]+\s*)?3\.\d+", re.IGNORECASE)
CI_PYTHON = re.compile(r"python-version\s*:\s*\S|\benvlist\s*=.*\bpy3\d", re.IGNORECASE)
MAX_LISTED = 8


def _file_errors(files: list[DependencyFile]) -> list[Finding]:
    return [
        Finding.at(f.path, f"{f.path} could not be read: {f.error}", severity=Severity.WARNING)
        for f in files
        if f.error
    ]


def _dockerfiles(repo: Repo) -> list[str]:
    return [
        e.path
        for e in repo.files
        if re.search(r"(^|/)(Dockerfile|Containerfile)[^/]*$", e.path)
        and not repo.is_vendored(e.path)
    ]


@check("dependencies-declared")
def dependencies_declared(repo: Repo, *, dockerfile_score: float = 0.5) -> Verdict:
    """Dependencies are declared in a standard file (requirements, pyproject, conda, Pipfile)."""
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
    for path in _dockerfiles(repo):
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


@check("dependencies-pinned")
def dependencies_pinned(repo: Repo, *, accept_lock_files: bool = True) -> Verdict:
    """Dependencies are pinned to exact versions (`==`) or locked (uv.lock, poetry.lock...)."""
    files = dependency_files(repo)
    locks = [f.path for f in files if f.is_lock]
    if locks and accept_lock_files:
        return Verdict.passed(f"lock file {locks[0]}")
    declared = [f for f in files if f.dependencies]
    if not declared:
        raise Skip("no dependencies declared (see dependencies-declared)")
    pinned_names = {d.name.lower() for f in declared for d in f.dependencies if d.pinned}
    names = {d.name.lower() for f in declared for d in f.dependencies}
    findings: list[Finding] = []
    for file in declared:
        unpinned = [d for d in file.dependencies if d.name.lower() not in pinned_names]
        local = [d for d in unpinned if d.local]
        if local:
            findings.append(_local_build_finding(file, local))
        loose = [d for d in unpinned if not d.local]
        if loose:
            findings.append(_unpinned_finding(file, loose))
    score = len(pinned_names) / len(names)
    return Verdict.partial(score, findings, f"{len(pinned_names)}/{len(names)} pinned")


def _local_build_finding(file: DependencyFile, local: list[Dependency]) -> Finding:
    first = local[0]
    names = ", ".join(d.name for d in local[:MAX_LISTED])
    more = f" and {len(local) - MAX_LISTED} more" if len(local) > MAX_LISTED else ""
    plural = "s" * (len(local) != 1)
    message = (
        f"{len(local)} requirement{plural} in {file.path} point at files on the author's"
        f" machine ({names}{more}; e.g. `{first.name} @ {first.spec[:40]}…`): pip install"
        " fails anywhere else. Regenerate with `pip list --format=freeze`"
    )
    return Finding.at(file.path, message, line=first.line, key=",".join(d.name for d in local))


def _unpinned_finding(file: DependencyFile, loose: list[Dependency]) -> Finding:
    listed = ", ".join(_shown(d) for d in loose[:MAX_LISTED])
    more = f" and {len(loose) - MAX_LISTED} more" if len(loose) > MAX_LISTED else ""
    message = (
        f"{len(loose)} unpinned in {file.path}: {listed}{more}"
        " (pin with ==, or commit a lock file; ~= and >= are ranges)"
    )
    return Finding.at(file.path, message, line=loose[0].line, key=",".join(d.name for d in loose))


def _shown(dependency: Dependency) -> str:
    spec = dependency.spec
    if not spec:
        return dependency.name
    return f"{dependency.name}{spec}" if spec[0] in "<>=!~" else f"{dependency.name} @ {spec}"


@check("python-version-declared")
def python_version_declared(repo: Repo, *, informal_score: float = 0.5) -> Verdict:
    """The Python version is declared (requires-python, .python-version, environment.yml...)."""
    declared = next((f for f in dependency_files(repo) if f.python), None)
    if declared is not None:
        return Verdict.passed(f"{declared.path}: python {declared.python}")
    for name in (".python-version", "runtime.txt", ".tool-versions"):
        text = repo.read_text(name) or ""
        if re.search(r"(^|python[\s-]*)3\.\d+", text, re.IGNORECASE | re.MULTILINE):
            return Verdict.passed(f"{name}")
    for path in _dockerfiles(repo):
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


@check("readme-referenced-files-exist")
def readme_referenced_files_exist(repo: Repo, *, follow_links: bool = True) -> Verdict:
    """Files the README's commands use (requirements.txt, scripts, env files) exist."""
    readme = repo.readme
    if readme is None:
        raise Skip("no README")
    refs = [r for c in readme_commands(repo, readme, follow_links) for r in references(c)]
    if not refs:
        raise Skip("the README's commands use no repository files")
    findings: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    for ref in refs:
        if ref.candidates in seen:
            continue
        seen.add(ref.candidates)
        if any(repo.exists(p) or repo.exists_dir(p) for p in ref.candidates):
            continue
        hint = _elsewhere(repo, ref.candidates[0])
        message = f"`{ref.command.text}` needs {ref.candidates[0]}, which does not exist{hint}"
        findings.append(
            Finding.at(ref.command.path, message, line=ref.command.line, key=ref.candidates[0])
        )
    return Verdict.partial(
        1 - len(findings) / len(seen),
        findings,
        f"{len(seen) - len(findings)}/{len(seen)} referenced files exist",
    )


def _elsewhere(repo: Repo, path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    match = next((e.path for e in repo.files if e.path.rsplit("/", 1)[-1] == name), None)
    return f" (did you mean {match}?)" if match else ""
