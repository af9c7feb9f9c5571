"""The third-party modules the project's own code imports (issue 11 item 1).

Standard library names come from `sys.stdlib_module_names`, plus modules an older Python still
has (`distutils`, `imp`, Python 2's `urllib2`...); the project's own modules are every `.py`
file's name and every folder that holds Python code, so src layouts, namespace folders and
sibling scripts imported by name are all local. Optional imports (try/except ImportError,
TYPE_CHECKING, `__main__` and version blocks) are not required.
"""

from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass

from portfolio_lint.core.file_facts import ImportSite
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.scanners.testing_paths import in_test_suite

REMOVED_STDLIB = frozenset(
    {"distutils", "imp", "asynchat", "asyncore", "smtpd", "cgi", "cgitb", "crypt", "imghdr",
     "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau",
     "telnetlib", "uu", "xdrlib", "audioop", "chunk", "lib2to3", "tkinter", "_thread",
     # Python 2 names
     "urllib2", "urlparse", "httplib", "ConfigParser", "cPickle", "cStringIO", "StringIO",
     "Queue", "Tkinter", "tkMessageBox", "commands", "__builtin__", "thread", "HTMLParser",
     "SocketServer", "BaseHTTPServer", "SimpleHTTPServer", "cookielib", "htmlentitydefs"}
)  # fmt: skip
# Modules the notebook's runtime provides, not a package the project could declare.
RUNTIME_PROVIDED = ("google.colab", "kaggle_secrets", "kaggle_datasets", "kaggle_web_client")
NOTEBOOK_RUNTIME = frozenset({"IPython", "ipykernel", "ipywidgets"})
PYTHON_SOURCES = (".py", ".pyw", ".pyi", ".pyx", ".pxd", ".so", ".pyd")
NOT_PROJECT_CODE = frozenset({"setup.py"})  # build script: its imports are build requirements


@dataclass(frozen=True)
class ThirdPartyImport:
    """A top-level module the project imports and neither the stdlib nor the tree provides."""

    name: str
    path: str
    line: int
    cell: int | None
    dotted: tuple[str, ...]  # every dotted name imported from it (`google.cloud.storage`)
    tests_only: bool  # only test files import it
    notebooks_only: bool  # only notebooks import it


@dataclass(frozen=True)
class ProjectImports:
    """Required third-party imports, and every module imported at all (optional ones too)."""

    required: tuple[ThirdPartyImport, ...]
    imported: frozenset[str]  # third-party modules imported at all, optional ones too
    notebook_installs: tuple[tuple[str, str, int], ...]  # (package, notebook, line)
    notebooks_only: bool  # the project's code is notebooks only (no .py of its own)


def stdlib_names() -> frozenset[str]:
    """The standard library's top-level modules, on any Python the project may target."""
    return frozenset(sys.stdlib_module_names) | REMOVED_STDLIB


def local_names(repo: Repo) -> frozenset[str]:
    """Top-level names the tree itself provides: Python files' names and their folders."""
    names: set[str] = set()
    for entry in repo.files:
        if not entry.path.endswith(PYTHON_SOURCES):
            continue
        parts = entry.path.split("/")
        names.update(parts[:-1])
        names.add(parts[-1].split(".", 1)[0])
    return frozenset(names)


@repository_fact
def project_imports(repo: Repo) -> ProjectImports:
    """What the project's code (vendored folders aside) imports from outside the tree."""
    stdlib, local = stdlib_names(), local_names(repo)
    sites: dict[str, list[tuple[str, ImportSite]]] = {}
    imported: set[str] = set()
    installs: list[tuple[str, str, int]] = []
    has_python = False
    # Modules before notebooks, tests last: a finding points at the code that needs it most.
    for path in sorted(repo.facts, key=lambda p: (in_test_suite(p), p.endswith(".ipynb"), p)):
        if repo.is_vendored(path) or posixpath.basename(path) in NOT_PROJECT_CODE:
            continue
        facts = repo.facts[path]
        notebook = facts.notebook is not None
        if facts.python is not None:
            has_python = True
            found = facts.python.import_sites
        elif facts.notebook is not None:
            found = facts.notebook.import_sites
            installs.extend((name, path, line) for name, line in facts.notebook.pip_installs)
        else:
            continue
        for site in found:
            if site.name in stdlib or site.name in local:
                continue
            imported.add(site.name)
            if site.guarded:
                continue
            if site.dotted.startswith(RUNTIME_PROVIDED) or site.name in RUNTIME_PROVIDED:
                continue
            if notebook and site.name in NOTEBOOK_RUNTIME:
                continue
            sites.setdefault(site.name, []).append((path, site))
    required = []
    for name, uses in sites.items():
        path, first = uses[0]
        required.append(
            ThirdPartyImport(
                name,
                path,
                first.line,
                first.cell,
                tuple(sorted({site.dotted for _, site in uses})),
                tests_only=all(in_test_suite(p) for p, _ in uses),
                notebooks_only=all(p.endswith(".ipynb") for p, _ in uses),
            )
        )
    required.sort(key=lambda item: (item.path, item.line, item.name))
    return ProjectImports(tuple(required), frozenset(imported), tuple(installs), not has_python)
