"""Checks of version-control hygiene in the current tree: .gitignore, licence, big files, junk."""

from __future__ import annotations

import re
from collections import defaultdict

from portfolio_lint.checks.data import large_file_storage
from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.base import FileEntry
from portfolio_lint.untrusted.reads import SNIFF_BYTES, looks_binary

MAX_FINDINGS = 30
MIB = 1024 * 1024
# LICENSE, LICENCE.md, COPYING.LESSER, LICENSE-MIT, LICENSE_APACHE-2.0, UNLICENSE...
LICENSE_STEM = re.compile(r"^((un)?licen[cs]es?|copying)([-_.][a-z0-9]+([.-][a-z0-9]+)*)?$")
LICENSE_DOC_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".rst", ".adoc", ".org", ".html"})
NOT_LICENSE_SUFFIXES = frozenset(
    {
        ".py",
        ".ipynb",
        ".js",
        ".ts",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".csv",
        ".sh",
        ".r",
        ".png",
        ".jpg",
        ".jpeg",
        ".pdf",
    }
)
# A licence claimed in the README: a "License" heading, "licensed under", "MIT License",
# "License: MIT" (badges too); a dataset's licence named in passing is not a claim.
LICENSE_IDS = r"(MIT|Apache|GPL|LGPL|AGPL|BSD|MPL|Unlicense|CC0|CC[- ]BY[\w.-]*|Creative Commons)"
LICENSE_WORD = (
    r"(?:licen[cs]e|licencia|licen[çc]a|lizenz|лицензи\w*|许可证?|授权协议|ライセンス"
    r"|라이선스)"
)
README_LICENSE = re.compile(
    rf"licen[cs]ed\s+under|\b{LICENSE_IDS}\b[\w .-]{{0,20}}{LICENSE_WORD}"
    rf"|{LICENSE_WORD}\W{{1,3}}{LICENSE_IDS}",
    re.IGNORECASE,
)
LICENSE_HEADING = re.compile(
    r"licen[cs]|licen[çc]a|lizenz|лицензи|许可|授权|ライセンス|라이선스", re.IGNORECASE
)
ENV_NEGATION = re.compile(r"^!(/|\*\*/)?\.env$")
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


def _committed(repo: Repo) -> list[FileEntry]:
    """Tracked files in a git repository; every file of a plain folder (a snapshot)."""
    if any(entry.tracked for entry in repo.files):
        return [entry for entry in repo.files if entry.tracked]
    return list(repo.files)


def _size(size: int) -> str:
    return f"{size / MIB:.1f} MB" if size >= MIB / 10 else f"{size / 1024:.0f} KB"


@check("gitignore-present")
def gitignore_present(repo: Repo) -> Verdict:
    """The repository has a root .gitignore with at least one pattern."""
    if not repo.exists(".gitignore"):
        return Verdict.failed(Finding("No .gitignore at the repository root"))
    text = repo.read_text(".gitignore")
    if text is None:
        return Verdict.failed(Finding.at(".gitignore", ".gitignore is binary or unreadable"))
    patterns = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not patterns:
        return Verdict.failed(Finding.at(".gitignore", ".gitignore is empty (no patterns)"))
    return Verdict.passed(f".gitignore has {len(patterns)} patterns")


@check("gitignore-env")
def gitignore_env(repo: Repo) -> Verdict:
    """The root .gitignore ignores `.env` files."""
    if not repo.exists(".gitignore"):
        raise Skip("no .gitignore (see gitignore-present)")
    if repo.is_ignored(".env"):
        return Verdict.passed()
    text = repo.read_text(".gitignore") or ""
    negated = next(
        (n for n, line in enumerate(text.splitlines(), 1) if ENV_NEGATION.match(line.strip())),
        None,
    )
    if negated is not None:
        message = "`.env` is un-ignored by a negation pattern in .gitignore"
        return Verdict.failed(Finding.at(".gitignore", message, line=negated))
    return Verdict.failed(Finding.at(".gitignore", "`.env` is not ignored by .gitignore"))


@check("license-present")
def license_present(repo: Repo) -> Verdict:
    """The repository has a licence file at its root (LICENSE, LICENCE.md, COPYING...)."""
    found = [e for e in repo.files if "/" not in e.path and _is_licence_name(e.path)]
    non_empty = [e for e in found if e.size > 0]
    if non_empty:
        return Verdict.passed(f"licence in {non_empty[0].path}")
    if repo.metadata is not None and repo.metadata.license:
        return Verdict.passed(f"licence detected by the host: {repo.metadata.license}")
    if found:
        return Verdict.failed(Finding.at(found[0].path, f"{found[0].path} is empty"))
    claim = _readme_licence_claim(repo)
    if claim is not None:
        message = "A licence is only mentioned in the README; add a LICENSE file with its text"
        return Verdict.failed(Finding.at(claim[0], message, line=claim[1]))
    return Verdict.failed(Finding("No LICENSE file at the repository root"))


def _is_licence_name(name: str) -> bool:
    lowered = name.lower()
    suffix = lowered[lowered.rfind(".") :] if "." in lowered else ""
    if suffix in NOT_LICENSE_SUFFIXES:  # license_plate.py, licenses.json
        return False
    stem = lowered[: -len(suffix)] if suffix in LICENSE_DOC_SUFFIXES else lowered
    return bool(LICENSE_STEM.match(stem))


def _readme_licence_claim(repo: Repo) -> tuple[str, int] | None:
    readme = repo.readme
    if readme is None:
        return None
    for heading in readme.headings:
        if LICENSE_HEADING.search(heading.text):
            return readme.path, heading.line
    for number, line in enumerate(readme.text.splitlines(), 1):
        if README_LICENSE.search(line):
            return readme.path, number
    return None


@check("no-large-files")
def no_large_files(repo: Repo, *, max_mb: float = 10) -> Verdict:
    """No committed file is larger than `max-mb` megabytes (MiB)."""
    require_files(repo)
    limit = max_mb * MIB
    large = sorted((e for e in _committed(repo) if e.size > limit), key=lambda e: -e.size)
    findings = [
        Finding.at(
            e.path,
            f"{_size(e.size)} file committed (limit {max_mb:g} MB): "
            "use Git LFS or DVC, or publish it as a release asset",
        )
        for e in large[:MAX_FINDINGS]
    ]
    return Verdict.from_findings(findings, summary=f"{len(large)} files over {max_mb:g} MB")


@check("no-committed-binaries")
def no_committed_binaries(repo: Repo, *, min_kb: float = 100) -> Verdict:
    """No model weights, pickles, arrays or archives committed outside Git LFS or DVC."""
    require_files(repo)
    storage = large_file_storage(repo)
    binaries = [
        entry
        for entry in _committed(repo)
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
            f"Binary {_kind(e.path)} of {_size(e.size)} committed: track it with "
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


@check("no-committed-junk")
def no_committed_junk(repo: Repo) -> Verdict:
    """No virtualenvs, caches, checkpoints, OS files or personal IDE state committed."""
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
