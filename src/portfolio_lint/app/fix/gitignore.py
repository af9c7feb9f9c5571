"""`.gitignore` entries: Python caches, virtualenvs, `.env`, checkpoints, the data folders."""

from __future__ import annotations

import shlex
from pathlib import PurePosixPath

from pathspec import GitIgnoreSpec

from portfolio_lint.app.fix.change import Change, FixContext, appended
from portfolio_lint.app.fix.safety import read_existing
from portfolio_lint.facts.data_files import DATA_DIR_NAMES, NOT_DATA_SUFFIXES
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import suite_files

HEADER = "# Added by portfolio-lint fix\n"
# Files kept in an otherwise empty data folder on purpose: they do not make it hold data.
PLACEHOLDER_NAMES = frozenset(
    {".gitkeep", ".keep", ".gitignore", "readme", "readme.md", "readme.txt"}
)
# (pattern, a path it must ignore): a pattern is proposed only when its path is not ignored yet.
ALWAYS = (
    ("__pycache__/", "__pycache__/module.cpython-311.pyc"),
    ("*.py[cod]", "module.pyc"),
    (".venv/", ".venv/pyvenv.cfg"),
    ("venv/", "venv/pyvenv.cfg"),
    (".env", ".env"),
)
# Virtualenv names: one ignored means the author picked theirs, the other is not proposed.
VIRTUALENVS = frozenset({".venv/", "venv/"})
# Operating-system junk, ignored when the repository has some (committed or lying around).
JUNK = {".DS_Store": ".DS_Store", "Thumbs.db": "Thumbs.db", "desktop.ini": "desktop.ini"}
NOTEBOOKS = ((".ipynb_checkpoints/", ".ipynb_checkpoints/notebook-checkpoint.ipynb"),)
TESTS = (
    (".pytest_cache/", ".pytest_cache/README.md"),
    (".coverage", ".coverage"),
    ("htmlcov/", "htmlcov/index.html"),
)
# Folders that tools write runs and checkpoints to, ignored when the repository has them.
RUN_FOLDERS = frozenset({"lightning_logs", "wandb", "mlruns", "runs", "checkpoints", "outputs"})


def propose(context: FixContext) -> list[Change]:
    """The entries the root .gitignore lacks, appended in one block (or a new .gitignore)."""
    repo = context.repo
    wanted = list(ALWAYS)
    if any(repo.is_ignored(f"{name}pyvenv.cfg") for name in VIRTUALENVS):
        wanted = [(pattern, probe) for pattern, probe in wanted if pattern not in VIRTUALENVS]
    names = {PurePosixPath(entry.path).name for entry in repo.files}
    wanted += [(pattern, probe) for pattern, probe in JUNK.items() if pattern in names]
    if any(entry.path.endswith(".ipynb") for entry in repo.files):
        wanted += NOTEBOOKS
    if suite_files(repo):
        wanted += TESTS
    wanted += [(f"{folder}/", f"{folder}/any-file.csv") for folder in data_folders(repo)]
    # A folder another pattern hides (e.g. tracked `env/` code) is the author's decision.
    missing = [pattern for pattern, probe in wanted if not repo.is_ignored(probe)]
    if not missing:
        return []
    before = read_existing(context.root, ".gitignore")
    block = HEADER + "".join(f"{pattern}\n" for pattern in missing)
    _note_committed(context, missing)
    if before is None:
        return [Change(".gitignore", "gitignore", block)]
    return [Change(".gitignore", "gitignore", appended(before, block), before)]


def _note_committed(context: FixContext, patterns: list[str]) -> None:
    """An ignore pattern does not untrack a committed file: say how to (fix never deletes)."""
    spec = GitIgnoreSpec.from_lines(patterns)
    committed = [e.path for e in context.repo.files if e.tracked and spec.match_file(e.path)]
    if committed:
        shown = " ".join(shlex.quote(p) for p in committed[:5])
        more = f" (and {len(committed) - 5} more)" if len(committed) > 5 else ""
        secret = any(PurePosixPath(p).name == ".env" for p in committed)
        context.notes.append(
            f"gitignore: {len(committed)} committed file(s) match the new entries and stay"
            f" tracked: git rm --cached {shown}{more}"
            + ("; then revoke every key the committed .env holds" if secret else "")
        )


def data_folders(repo: Repo) -> list[str]:
    """Folders of data, models and runs the repository has (holding more than code or docs)."""
    found: set[str] = set()
    for entry in repo.files:
        parts = entry.path.split("/")
        for index, part in enumerate(parts[:-1]):
            name = part.lower()
            if name in DATA_DIR_NAMES or name in RUN_FOLDERS:
                if _holds_data(entry.path) and not repo.is_vendored(entry.path):
                    found.add("/".join(parts[: index + 1]))
                break
    return sorted(found)


def _holds_data(path: str) -> bool:
    pure = PurePosixPath(path.lower())
    return pure.name not in PLACEHOLDER_NAMES and pure.suffix not in NOT_DATA_SUFFIXES
