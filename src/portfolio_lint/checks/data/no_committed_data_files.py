"""Rule DAT002 (no-committed-data-files): its check, defaults and documentation."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from portfolio_lint.checks.data._shared import (
    DATA_FOLDER_PARTS,
    top_data_folder,
)
from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.large_files import large_file_storage
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.base import FileEntry

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

LFS_POINTER = b"version https://git-lfs.github.com/spec/"

MAX_POINTER_BYTES = 1024


@check("no-committed-data-files", code="DAT002", weight=2, severity=Severity.WARNING)
def no_committed_data_files(
    repo: Repo,
    *,
    max_file_bytes: int = 10_000_000,
    max_total_bytes: int = 50_000_000,
    max_images: int = 200,
) -> Verdict:
    """No large datasets or image sets committed to git without Git LFS or DVC.

    Why it matters:
        Large CSV, parquet and image sets bloat the repository forever; data belongs in DVC, Git LFS
        or a download script.

    How to fix:
        Remove the data from git, track it with DVC or Git LFS, and document how to get it.

    Bad:
        A 300 MB `data/train.csv` committed to git.

    Good:
        `data/train.csv.dvc` tracked by DVC, and a README line on how to download the data.
    """
    require_files(repo)
    committed = _committed_data(repo)
    findings = [
        Finding.at(e.path, f"Data file of {_mb(e.size)} committed without Git LFS or DVC")
        for e in committed
        if e.size > max_file_bytes
    ]
    total = sum(e.size for e in committed if PurePosixPath(e.path).suffix.lower() in DATA_SUFFIXES)
    if total > max_total_bytes and not findings:
        largest = max(committed, key=lambda e: e.size)
        message = f"{_mb(total)} of data files committed without Git LFS or DVC"
        findings.append(Finding.at(largest.path, message))
    findings.extend(_image_sets(committed, max_images))
    summary = f"{len(committed)} data files committed outside Git LFS and DVC"
    return Verdict.from_findings(findings, summary)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _committed_data(repo: Repo) -> list[FileEntry]:
    """Tracked data files (every file in a plain folder) not stored by Git LFS or DVC."""
    git = any(entry.tracked for entry in repo.files)
    storage = large_file_storage(repo)
    found = []
    for entry in repo.files:
        if (git and not entry.tracked) or repo.is_vendored(entry.path):
            continue
        if _is_data_file(entry.path) and not storage.covers(entry.path):
            found.append(entry)
    return [e for e in found if not _is_lfs_pointer(repo, e)]


def _is_data_file(path: str) -> bool:
    pure = PurePosixPath(path.lower())
    if pure.suffix in DATA_SUFFIXES:
        return True
    in_data_folder = any(part in DATA_FOLDER_PARTS for part in pure.parts[:-1])
    return in_data_folder and (pure.suffix in IMAGE_SUFFIXES or pure.suffix == ".json")


def _image_sets(committed: list[FileEntry], max_images: int) -> list[Finding]:
    folders: dict[str, list[FileEntry]] = defaultdict(list)
    for entry in committed:
        if PurePosixPath(entry.path).suffix.lower() in IMAGE_SUFFIXES:
            folders[top_data_folder(entry.path) or str(PurePosixPath(entry.path).parent)].append(
                entry
            )
    return [
        Finding.at(entries[0].path, f"{len(entries)} images committed under {folder}/")
        for folder, entries in sorted(folders.items())
        if len(entries) > max_images
    ]


def _is_lfs_pointer(repo: Repo, entry: FileEntry) -> bool:
    if entry.size > MAX_POINTER_BYTES:
        return False
    head = repo.read_bytes(entry.path, len(LFS_POINTER))
    return head is not None and head.startswith(LFS_POINTER)
