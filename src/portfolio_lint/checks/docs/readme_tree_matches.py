"""Rule DOC009 (readme-tree-matches): its check, defaults and documentation."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from portfolio_lint.checks.docs._shared import require_readme
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.readme_tree import TreeEntry, structure_blocks, tree_entries
from portfolio_lint.facts.repo import Repo

# Folders whose contents are produced or downloaded, not committed: a tree may show them.
GENERATED_DIRS = (
    "data",
    "datasets",
    "dataset",
    "models",
    "model",
    "artifacts",
    "artefacts",
    "outputs",
    "output",
    "mlruns",
    "mlartifacts",
    "logs",
    "checkpoints",
    "runs",
    "wandb",
    "reports",
    "results",
    "figures",
    "plots",
    "saved_models",
    "weights",
    "cache",
    ".venv",
    "venv",
    "env",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    "build",
    "dist",
)
# Files that are outputs or secrets by their name, never expected in the tree.
GENERATED_FILES = re.compile(
    r"\.(?:pt|pth|pkl|pickle|joblib|h5|hdf5|onnx|ckpt|safetensors|bin|npy|npz|parquet|csv|"
    r"tsv|db|sqlite3?|log|zip|tar|gz|faiss|index)$|^\.env$",
    re.IGNORECASE,
)
PRODUCED_NOTE = re.compile(
    r"generat|creat|download|produc|not (?:committed|tracked|included|in git)|ignored|"
    r"output|auto|will be|after|saved|written|local|optional|example|placeholder",
    re.IGNORECASE,
)


@check("readme-tree-matches", code="DOC009", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def readme_tree_matches(repo: Repo, *, min_entries: int = 3) -> Verdict:
    """The project structure the README draws lists files that exist.

    Why it matters:
        A structure tree is the map a reviewer reads first; files it lists that are not in the
        repository say the README describes another version of the project.

    How to fix:
        Redraw the tree from the committed files (`tree -I '.venv|__pycache__'`), or mark what is
        produced later with a comment (`models/  # created by train.py`).

    Bad:
        The tree draws `├── src/` with `│   └── evaluate.py`; there is no src/evaluate.py.

    Good:
        The tree lists the committed files; `data/` and `models/*.pt`, produced by the pipeline,
        are marked as such or gitignored.
    """
    readme = require_readme(repo)
    checked: list[TreeEntry] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for block in structure_blocks(readme):
        entries = _rooted(repo, readme.folder, tree_entries(block))
        if len(entries) < min_entries:
            continue
        for entry in entries:
            if entry.path in seen or _exempt(repo, entry):
                continue  # two trees of one README may list the same file
            seen.add(entry.path)
            checked.append(entry)
            if not _exists(repo, readme.folder, entry.path):
                findings.append(_finding(repo, readme.path, entry))
    if not checked:
        raise Skip("the README draws no project structure")
    return Verdict.partial(
        1 - len(findings) / len(checked),
        findings,
        f"{len(checked) - len(findings)}/{len(checked)} entries of the README's tree exist",
    )


def _rooted(repo: Repo, folder: str, entries: Sequence[TreeEntry]) -> list[TreeEntry]:
    """Entries below the repository: a root line that is not a folder of it is its name."""
    if not entries:
        return []
    first = entries[0]
    is_root = (
        first.has_children
        and "/" not in first.path
        and all(e.path.startswith(first.path + "/") for e in entries[1:])
    )
    if not is_root or (first.path not in (".", "") and _exists(repo, folder, first.path)):
        return list(entries)
    cut = len(first.path) + 1
    return [
        TreeEntry(e.path[cut:], e.line, e.is_dir, e.path_like, e.has_children, e.note)
        for e in entries[1:]
    ]


def _exempt(repo: Repo, entry: TreeEntry) -> bool:
    """Entries a tree may show without committing them: empty folders, outputs, secrets."""
    if not entry.path_like:
        return True  # `GET`, `Age`: a word in the drawing, not a file name
    if entry.is_dir and not entry.has_children:
        return True  # git records no empty folder; `models/` alone is where outputs go
    parts = entry.path.split("/")
    name = parts[-1]
    folders = parts if entry.is_dir else parts[:-1]
    if any(part.lower() in GENERATED_DIRS for part in folders if part):
        return True
    if GENERATED_FILES.search(name) or PRODUCED_NOTE.search(entry.note):
        return True
    return repo.is_ignored(entry.path) or repo.is_ignored(entry.path + "/")


def _exists(repo: Repo, folder: str, path: str) -> bool:
    """In the tree at the root or below the README's folder; letter case aside (`Readme.md`)."""
    candidates = [path, posixpath.join(folder, path)] if folder else [path]
    if any(repo.exists(p) or repo.exists_dir(p) for p in candidates):
        return True
    lowered = _lowered_paths(repo)
    return any(p.lower() in lowered for p in candidates)


def _lowered_paths(repo: Repo) -> frozenset[str]:
    """Every file and folder path in lower case, computed once per lint."""

    def compute() -> frozenset[str]:
        paths: set[str] = set()
        for entry in repo.files:
            parts = entry.path.lower().split("/")
            paths.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
        return frozenset(paths)

    return repo.memo(("readme-tree", "lowered-paths"), compute)


def _finding(repo: Repo, readme: str, entry: TreeEntry) -> Finding:
    kind = "folder" if entry.is_dir else "file"
    name = entry.path.rsplit("/", 1)[-1]
    match = next(
        (e.path for e in repo.files if not entry.is_dir and e.path.rsplit("/", 1)[-1] == name),
        None,
    )
    hint = f" (did you mean {match}?)" if match else ""
    message = f"The README's tree lists {kind} {entry.path}, which does not exist{hint}"
    return Finding.at(readme, message, line=entry.line, key=entry.path)
