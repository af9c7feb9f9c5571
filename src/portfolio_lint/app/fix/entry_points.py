"""The commands that run a project, found in its files: what README's Usage can show."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from portfolio_lint.facts.dependencies import dependency_files, entry_points
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.testing_paths import holds_tests

FASTAPI_APP = re.compile(r"^(\w+)\s*(?::\s*\w+\s*)?=\s*(?:fastapi\.)?FastAPI\(", re.MULTILINE)
MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*["']__main__["']\s*:""", re.MULTILINE)
# A top-level statement that does work (a call, a loop): `model.fit(X, y)`, `df = load()`.
TOP_LEVEL_WORK = re.compile(
    r"^(?!(?:def|class|import|from|async|if|try|except|else)\b)[A-Za-z_].*\(", re.MULTILINE
)
NOT_SCRIPTS = frozenset({"setup.py", "conftest.py", "noxfile.py", "__init__.py", "manage.py"})
MAX_COMMANDS = 6


def run_commands(repo: Repo) -> list[tuple[str, str]]:
    """(command, what it is) for each way to run the project found, apps first."""
    found: list[tuple[str, str]] = []
    imported = _imported_names(repo)
    for path, facts in sorted(repo.facts.items()):
        python = facts.python
        if python is None or not path.endswith(".py") or holds_tests(path):
            continue
        if repo.is_vendored(path):
            continue
        stem = PurePosixPath(path).stem
        if "streamlit" in python.imports:
            # An app is a file nothing imports; `pages/` are reached from the app.
            if stem not in imported and "pages/" not in path and "components/" not in path:
                found.append((f"streamlit run {path}", "the Streamlit app"))
            continue
        text = repo.read_text(path) or ""
        app = FASTAPI_APP.search(text)
        if app:
            found.append((f"{_uvicorn(path)}:{app.group(1)} --reload", "the API"))
            continue
        name = PurePosixPath(path).name
        if name == "__main__.py" and "/" in path:
            package = _module(path.rpartition("/")[0] + "/x.py").rpartition(".")[0]
            found.append((f"python -m {package}", f"the {package} package"))
        elif name not in NOT_SCRIPTS and _is_script(path, text, imported):
            found.append((f"python {path}", f"`{path}`"))
    for script in sorted(entry_points(dependency_files(repo))):
        found.append((f"{script} --help", "the installed command"))
    return found[:MAX_COMMANDS]


def _is_script(path: str, text: str, imported: set[str]) -> bool:
    """A file run directly: a `__main__` guard, or top-level work in a root or scripts/ file
    no other file imports."""
    if MAIN_GUARD.search(text):
        return True
    top = path.count("/") == 0 or path.startswith("scripts/")
    return top and PurePosixPath(path).stem not in imported and bool(TOP_LEVEL_WORK.search(text))


def _imported_names(repo: Repo) -> set[str]:
    names: set[str] = set()
    for facts in repo.facts.values():
        if facts.python is not None:
            for module in facts.python.imports:
                names.update(module.split("."))
    return names


def _uvicorn(path: str) -> str:
    """`uvicorn module` for a file, with `--app-dir` when its folders are not a package path
    (`ml-service/app.py` cannot be imported as `ml-service.app`)."""
    module = _module(path)
    if all(part.isidentifier() for part in module.split(".")):
        return f"uvicorn {module}"
    folder, _, name = path.rpartition("/")
    return f"uvicorn --app-dir {folder} {name[: -len('.py')]}"


def _module(path: str) -> str:
    """The dotted module a file is imported as (`src/` layouts without the `src`)."""
    parts = path[: -len(".py")].split("/")
    if len(parts) > 1 and parts[0] == "src":
        parts = parts[1:]
    return ".".join(parts)
