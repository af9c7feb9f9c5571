"""Rule DAT003 (data-dirs-ignored): its check, defaults and documentation."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.data_files import (
    committed_data,
    is_data_file,
    top_data_folder,
    within_limits,
)
from portfolio_lint.facts.large_files import large_file_storage
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.base import FileEntry

DATA_DIR_NAMES = frozenset({"data", "dataset", "datasets", "models", "checkpoints", "outputs"})

# Files that make a folder look like code or docs, not data: `src/data/make_dataset.py`,
# a Django `models/` package, a README or .gitkeep kept on purpose.
NOT_DATA_SUFFIXES = frozenset(
    {
        ".py",
        ".pyi",
        ".ipynb",
        ".md",
        ".rst",
        ".r",
        ".js",
        ".ts",
        ".sql",
        ".sh",
        ".toml",
        ".cfg",
        ".ini",
        ".yaml",
        ".yml",
        ".dvc",
        ".gitignore",
        ".gitkeep",
        ".keep",
        ".gitattributes",
        # code of a web front end in a `data/` route folder
        ".tsx",
        ".jsx",
        ".vue",
        ".svelte",
        ".css",
        ".scss",
        ".html",
        ".go",
        ".java",
        ".rs",
        ".rb",
        ".php",
    }
)

PLACEHOLDER_NAMES = frozenset(
    {".gitkeep", ".keep", ".gitignore", "readme", "readme.md", "readme.txt"}
)


@check("data-dirs-ignored", code="DAT003", weight=0.5, severity=Severity.INFO, role=Role.PROBLEM)
def data_dirs_ignored(repo: Repo) -> Verdict:
    """Folders of data, models and outputs are listed in .gitignore.

    Why it matters:
        Ignoring data/ and models/ folders keeps local datasets and checkpoints out of commits.

    How to fix:
        Add `data/` (and `models/`, `outputs/`) to .gitignore, keeping a small README or .gitkeep if
        needed.

    Bad:
        `data/raw/` and `models/` are committed and missing from .gitignore.

    Good:
        .gitignore lists `data/`, `models/` and `outputs/`; or `data/` holds only a small sample
        that no-committed-data-files accepts as committed on purpose (or `models/` the small
        model file an API loads).
    """
    folders: dict[str, list[FileEntry]] = defaultdict(list)
    on_purpose: set[str] = set()
    committed = committed_data(repo)
    git = any(entry.tracked for entry in repo.files)
    storage = large_file_storage(repo)
    for entry in repo.files:
        folder = top_data_folder(entry.path, DATA_DIR_NAMES)
        if not folder or repo.is_vendored(entry.path) or not _holds_data(entry.path):
            continue
        if (git and not entry.tracked) or storage.covers(entry.path):
            continue  # not in the repository, or DVC / Git LFS keep it (DVC ignores it for git)
        if committed.accepts(entry.path):
            on_purpose.add(folder)
        else:
            folders[folder].append(entry)
    # One policy with no-committed-data-files: data it accepts is committed on purpose, and so
    # is a folder of other small files within its limits (the model an API loads); data files
    # left over here broke those limits.
    small = [
        folder
        for folder, entries in folders.items()
        if within_limits(entries) and not any(is_data_file(e.path) for e in entries)
    ]
    for folder in small:
        on_purpose.add(folder)
        del folders[folder]
    if on_purpose and not folders:
        summary = f"{len(on_purpose)} data folders hold small files committed on purpose"
        return Verdict.passed(summary)
    if not folders:
        # In a clone, an ignored data folder is simply absent: the ignore rule is what shows.
        if any(_ignored(repo, name, []) for name in sorted(DATA_DIR_NAMES)):
            return Verdict.passed("data folders are listed in .gitignore")
        raise Skip("no data, models, checkpoints or outputs folder with data in it")
    findings = [
        Finding.at(
            files[0].path, f"{folder}/ holds {len(files)} data files but is not in .gitignore"
        )
        for folder, files in sorted(folders.items())
        if not _ignored(repo, folder, [e.path for e in files])
    ]
    summary = f"{len(folders) - len(findings)} of {len(folders)} data folders ignored"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(1 - len(findings) / len(folders), findings, summary)


def _holds_data(path: str) -> bool:
    pure = PurePosixPath(path.lower())
    return pure.name not in PLACEHOLDER_NAMES and pure.suffix not in NOT_DATA_SUFFIXES


def _ignored(repo: Repo, folder: str, files: list[str]) -> bool:
    if repo.is_ignored(folder + "/") or repo.is_ignored(folder + "/any-data-file.csv"):
        return True
    return bool(files) and all(repo.is_ignored(path) for path in files)
