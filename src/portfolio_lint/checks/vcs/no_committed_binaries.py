"""Rule VCS005 (no-committed-binaries): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import MAX_FINDINGS, committed_files, human_size
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.large_files import large_file_storage
from portfolio_lint.facts.repo import Repo
from portfolio_lint.untrusted.reads import SNIFF_BYTES, looks_binary

LFS_POINTER = b"version https://git-lfs.github.com/spec/"

BINARY_SUFFIXES = (
    ".pkl",
    ".pickle",
    ".joblib",
    ".h5",
    ".hdf5",
    ".keras",
    ".pt",
    ".pth",
    ".ckpt",
    ".safetensors",
    ".onnx",
    ".pb",
    ".tflite",
    ".npy",
    ".npz",
    ".sav",
    ".bin",
    ".gguf",
    ".caffemodel",
    ".zip",
    ".tar",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".7z",
    ".rar",
)

# Magic numbers of the formats above whose bytes can look like text to the NUL sniff.
BINARY_MAGIC = (
    b"\x80\x02",
    b"\x80\x03",
    b"\x80\x04",
    b"\x80\x05",  # pickle protocols 2-5
    b"PK\x03\x04",
    b"\x89HDF\r\n\x1a\n",
    b"\x93NUMPY",
    b"\x1f\x8b",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"BZh",
    b"\xfd7zXZ\x00",
)


@check(
    "no-committed-binaries", code="VCS005", weight=1, severity=Severity.WARNING, role=Role.PROBLEM
)
def no_committed_binaries(repo: Repo, *, min_kb: float = 100) -> Verdict:
    """No model weights, pickles, arrays or archives committed outside Git LFS or DVC.

    Why it matters:
        Model weights, pickles and archives in git cannot be diffed or reviewed, and pickles run
        code when loaded.

    How to fix:
        Track model files with Git LFS or DVC, or provide a script that downloads them.

    Bad:
        `models/best.pkl` and `data.npy` committed as plain git blobs.

    Good:
        `models/best.pkl` tracked by DVC, or a `download_model.py` that fetches it.
    """
    require_files(repo)
    storage = large_file_storage(repo)
    binaries = [
        entry
        for entry in committed_files(repo)
        if entry.path.lower().endswith(BINARY_SUFFIXES)
        and entry.size >= min_kb * 1024
        and not repo.is_vendored(entry.path)
        and not storage.covers(entry.path)
        and _is_binary_content(repo, entry.path)
    ]
    binaries.sort(key=lambda e: -e.size)
    findings = [
        Finding.at(
            e.path,
            f"Binary {_kind(e.path)} of {human_size(e.size)} committed: track it with "
            "Git LFS or DVC, or download it in a script",
        )
        for e in binaries[:MAX_FINDINGS]
    ]
    return Verdict.from_findings(findings, summary=f"{len(binaries)} binary model/data files")


def _is_binary_content(repo: Repo, path: str) -> bool:
    """Judge the bytes, not the name: LFS pointers and text saved as `.pkl` are not binaries."""
    head = repo.read_bytes(path, SNIFF_BYTES)
    if head is None or head.startswith(LFS_POINTER):
        return False
    return head.startswith(BINARY_MAGIC) or looks_binary(head)


def _kind(path: str) -> str:
    name = path.lower()
    if name.endswith((".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")):
        return "archive"
    if name.endswith((".pkl", ".pickle", ".joblib", ".sav")):
        return "pickle"
    if name.endswith((".npy", ".npz", ".h5", ".hdf5")):
        return "array file"
    return "model file"
