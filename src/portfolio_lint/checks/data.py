"""Checks of the data family: absolute machine paths, committed data files, ignored data folders."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from pathspec import GitIgnoreSpec

from portfolio_lint.analysis.pipeline import path_scan_kind
from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FileFacts, Hit
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.base import FileEntry
from portfolio_lint.untrusted.parsers import load_yaml

MAX_PATH_FINDINGS = 200
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
    }
)
PLACEHOLDER_NAMES = frozenset(
    {".gitkeep", ".keep", ".gitignore", "readme", "readme.md", "readme.txt"}
)
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
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
MAX_POINTER_BYTES = 1024
MAX_DVC_YAML_CHARS = 256 * 1024


@check("no-absolute-paths")
def no_absolute_paths(repo: Repo) -> Verdict:
    """Code and config use no machine-specific absolute paths (home folders, drives, Colab)."""
    scanned = [f for f in repo.facts.values() if not f.is_binary and _path_scanned(f)]
    if not scanned:
        raise Skip("no code, notebook, config or shell files")
    findings: list[Finding] = []
    affected = 0
    for facts in sorted(scanned, key=lambda f: f.path):
        warnings = [hit for hit in facts.paths if hit.severity != "info"]
        affected += bool(warnings)
        findings.extend(_path_finding(facts.path, hit) for hit in facts.paths)
    summary = f"{affected} of {len(scanned)} scanned files use absolute machine paths"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(1 - affected / len(scanned), findings[:MAX_PATH_FINDINGS], summary)


def _path_scanned(facts: FileFacts) -> bool:
    return facts.path.lower().endswith(".ipynb") or path_scan_kind(facts.path) is not None


def _path_finding(path: str, hit: Hit) -> Finding:
    severity = Severity.INFO if hit.severity == "info" else None
    return Finding.at(
        path,
        hit.message,
        line=hit.line,
        column=hit.column,
        cell=hit.cell,
        severity=severity,
        evidence=hit.evidence,
        key=hit.key,
    )


@check("no-committed-data-files")
def no_committed_data_files(
    repo: Repo,
    *,
    max_file_bytes: int = 10_000_000,
    max_total_bytes: int = 50_000_000,
    max_images: int = 200,
) -> Verdict:
    """No large datasets or image sets committed to git without Git LFS or DVC."""
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
            folders[_top_data_folder(entry.path) or str(PurePosixPath(entry.path).parent)].append(
                entry
            )
    return [
        Finding.at(entries[0].path, f"{len(entries)} images committed under {folder}/")
        for folder, entries in sorted(folders.items())
        if len(entries) > max_images
    ]


def _top_data_folder(path: str, names: frozenset[str] = DATA_FOLDER_PARTS) -> str | None:
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if part.lower() in names:
            return "/".join(parts[: index + 1])
    return None


@check("data-dirs-ignored")
def data_dirs_ignored(repo: Repo) -> Verdict:
    """Folders of data, models and outputs are listed in .gitignore."""
    folders: dict[str, list[str]] = defaultdict(list)
    for entry in repo.files:
        folder = _top_data_folder(entry.path, DATA_DIR_NAMES)
        if folder and not repo.is_vendored(entry.path) and _holds_data(entry.path):
            folders[folder].append(entry.path)
    if not folders:
        # In a clone, an ignored data folder is simply absent: the ignore rule is what shows.
        if any(_ignored(repo, name, []) for name in sorted(DATA_DIR_NAMES)):
            return Verdict.passed("data folders are listed in .gitignore")
        raise Skip("no data, models, checkpoints or outputs folder with data in it")
    findings = [
        Finding.at(files[0], f"{folder}/ holds {len(files)} data files but is not in .gitignore")
        for folder, files in sorted(folders.items())
        if not _ignored(repo, folder, files)
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


@dataclass(frozen=True)
class _Storage:
    """What Git LFS (`filter=lfs` in .gitattributes) and DVC (`.dvc`, dvc.yaml outs) store."""

    lfs: GitIgnoreSpec | None
    dvc_outs: tuple[str, ...]

    def covers(self, path: str) -> bool:
        if self.lfs is not None and self.lfs.match_file(path):
            return True
        return any(path == out or path.startswith(out.rstrip("/") + "/") for out in self.dvc_outs)


def large_file_storage(repo: Repo) -> _Storage:
    """The repository's Git LFS patterns and DVC outputs."""
    patterns: list[str] = []
    outs: list[str] = []
    for entry in repo.files:
        name = PurePosixPath(entry.path).name
        folder = entry.path[: -len(name)]
        if name == ".gitattributes":
            patterns.extend(_lfs_patterns(repo.read_text(entry.path) or "", folder))
        elif name.endswith(".dvc") and name != ".dvc":
            outs.append(entry.path[: -len(".dvc")])
        elif name in ("dvc.yaml", "dvc.yml"):
            outs.extend(folder + out for out in _dvc_yaml_outs(repo.read_text(entry.path) or ""))
    spec = GitIgnoreSpec.from_lines(patterns) if patterns else None
    return _Storage(spec, tuple(outs))


def _lfs_patterns(text: str, folder: str) -> list[str]:
    found = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2 and not fields[0].startswith("#") and "filter=lfs" in fields[1:]:
            pattern = fields[0]
            # As in git: a pattern with a slash is anchored to the .gitattributes folder,
            # one without matches at any depth below it.
            anchored = "/" in pattern.rstrip("/")
            if anchored:
                found.append("/" + folder + pattern.lstrip("/"))
            else:
                found.append(f"/{folder}**/{pattern}" if folder else pattern)
    return found


def _dvc_yaml_outs(text: str) -> list[str]:
    data, _ = load_yaml(text, limit=MAX_DVC_YAML_CHARS)  # alias and depth bounds
    stages = data.get("stages") if isinstance(data, dict) else None
    outs: list[str] = []
    for stage in stages.values() if isinstance(stages, dict) else ():
        items = stage.get("outs") if isinstance(stage, dict) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, str):
                outs.append(item)
            elif isinstance(item, dict):
                outs.extend(str(key) for key in item)
    return [out.removeprefix("./") for out in outs]


def _is_lfs_pointer(repo: Repo, entry: FileEntry) -> bool:
    if entry.size > MAX_POINTER_BYTES:
        return False
    head = repo.read_bytes(entry.path, len(LFS_POINTER))
    return head is not None and head.startswith(LFS_POINTER)
