"""Rule ENV002 (dependencies-pinned): its check, defaults and documentation."""

from __future__ import annotations

import posixpath

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.dependencies import Dependency, DependencyFile, dependency_files
from portfolio_lint.facts.install_files import install_files
from portfolio_lint.facts.repo import Repo

MAX_LISTED = 8


@check("dependencies-pinned", code="ENV002", weight=3, severity=Severity.WARNING)
def dependencies_pinned(repo: Repo, *, accept_lock_files: bool = True) -> Verdict:
    """Dependencies are pinned to exact versions (`==`) or locked (uv.lock, poetry.lock...).

    Judged on the files the README installs from (`pip install -r X`, with what X includes),
    else on the root's files; a lock file counts beside them.

    Why it matters:
        ML libraries break APIs between minor versions; unpinned dependencies make last year's
        results unreproducible.

    How to fix:
        Pin exact versions (`pandas==2.2.2`) or commit a lock file (uv.lock, poetry.lock,
        Pipfile.lock, pdm.lock, conda-lock.yml, a fully pinned requirements.lock.txt or
        constraints.txt) beside the file the README installs from.

    Bad:
        requirements.txt: `pandas`, `torch>=1.0`.

    Good:
        requirements.txt: `pandas==2.2.2`, `torch==2.3.1`; or a committed uv.lock.
    """
    files = dependency_files(repo)
    judged = list(install_files(repo))
    folders = {posixpath.dirname(f.path) for f in judged}
    locks = [f.path for f in files if f.is_lock and posixpath.dirname(f.path) in folders]
    if locks and accept_lock_files:
        return Verdict.passed(f"lock file {locks[0]}")
    declared = [f for f in judged if f.dependencies] or [f for f in files if f.dependencies]
    if not declared:
        raise Skip(
            "no dependencies declared (see dependencies-declared)",
            prerequisite="dependencies-declared",
        )
    pinned_names = {d.key for f in declared for d in f.dependencies if d.pinned}
    names = {d.key for f in declared for d in f.dependencies}
    findings: list[Finding] = []
    for file in declared:
        unpinned = [d for d in file.dependencies if d.key not in pinned_names]
        local = [d for d in unpinned if d.local]
        if local:
            findings.append(_local_build_finding(file, local))
        loose = [d for d in unpinned if not d.local]
        if loose:
            findings.append(_unpinned_finding(file, loose))
    score = len(pinned_names) / len(names)
    where = ", ".join(f.path for f in declared[:3])
    return Verdict.partial(score, findings, f"{len(pinned_names)}/{len(names)} pinned in {where}")


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
