"""Committed data files and the one policy on them: small data committed on purpose is fine.

DAT002 (no large committed data) and DAT004 (data obtainable) ask this module, so a small CSV
that one rule accepts is never a failure in another. (DAT003, data folders ignored, was removed:
its last case of its own, a models/ or outputs/ folder over the total limit, is DAT002's now.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from portfolio_lint.core.repo_paths import parent_parts, path_suffix
from portfolio_lint.facts.large_files import LargeFileStorage, large_file_storage
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.sources.base import FileEntry

DATA_FOLDER_PARTS = frozenset({"data", "dataset", "datasets", "raw", "processed"})

DATA_SUFFIXES = frozenset(
    {
        ".csv",
        ".tsv",
        ".parquet",
        ".feather",
        ".arrow",
        ".xlsx",
        ".xls",
        ".h5",
        ".hdf5",
        ".npy",
        ".npz",
        ".jsonl",
        ".ndjson",
    }
)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".webp"})

# Only data in a data folder: `data/raw/processed.cleveland.data`, `data/spam.txt`.
FOLDER_DATA_SUFFIXES = frozenset(
    {".json", ".txt", ".data", ".arff", ".pkl", ".pickle", ".xml", ".zip", ".gz", ".tgz"}
)

# Folders of generated files: over the total limit they are data committed in bulk, whatever
# the suffix (`outputs/run-*/preds.txt`, `models/*.bin`); code and docs in them aside.
BULK_FOLDERS = frozenset({"models", "checkpoints", "outputs"})
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

LFS_POINTER = b"version https://git-lfs.github.com/spec/"

MAX_POINTER_BYTES = 1024

MAX_FILE_BYTES = 10_000_000
MAX_TOTAL_BYTES = 50_000_000
MAX_IMAGES = 200


@dataclass(frozen=True)
class DataLimits:
    """How much data may be committed on purpose (DAT002's options; the defaults everywhere)."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_images: int = MAX_IMAGES


@dataclass(frozen=True)
class Oversize:
    """One breach of the limits: the file to point at and what is wrong."""

    path: str
    message: str


@dataclass(frozen=True)
class CommittedData:
    """Tracked data files outside Git LFS and DVC, and where they break the limits."""

    files: tuple[FileEntry, ...]
    oversize: tuple[Oversize, ...]
    paths: frozenset[str] = frozenset()

    @property
    def small_on_purpose(self) -> bool:
        """Data is committed and all of it is within the limits: a deliberate, small sample."""
        return bool(self.files) and not self.oversize

    def accepts(self, path: str) -> bool:
        """`path` is committed data that the policy accepts (so no rule should fail it)."""
        return self.small_on_purpose and path in self.paths


def top_data_folder(path: str, names: frozenset[str] = DATA_FOLDER_PARTS) -> str | None:
    """The outermost folder of `path` named like a data folder (data/, datasets/...), or None."""
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if part.lower() in names:
            return "/".join(parts[: index + 1])
    return None


def is_data_file(path: str) -> bool:
    """A tabular or array data file anywhere, or an image or JSON file in a data folder."""
    lowered = path.lower()
    suffix = path_suffix(lowered)
    if suffix in DATA_SUFFIXES:
        return True
    in_data_folder = any(part in DATA_FOLDER_PARTS for part in parent_parts(lowered))
    return in_data_folder and (suffix in IMAGE_SUFFIXES or suffix in FOLDER_DATA_SUFFIXES)


@repository_fact
def committed_data(repo: Repo, limits: DataLimits = DataLimits()) -> CommittedData:
    """Tracked data files not stored by Git LFS or DVC, judged against `limits`."""
    git = any(entry.tracked for entry in repo.files)
    storage = large_file_storage(repo)
    found = [
        entry
        for entry in repo.files
        if not (git and not entry.tracked)
        and not repo.is_vendored(entry.path)
        and is_data_file(entry.path)
        and not storage.covers(entry.path)
        and not _is_lfs_pointer(repo, entry)
    ]
    paths = frozenset(entry.path for entry in found)
    oversize = [*_oversize(found, limits), *_bulk_folders(repo, git, storage, paths, limits)]
    return CommittedData(tuple(found), tuple(oversize), paths)


def _bulk_folders(
    repo: Repo, git: bool, storage: LargeFileStorage, data: frozenset[str], limits: DataLimits
) -> list[Oversize]:
    """models/, checkpoints/ or outputs/ folders whose other committed files break the total."""
    folders: dict[str, list[FileEntry]] = defaultdict(list)
    for entry in repo.files:
        folder = top_data_folder(entry.path, BULK_FOLDERS)
        if (
            folder
            and entry.path not in data
            and not (git and not entry.tracked)
            and PurePosixPath(entry.path.lower()).suffix not in NOT_DATA_SUFFIXES
            and not repo.is_vendored(entry.path)
            and not storage.covers(entry.path)
        ):
            folders[folder].append(entry)
    return [
        Oversize(
            max(entries, key=lambda e: e.size).path,
            f"{_mb(sum(e.size for e in entries))} of files committed under {folder}/ without"
            " Git LFS or DVC (ignore the folder, or track it)",
        )
        for folder, entries in sorted(folders.items())
        if sum(e.size for e in entries) > limits.max_total_bytes
    ]


def _oversize(committed: list[FileEntry], limits: DataLimits) -> list[Oversize]:
    found = [
        Oversize(e.path, f"Data file of {_mb(e.size)} committed without Git LFS or DVC")
        for e in committed
        if e.size > limits.max_file_bytes
    ]
    tabular = [e for e in committed if PurePosixPath(e.path).suffix.lower() in DATA_SUFFIXES]
    total = sum(e.size for e in tabular)
    if total > limits.max_total_bytes and not found:
        largest = max(committed, key=lambda e: e.size)
        message = f"{_mb(total)} of data files committed without Git LFS or DVC"
        found.append(Oversize(largest.path, message))
    found.extend(_image_sets(committed, limits.max_images))
    return found


def _image_sets(committed: list[FileEntry], max_images: int) -> list[Oversize]:
    folders: dict[str, list[FileEntry]] = defaultdict(list)
    for entry in committed:
        if PurePosixPath(entry.path).suffix.lower() in IMAGE_SUFFIXES:
            parent = str(PurePosixPath(entry.path).parent)
            folders[top_data_folder(entry.path) or parent].append(entry)
    return [
        Oversize(entries[0].path, f"{len(entries)} images committed under {folder}/")
        for folder, entries in sorted(folders.items())
        if len(entries) > max_images
    ]


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _is_lfs_pointer(repo: Repo, entry: FileEntry) -> bool:
    if entry.size > MAX_POINTER_BYTES:
        return False
    head = repo.read_bytes(entry.path, len(LFS_POINTER))
    return head is not None and head.startswith(LFS_POINTER)
