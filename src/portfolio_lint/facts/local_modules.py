"""The project's own importable modules, and which of its imports name one that is not there.

A module `a.b` is local to a file when its first part `a` is a module (`a.py`, `a/__init__.py`,
an extension) or a folder holding Python code, in one of the places Python would look for it:
the importing file's folder and the folders above it up to the root, and `src/`. An import whose
first part is local but whose full path exists in none of those places cannot run. A first part
that is also a declared dependency or a standard-library module, without an `__init__.py` of its
own, is taken for the third-party or standard module (a `datasets/` folder is not `datasets`).
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from portfolio_lint.core.file_facts import ImportStatement
from portfolio_lint.facts.dependencies import dependency_files
from portfolio_lint.facts.repo import Repo, repository_fact

MODULE_FILE = re.compile(r"^(.*?)(?:\.[\w-]+)?\.(?:py|pyi|pyx|pxd|so|pyd)$")
GENERATED = re.compile(r"_pb2(?:_grpc)?$")
NAME_CHARS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class ModuleTree:
    """Module paths (`pkg/mod` for `pkg/mod.py`), folders with Python code, regular packages."""

    modules: frozenset[str]
    folders: frozenset[str]
    packages: frozenset[str]  # folders with an `__init__.py`
    leaves: frozenset[str]  # every module path and folder, for "exists somewhere" lookups
    dependencies: frozenset[str]  # normalised declared distribution names

    def exists(self, path: str) -> bool:
        """Whether `path` (slash-separated, no suffix) is a module or a folder of code."""
        return path in self.modules or path in self.folders

    def shadowed(self, top: str, root: str) -> bool:
        """Whether `root/top` is more likely a same-named third-party or standard module."""
        if top in sys.stdlib_module_names:
            return True
        path = posixpath.join(root, top)
        if path in self.packages or path in self.modules:
            return False  # the project's own module: first on the path when run from here
        return _normal(top) in self.dependencies


@repository_fact
def module_tree(repo: Repo) -> ModuleTree:
    """Every module and code folder of the repository (vendored folders included: importable)."""
    modules: set[str] = set()
    folders: set[str] = set()
    packages: set[str] = set()
    for entry in repo.files:
        match = MODULE_FILE.match(entry.path)
        if match is None:
            continue
        stem = match.group(1)
        if stem.endswith("/__init__") or stem == "__init__":
            packages.add(posixpath.dirname(stem))
        else:
            modules.add(stem)
        folder = posixpath.dirname(entry.path)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    leaves = {p.rsplit("/", 1)[-1] for p in modules | folders} | {
        "/".join(p.split("/")[-2:]) for p in modules | folders
    }
    declared = {_normal(d.name) for file in dependency_files(repo) for d in file.dependencies}
    return ModuleTree(
        frozenset(modules),
        frozenset(folders),
        frozenset(packages),
        frozenset(leaves),
        frozenset(declared),
    )


def _normal(name: str) -> str:
    return NAME_CHARS.sub("-", name).lower()


def search_roots(tree: ModuleTree, path: str) -> list[str]:
    """Folders Python may search for a file's imports: the root, `src`, and the file's folder
    and those above it that are not packages (a script's folder is first on the path)."""
    roots: list[str] = []
    folder = posixpath.dirname(path)
    while folder:
        if folder not in tree.packages:
            roots.append(folder)
        folder = posixpath.dirname(folder)
    return [*roots, "", "src"]


def missing_import(tree: ModuleTree, path: str, site: ImportStatement) -> str | None:
    """The dotted module `site` needs that the project lacks, or None (present, or not ours)."""
    if site.guarded or GENERATED.search(site.module):
        return None
    if site.level:
        return _missing_relative(tree, path, site)
    parts = site.module.split(".")
    if parts[0] not in tree.leaves:
        return None  # no module or folder of the project has that name: not a local module
    roots = [
        root
        for root in search_roots(tree, path)
        if tree.exists(posixpath.join(root, parts[0])) and not tree.shadowed(parts[0], root)
    ]
    if not roots:
        return None  # not a local module
    wanted = "/".join(parts)
    if any(tree.exists(posixpath.join(root, wanted)) for root in roots):
        return None  # `from folder import name`: name may be a module of another path entry
    if "/".join(parts[-2:]) in tree.leaves and len(parts) > 1:
        return None  # the module is in the tree, on a path added at run time
    return site.module


def _missing_relative(tree: ModuleTree, path: str, site: ImportStatement) -> str | None:
    base = posixpath.dirname(path)
    for _ in range(site.level - 1):
        base = posixpath.dirname(base)
    shown = "." * site.level + site.module
    wanted = posixpath.join(base, *site.module.split(".")) if site.module else base
    if site.module and not tree.exists(wanted):
        return shown
    if site.module or "*" in site.names or wanted in tree.packages:
        return None  # `from . import name` from a regular package: name may be an attribute
    missing = (n for n in site.names if not tree.exists(posixpath.join(wanted, n)))
    name = next(missing, None)
    return None if name is None else f"{shown}{name}"


def missing_imports(
    tree: ModuleTree, path: str, sites: tuple[ImportStatement, ...]
) -> Iterator[tuple[ImportStatement, str]]:
    """Each import of the file at `path` that names a local module the project lacks."""
    for site in sites:
        missing = missing_import(tree, path, site)
        if missing is not None:
            yield site, missing


def module_file(repo: Repo, path: str, site: ImportStatement) -> str | None:
    """The repository file an import of the file at `path` loads, when it is the project's."""
    parts = [p for p in site.module.split(".") if p]
    if site.level:
        base = posixpath.dirname(path)
        for _ in range(site.level - 1):
            base = posixpath.dirname(base)
        roots = [base]
    else:
        roots = search_roots(module_tree(repo), path)
    for root in roots:
        stem = posixpath.join(root, *parts) if parts else root
        for candidate in (f"{stem}.py", posixpath.join(stem, "__init__.py")):
            if candidate in repo.by_path:
                return candidate
    return None
