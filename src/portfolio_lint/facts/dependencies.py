"""Dependency declarations (requirements, pyproject, environment.yml, Pipfile, setup.*)."""

from __future__ import annotations

import ast
import configparser
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.untrusted.parsers import load_toml, load_yaml

LOCK_FILES = re.compile(
    r"(^|/)(uv\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|pixi\.lock|pylock(\.[\w-]+)?\.toml"
    r"|requirements[\w.-]*\.lock|conda-lock\.ya?ml|[\w.-]+\.conda-lock\.ya?ml"
    r"|conda-[\w-]+\.lock)$",
    re.I,
)
# pip-style lock files (`requirements.lock.txt`, `requirements-lock.txt`, `constraints.txt`):
# read as requirements, and a lock when every line is pinned (a constraints file of ranges is not).
TEXT_LOCK_FILES = re.compile(
    r"(^|/)((requirements|reqs)[\w.-]*[._-](lock|locked|frozen|freeze)[\w.-]*\.txt"
    r"|constraints[\w.-]*\.txt)$",
    re.I,
)
REQUIREMENTS_FILE = re.compile(
    r"(^|/)(requirements[\w.-]*\.(txt|in|pip)|requirements/[\w.-]+\.(txt|in))$", re.I
)
NOT_COUNTED = frozenset({"python", "pip"})  # PEP 503 normalised names
COMMIT = re.compile(r"@[0-9a-f]{7,40}\b|\.whl$")


@dataclass(frozen=True)
class Dependency:
    """One declared dependency and whether it is pinned to an exact version."""

    name: str
    spec: str
    pinned: bool
    line: int
    local: bool = False  # `name @ file:///...`: a build on the author's machine (pip freeze)

    @property
    def key(self) -> str:
        """The PEP 503 normalised name: `Prometheus_Client` and `prometheus-client` are one."""
        return canonical(self.name)


def canonical(name: str) -> str:
    """A distribution name PEP 503 normalised (lower case, runs of `-_.` become `-`)."""
    return str(canonicalize_name(name))


@dataclass(frozen=True)
class DependencyFile:
    """What one file declares: dependencies, Python version, entry points, includes, errors."""

    path: str
    kind: str  # requirements | pyproject | environment | pipfile | setup.cfg | setup.py | lock
    dependencies: tuple[Dependency, ...] = ()
    declares: bool = False
    python: str | None = None
    scripts: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    error: str | None = None
    # issue 11 item 1 (imports-declared): names declared outside the main list (extras,
    # dependency groups, Poetry groups, Pipfile dev-packages, setup extras_require/tests_require)
    optional: tuple[str, ...] = ()

    @property
    def is_lock(self) -> bool:
        """Whether this is a lock file (every dependency resolved and pinned)."""
        return self.kind == "lock"


def pip_dependency(text: str, line: int) -> Dependency | None:
    """A PEP 508 requirement; None for local paths and lines that are not requirements."""
    cleaned = text.split(" #", 1)[0].strip()
    if not cleaned or cleaned.startswith(("-", ".", "/", "file:")):
        return None
    try:
        requirement = Requirement(cleaned)
    except InvalidRequirement:
        if "://" in cleaned:  # a bare VCS or archive URL
            name = cleaned.rsplit("#egg=", 1)[-1] if "#egg=" in cleaned else cleaned
            return Dependency(name, cleaned, bool(COMMIT.search(cleaned)), line)
        return None
    if canonical(requirement.name) in NOT_COUNTED:
        return None
    if requirement.url:
        if requirement.url.lower().startswith("file:"):
            return Dependency(requirement.name, requirement.url, False, line, local=True)
        return Dependency(
            requirement.name, requirement.url, bool(COMMIT.search(requirement.url)), line
        )
    pinned = any(
        s.operator in ("==", "===") and "*" not in s.version for s in requirement.specifier
    )
    return Dependency(requirement.name, str(requirement.specifier), pinned, line)


def parse_requirements(path: str, text: str) -> DependencyFile:
    """A pip requirements file: requirements, and the files `-r`/`-c` include."""
    found: list[Dependency] = []
    includes: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if line.startswith("#") or not line:
            continue
        option = re.match(r"^(-r|-c|--requirement|--constraint)\s*=?\s*(\S+)", line)
        if option:
            includes.append(option.group(2))
            continue
        dependency = pip_dependency(line.split(" --hash", 1)[0].rstrip("\\ "), number)
        if dependency is not None:
            found.append(dependency)
    return DependencyFile(
        path,
        "requirements",
        tuple(found),
        declares=bool(found or includes),
        includes=tuple(includes),
    )


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def parse_pyproject(path: str, text: str) -> DependencyFile:
    """`[project]` or `[tool.poetry]` dependencies; tool-only pyproject files declare nothing."""
    data, error = load_toml(text)
    if error:
        return DependencyFile(path, "pyproject", error=error)
    project = _table(data.get("project"))
    poetry = _table(_table(data.get("tool")).get("poetry"))
    found: list[Dependency] = []
    declares = False
    raw = project.get("dependencies")
    if isinstance(raw, list):
        declares = True
        found.extend(
            d
            for item in raw
            if isinstance(item, str)
            if (d := pip_dependency(item, _line_of(text, item))) is not None
        )
    if "dependencies" in _as_list(project.get("dynamic")):
        declares = True
    poetry_deps = _table(poetry.get("dependencies"))
    if poetry_deps:
        declares = True
        found.extend(_mapping_dependencies(poetry_deps, text))
    python = project.get("requires-python") or poetry_deps.get("python")
    scripts = [
        *_table(project.get("scripts")),
        *_table(poetry.get("scripts")),
        *_table(project.get("gui-scripts")),
    ]
    return DependencyFile(
        path,
        "pyproject",
        tuple(found),
        declares,
        python if isinstance(python, str) else None,
        tuple(scripts),
        optional=tuple(_pyproject_optional(data)),
    )


def _pyproject_optional(data: dict[str, Any]) -> Iterator[str]:
    """Names in optional-dependencies, dependency-groups and Poetry's groups and dev section."""
    poetry = _table(_table(data.get("tool")).get("poetry"))
    lists = [
        *_table(_table(data.get("project")).get("optional-dependencies")).values(),
        *_table(data.get("dependency-groups")).values(),
        _table(_table(data.get("tool")).get("uv")).get("dev-dependencies"),
    ]
    for items in lists:
        for item in _as_list(items):
            if isinstance(item, str) and (d := pip_dependency(item, 1)) is not None:
                yield d.name
    tables = [_table(poetry.get("dev-dependencies"))]
    tables.extend(
        _table(_table(g).get("dependencies")) for g in _table(poetry.get("group")).values()
    )
    for table in tables:
        yield from (name for name in table if name.lower() not in NOT_COUNTED)


def parse_pipfile(path: str, text: str) -> DependencyFile:
    """A Pipfile: `[packages]` and `[requires] python_version`."""
    data, error = load_toml(text)
    if error:
        return DependencyFile(path, "pipfile", error=error)
    packages = _table(data.get("packages"))
    requires = _table(data.get("requires"))
    python = requires.get("python_version") or requires.get("python_full_version")
    return DependencyFile(
        path,
        "pipfile",
        tuple(_mapping_dependencies(packages, text)),
        declares="packages" in data,
        python=python if isinstance(python, str) else None,
        optional=tuple(_table(data.get("dev-packages"))),
    )


def _mapping_dependencies(table: dict[str, Any], text: str) -> Iterator[Dependency]:
    """Poetry/Pipfile style `name = "version"` or `name = {version = ..., git = ..., rev = ...}`."""
    for name, value in table.items():
        if canonical(name) in NOT_COUNTED:
            continue
        spec = value.get("version", "") if isinstance(value, dict) else value
        spec = spec if isinstance(spec, str) else ""
        if isinstance(value, dict) and "path" in value:
            continue
        pinned = bool(re.fullmatch(r"(==|===)?\s*\d[\w.+!-]*", spec.strip())) or (
            isinstance(value, dict) and bool(value.get("rev") or value.get("tag"))
        )
        yield Dependency(name, spec, pinned, _line_of(text, f"{name}"))


def parse_environment(path: str, text: str) -> DependencyFile:
    """A conda environment file: conda and `pip:` dependencies, and the `python=` version."""
    data, error = load_yaml(text)
    if error:
        return DependencyFile(path, "environment", error=error)
    if not isinstance(data, dict):
        return DependencyFile(path, "environment", error="not a mapping of environment settings")
    found: list[Dependency] = []
    python: str | None = None
    for item in _as_list(data.get("dependencies")):
        if isinstance(item, dict):
            for pip_item in _as_list(item.get("pip")):
                if (
                    isinstance(pip_item, str)
                    and (d := pip_dependency(pip_item, _line_of(text, pip_item))) is not None
                ):
                    found.append(d)
            continue
        if not isinstance(item, str):
            continue
        match = re.match(r"^\s*(?:[\w.-]+::)?([A-Za-z0-9_.-]+)\s*(.*)$", item)
        if not match:
            continue
        name, spec = match.group(1), match.group(2).strip()
        if name.lower() == "python":
            python = spec.lstrip("=") or None
        elif canonical(name) not in NOT_COUNTED:
            found.append(Dependency(name, spec, _conda_pinned(spec), _line_of(text, item)))
    return DependencyFile(path, "environment", tuple(found), declares=bool(found), python=python)


def _conda_pinned(spec: str) -> bool:
    """`==1.2`, `=1.2.3` or `=1.2=build` pin; `=1.2` means 1.2.* and `>=` is a range."""
    if spec.startswith("=="):
        return "*" not in spec
    parts = spec.lstrip("=").split("=")
    return (
        spec.startswith("=")
        and "*" not in parts[0]
        and (len(parts) > 1 or parts[0].count(".") >= 2)
    )


def parse_setup_cfg(path: str, text: str) -> DependencyFile:
    """`[options] install_requires` / `python_requires` of a setup.cfg."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        return DependencyFile(path, "setup.cfg", error=f"invalid setup.cfg: {error}")
    requires = parser.get("options", "install_requires", fallback="")
    found = [
        d
        for item in requires.splitlines()
        if (d := pip_dependency(item, _line_of(text, item.strip()) if item.strip() else 1))
        is not None
    ]
    scripts = parser.get("options.entry_points", "console_scripts", fallback="")
    extras = (
        dict(parser.items("options.extras_require"))
        if parser.has_section("options.extras_require")
        else {}
    )
    optional = [
        d.name
        for value in (*extras.values(), parser.get("options", "tests_require", fallback=""))
        for item in value.splitlines()
        if (d := pip_dependency(item, 1)) is not None
    ]
    return DependencyFile(
        path,
        "setup.cfg",
        tuple(found),
        declares=bool(requires.strip()),
        python=parser.get("options", "python_requires", fallback=None),
        scripts=tuple(s.split("=")[0].strip() for s in scripts.splitlines() if "=" in s),
        optional=tuple(optional),
    )


def parse_setup_py(path: str, text: str) -> DependencyFile:
    """Literal `install_requires`, `python_requires`, scripts of a setup.py; never executed."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError) as error:
        message = f"setup.py does not parse: {error}"
        return DependencyFile(path, "setup.py", python=_python_requires_text(text), error=message)
    found: list[Dependency] = []
    python: str | None = None
    declares = False
    scripts: list[str] = []
    optional: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.keyword):
            continue
        if node.arg == "install_requires":
            declares = True  # may be computed (read from requirements.txt): declared all the same
            found.extend(
                d
                for s in _strings(node.value)
                if (d := pip_dependency(s, node.value.lineno)) is not None
            )
        elif node.arg in ("extras_require", "tests_require", "setup_requires"):
            values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
            optional.extend(
                d.name
                for value in values
                for s in _strings(value)
                if (d := pip_dependency(s, 1)) is not None
            )
        elif node.arg == "python_requires" and isinstance(node.value, ast.Constant):
            python = str(node.value.value)
        elif node.arg == "entry_points":
            scripts.extend(s.split("=")[0].strip() for s in _strings(node.value) if "=" in s)
    python = python or _python_requires_text(text)
    return DependencyFile(
        path, "setup.py", tuple(found), declares, python, tuple(scripts), optional=tuple(optional)
    )


PYTHON_REQUIRES = re.compile(
    r"""python_requires["']?\s*[=:]\s*[rfu]?["']([^"'\n]*\d[^"'\n]*)["']"""
)


def _python_requires_text(text: str) -> str | None:
    """`python_requires` read as text when it is not a literal keyword (a constant, a dict)."""
    match = PYTHON_REQUIRES.search(text)
    return match.group(1).strip() if match else None


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _table(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


PARSERS = {
    "pyproject.toml": parse_pyproject,
    "Pipfile": parse_pipfile,
    "environment.yml": parse_environment,
    "environment.yaml": parse_environment,
    "conda.yml": parse_environment,
    "conda.yaml": parse_environment,
    "setup.cfg": parse_setup_cfg,
    "setup.py": parse_setup_py,
}


@repository_fact
def dependency_files(repo: Repo) -> tuple[DependencyFile, ...]:
    """Every dependency declaration and lock file of the repository (vendored folders skipped),
    parsed once per lint (shared, immutable)."""
    parsed: list[DependencyFile] = []
    for entry in repo.files:
        path = entry.path
        if repo.is_vendored(path):
            continue
        name = path.rsplit("/", 1)[-1]
        if LOCK_FILES.search(path):
            parsed.append(DependencyFile(path, "lock", declares=True))
            continue
        if TEXT_LOCK_FILES.search(path):
            parsed.append(_text_lock(path, repo.read_text(path)))
            continue
        parser = PARSERS.get(name) or (
            parse_requirements if REQUIREMENTS_FILE.search(path) else None
        )
        if parser is None:
            continue
        text = repo.read_text(path)
        if text is None:
            parsed.append(DependencyFile(path, parser.__name__, error="binary or unreadable"))
            continue
        parsed.append(parser(path, text))
    return (*parsed, *_included(repo, parsed))


def _text_lock(path: str, text: str | None) -> DependencyFile:
    """A pip-style lock or constraints file: a lock when it pins every dependency it lists."""
    if text is None:
        return DependencyFile(path, "requirements", error="binary or unreadable")
    file = parse_requirements(path, text)
    if file.dependencies and all(d.pinned for d in file.dependencies):
        return replace(file, kind="lock")
    return file


def _included(repo: Repo, parsed: list[DependencyFile]) -> list[DependencyFile]:
    """Files pulled in with `-r`/`-c` that discovery missed (`base.txt`), followed transitively."""
    seen = {file.path for file in parsed}
    pending = list(parsed)
    found: list[DependencyFile] = []
    while pending and len(seen) < 200:
        file = pending.pop()
        folder = file.path.rpartition("/")[0]
        for include in file.includes:
            path = posixpath.normpath(posixpath.join(folder, include))
            text = repo.read_text(path) if path not in seen else None
            seen.add(path)
            if text is not None:
                included = parse_requirements(path, text)
                found.append(included)
                pending.append(included)
    return found


def entry_points(files: Iterable[DependencyFile]) -> set[str]:
    """Console-script names the project declares."""
    return {script for file in files for script in file.scripts}
