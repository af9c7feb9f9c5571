"""Rule VCS006 (no-committed-junk): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections import defaultdict

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.checks.vcs._shared import MAX_FINDINGS
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo

# Folders that are junk as a whole, by name; `.idea/` only when it holds personal state
# (JetBrains shares codeStyles/, runConfigurations/ and misc files on purpose). `.vscode/` is
# never junk: settings.json, extensions.json and launch.json are committed to share them.
JUNK_DIRS = {
    "__pycache__": "Python bytecode cache",
    ".ipynb_checkpoints": "Jupyter checkpoints",
    "node_modules": "npm dependencies",
    ".pytest_cache": "pytest cache",
    ".mypy_cache": "mypy cache",
    ".ruff_cache": "ruff cache",
    ".tox": "tox environments",
    "htmlcov": "coverage HTML report",
    "mlruns": "MLflow local tracking store",
    "lightning_logs": "PyTorch Lightning run logs",
}

# `wandb/` is W&B's local run folder only when it holds runs; a package may be named wandb.
WANDB_RUN = re.compile(r"^(?:offline-)?run-|^latest-run$|^debug(?:-internal)?\.log$")

JUNK_FILES = {  # lower-cased name → (display name, description)
    ".ds_store": (".DS_Store", "macOS folder metadata"),
    "thumbs.db": ("Thumbs.db", "Windows thumbnail cache"),
    "desktop.ini": ("desktop.ini", "Windows folder settings"),
    ".coverage": (".coverage", "coverage data"),
}

ACTIVATE = re.compile(r"^(activate(\.(bat|ps1|csh|fish|nu))?|Activate\.ps1|activate_this\.py)$")

VENV_TOP_LEVEL = frozenset(
    {"bin", "Scripts", "lib", "lib64", "Lib", "include", "Include", "share", "pyvenv.cfg"}
)

IDEA_PERSONAL = re.compile(
    r"^(workspace\.xml|tasks\.xml|usage\.statistics\.xml|dataSources\.local\.xml|shelf/.*)$"
)


@check("no-committed-junk", code="VCS006", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def no_committed_junk(repo: Repo) -> Verdict:
    """No virtualenvs, caches, checkpoints, OS files or personal IDE state committed.

    Why it matters:
        Committed virtualenvs, __pycache__, .ipynb_checkpoints, .DS_Store, IDE folders and local run
        logs (mlruns/, wandb/, lightning_logs/) signal git habits a reviewer notices at once.

    How to fix:
        `git rm -r --cached` the listed paths and add them to .gitignore.

    Bad:
        `.venv/`, `__pycache__/`, `.DS_Store` and `.ipynb_checkpoints/` committed.

    Good:
        Those paths listed in .gitignore and removed with `git rm -r --cached`.
    """
    require_files(repo)
    tracked = [entry.path for entry in repo.files if entry.tracked]
    if not tracked:
        raise Skip("not a git repository: nothing is committed")
    venvs = {root for path in tracked if (root := _venv_root(path)) is not None}
    roots: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in tracked:
        found = _junk_root(path, venvs)
        if found is not None:
            roots[found].append(path)
    findings = [
        Finding.at(
            files[0],
            f"{root}: {len(files)} committed file{'s' * (len(files) > 1)} ({what})",
            key=root,
        )
        for (root, what), files in sorted(roots.items())
    ]
    total = sum(len(files) for files in roots.values())
    summary = f"{total} junk files in {len(roots)} places"
    return Verdict.from_findings(findings[:MAX_FINDINGS], summary=summary)


def _venv_root(path: str) -> str | None:
    """The folder of a committed virtualenv that `path` marks ("" at the root), else None."""
    parts = path.split("/")
    if parts[-1] == "pyvenv.cfg":
        return "/".join(parts[:-1])
    if "conda-meta" in parts[:-1]:  # a conda environment
        return "/".join(parts[: parts.index("conda-meta")])
    if len(parts) >= 2 and parts[-2] in ("bin", "Scripts") and ACTIVATE.match(parts[-1]):
        return "/".join(parts[:-2])
    if "site-packages" in parts[:-1]:
        index = parts.index("site-packages")
        # venv/Lib/site-packages (Windows) or venv/lib/python3.11/site-packages (POSIX)
        if index >= 1 and parts[index - 1].lower() == "lib":
            index -= 1
        elif index >= 2 and parts[index - 2].lower() in ("lib", "lib64"):
            index -= 2
        return "/".join(parts[:index])
    return None


def _junk_root(path: str, venvs: set[str]) -> tuple[str, str] | None:
    """The junk folder or kind `path` belongs to, with a description; None when it is fine."""
    for venv in venvs:
        if venv and path.startswith(venv + "/"):
            return f"{venv}/", "virtualenv"
    if "" in venvs and path.split("/")[0] in VENV_TOP_LEVEL:
        return "virtualenv at the root", "virtualenv"
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        root = "/".join(parts[: index + 1]) + "/"
        if part in JUNK_DIRS:
            return root, JUNK_DIRS[part]
        if part == "wandb" and WANDB_RUN.match(parts[index + 1]):
            return root, "Weights & Biases run files"
        if part.endswith(".egg-info"):
            return root, "packaging metadata"
        if part == ".idea" and IDEA_PERSONAL.match("/".join(parts[index + 1 :])):
            return root, "personal IDE state"
    name = parts[-1].lower()
    if name in JUNK_FILES:
        return JUNK_FILES[name]
    if name.endswith((".pyc", ".pyo")):
        return "*.pyc", "Python bytecode"
    return None
