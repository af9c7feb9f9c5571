"""Rule ENV005 (imports-declared): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from portfolio_lint.checks.env._shared import command_installs
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.dependencies import (
    DependencyFile,
    dependency_files,
    parse_requirements,
)
from portfolio_lint.facts.distributions import (
    Provider,
    is_generic,
    likely,
    module_providers,
    normalize,
)
from portfolio_lint.facts.installed_with import installed_with
from portfolio_lint.facts.project_imports import ThirdPartyImport, project_imports
from portfolio_lint.facts.repo import Repo

# conda's names for packages PyPI calls otherwise (`py-xgboost` is handled by the prefix).
CONDA_NAMES = {"pytorch": "torch", "opencv": "opencv-python", "py-opencv": "opencv-python"}


# `name = "x"` (uv, Poetry, PDM), `- name: x` (conda-lock), `"x": {` (Pipfile.lock).
LOCK_NAME = re.compile(r"^(?:name = \"|  - name: |    name: )([A-Za-z0-9][\w.-]*)", re.MULTILINE)
LOCK_JSON_NAME = re.compile(r'^ {8}"([A-Za-z0-9][\w.-]*)": \{', re.MULTILINE)


@dataclass(frozen=True)
class Declared:
    """Every distribution name the project declares (normalised), and where the first is."""

    names: dict[str, tuple[str, int]]  # normalised name -> (file, line)
    notebook: frozenset[str]  # installed by a notebook's `!pip install`
    opaque: bool  # a file declares dependencies we cannot read as text (computed, dynamic)
    commands_only: bool  # the only install path is a Dockerfile, Makefile or script command
    locked: frozenset[str]  # a lock file resolves it, or an install command names it

    @property
    def all(self) -> frozenset[str]:
        """Every declared, notebook-installed or locked distribution name."""
        return frozenset(self.names) | self.notebook | self.locked

    def covers(self, module: str, provided_by: Iterable[str]) -> bool:
        """Whether a declared or locked distribution provides `module`."""
        return _covers(self.names, module, provided_by) or _covers(self.locked, module, provided_by)


def _declared(repo: Repo, files: Sequence[DependencyFile]) -> Declared:
    names: dict[str, tuple[str, int]] = {}
    locked: set[str] = set()
    opaque = False
    for file in files:
        if file.is_lock:
            locked.update(_locked(repo, file.path))
            continue
        if file.error:
            continue
        found = [(d.name, d.line) for d in file.dependencies]
        found += [(name, 1) for name in file.optional]
        opaque = opaque or (file.declares and not found and not file.includes)
        for name, line in found:
            key = normalize(name)
            if file.kind == "environment":
                key = CONDA_NAMES.get(key, key.removeprefix("py-"))
            names.setdefault(key, (file.path, line))
    commands = {normalize(name) for name, _, _ in command_installs(repo)}
    installs = frozenset(normalize(name) for name, _, _ in project_imports(repo).notebook_installs)
    only_commands = not names and not opaque and bool(commands)
    return Declared(names, installs, opaque, only_commands, frozenset(locked | commands))


def _locked(repo: Repo, path: str) -> list[str]:
    """Normalised names a lock file resolves (transitive dependencies included)."""
    text = repo.read_text(path) or ""
    if "requirements" in path.rsplit("/", 1)[-1]:
        return [normalize(d.name) for d in parse_requirements(path, text).dependencies]
    pattern = (
        LOCK_JSON_NAME if path.endswith(".lock") and text.lstrip().startswith("{") else LOCK_NAME
    )
    return [normalize(name) for name in pattern.findall(text)]


def _covers(names: Iterable[str], module: str, provided_by: Iterable[str]) -> bool:
    """Whether a declared name provides `module`: by the index, or named after it.

    A name that is the module's plus a suffix (`psycopg2-binary`, `tensorflow-gpu`,
    `llama-cpp-python`, built from source and so missing from the index) counts too.
    """
    declared = set(names)
    own = normalize(module)
    return (
        own in declared
        or any(normalize(p) in declared for p in provided_by)
        or any(name.startswith(own + "-") for name in declared)
    )


@check("imports-declared", code="ENV005", weight=3, severity=Severity.WARNING, role=Role.PROBLEM)
def imports_declared(repo: Repo) -> Verdict:
    """Every third-party package the code imports is declared as a dependency.

    Why it matters:
        A requirements file that misses one imported package fails on the first run with
        `ModuleNotFoundError`; a reviewer who installs what you declared and then hits it
        stops there. Dependency files (extras and dev files too), lock files, named
        `pip install` commands (Dockerfile, Makefile, scripts, CI) and a notebook's own
        `!pip install` lines all count as declarations.

    How to fix:
        Add each reported package to requirements.txt or pyproject.toml (test-only packages to
        the dev requirements or a dev extra). The import name is not always the package name:
        `sklearn` is scikit-learn, `cv2` opencv-python, `PIL` Pillow, `yaml` PyYAML.
        A package that only comes with a declared one (`numpy` with pandas, `torch` with
        sentence-transformers) works today and weighs half, but declare what you import.

    Bad:
        requirements.txt lists `pandas` and `numpy`; train.py imports `sklearn` and `xgboost`.

    Good:
        requirements.txt lists `pandas`, `numpy`, `scikit-learn` and `xgboost`.
    """
    declared = _declared(repo, dependency_files(repo))
    imports = project_imports(repo)
    if not declared.names and not declared.notebook and not declared.locked:
        if declared.opaque:
            raise Skip("the dependency declarations are computed, not written as text")
        raise Skip(
            "no dependency declaration (reported by dependencies-declared)",
            prerequisite="dependencies-declared",
        )
    if not imports.required:
        return Verdict.passed("the code imports no third-party package")
    # one lookup (one scan of pigar's index) for the required and the merely imported names
    found = module_providers(repo, frozenset({i.name for i in imports.required} | imports.imported))
    missing: list[tuple[ThirdPartyImport, list[str]]] = []
    transitive: list[tuple[ThirdPartyImport, list[str], str]] = []
    for item in imports.required:
        provided_by = [p.name for p in found[item.name]]
        if declared.covers(item.name, provided_by):
            continue
        in_notebooks = item.notebooks_only or imports.notebooks_only
        if in_notebooks and _covers(declared.notebook, item.name, provided_by):
            continue
        if not provided_by or is_generic(item.name, item.dotted, found[item.name]):
            continue  # not a PyPI module: a local module the tree lacks (code-completeness)
        names = likely(item.name, item.dotted, found[item.name])
        carrier = next(
            (c for n in provided_by if (c := installed_with(normalize(n), declared.all))), None
        )
        if carrier is not None:
            transitive.append((item, names, carrier))
        else:
            missing.append((item, names))
    notes = _unused(declared, imports.imported, found)
    considered = [
        i for i in imports.required if found[i.name] or _covers(declared.names, i.name, ())
    ]
    if not missing and not transitive:
        where = "install commands" if declared.commands_only else "the dependency files"
        summary = f"all {len(considered)} third-party imports are declared in {where}"
        return Verdict.partial(1.0, notes, summary)
    findings = [_finding(item, names, declared.commands_only) for item, names in missing]
    findings += [_indirect(item, names, carrier) for item, names, carrier in transitive]
    # An import that comes with a declared package works today: it weighs half.
    weight = len(missing) + len(transitive) / 2
    score = 1 - weight / max(len(considered), len(missing) + len(transitive))
    summary = f"{len(missing) + len(transitive)} of {len(considered)} third-party imports are not"
    summary += " declared" + (
        f" ({len(transitive)} installed with a declared package)" if transitive else ""
    )
    return Verdict.partial(score, [*findings, *notes], summary)


def _indirect(item: ThirdPartyImport, names: list[str], carrier: str) -> Finding:
    name = names[0] if names else item.name
    return Finding.at(
        item.path,
        f"`{item.name}` is installed with {carrier}, but import it only if you declare it:"
        f" add {name} to the dependency file (another version of {carrier} may drop it)",
        line=item.line,
        cell=item.cell,
        severity=Severity.WARNING,
        key=f"undeclared:{item.name}",
    )


def _finding(item: ThirdPartyImport, names: list[str], commands_only: bool) -> Finding:
    where = "the Dockerfile's or scripts' pip install" if commands_only else "any dependency file"
    hint = (
        f"; likely {' or '.join(names)}"
        if len(names) == 1
        else f" (on PyPI: {', '.join(names)}...)"
    )
    scope = " (only tests import it: a dev dependency will do)" if item.tests_only else ""
    return Finding.at(
        item.path,
        f"`{item.name}` is imported but not declared in {where}{hint}{scope}",
        line=item.line,
        cell=item.cell,
        key=f"undeclared:{item.name}",
    )


def _unused(
    declared: Declared, imported: frozenset[str], found: Mapping[str, tuple[Provider, ...]]
) -> list[Finding]:
    """Declared distributions that provide no imported module: one info note, never a failure.

    `found` holds the providers of every imported module (and maybe of others)."""
    if not declared.names or declared.commands_only:
        return []
    used = {normalize(m) for m in imported}
    used |= {normalize(p.name) for module in imported for p in found[module]}
    unused = sorted(name for name in declared.names if name not in used)
    if not unused:
        return []
    path, line = declared.names[unused[0]]
    shown = ", ".join(unused[:8]) + (f" and {len(unused) - 8} more" if len(unused) > 8 else "")
    message = (
        f"{len(unused)} declared package(s) are never imported: {shown} (fine for plugins,"
        " CLIs and tools; remove the rest)"
    )
    return [Finding.at(path, message, line=line, severity=Severity.INFO, key="unused")]
