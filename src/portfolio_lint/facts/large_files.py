"""Where a repository keeps its large files: Git LFS patterns and DVC outputs."""

from __future__ import annotations

from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from portfolio_lint.core.repo_paths import path_name
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.untrusted.parsers import load_yaml

MAX_DVC_YAML_CHARS = 256 * 1024


@dataclass(frozen=True)
class LargeFileStorage:
    """What Git LFS (`filter=lfs` in .gitattributes) and DVC (`.dvc`, dvc.yaml outs) store."""

    lfs: GitIgnoreSpec | None
    dvc_outs: tuple[str, ...]

    def covers(self, path: str) -> bool:
        """Whether `path` is stored by Git LFS or is (below) a DVC output."""
        if self.lfs is not None and self.lfs.match_file(path):
            return True
        return any(path == out or path.startswith(out.rstrip("/") + "/") for out in self.dvc_outs)


@repository_fact
def large_file_storage(repo: Repo) -> LargeFileStorage:
    """The repository's Git LFS patterns and DVC outputs, read once per lint."""
    patterns: list[str] = []
    outs: list[str] = []
    for entry in repo.files:
        name = path_name(entry.path)
        folder = entry.path[: -len(name)]
        if name == ".gitattributes":
            patterns.extend(lfs_patterns(repo.read_text(entry.path) or "", folder))
        elif name.endswith(".dvc") and name != ".dvc":
            outs.append(entry.path[: -len(".dvc")])
        elif name in ("dvc.yaml", "dvc.yml"):
            outs.extend(folder + out for out in dvc_yaml_outs(repo.read_text(entry.path) or ""))
    spec = GitIgnoreSpec.from_lines(patterns) if patterns else None
    return LargeFileStorage(spec, tuple(outs))


def lfs_patterns(text: str, folder: str) -> list[str]:
    """The `filter=lfs` patterns of a .gitattributes in `folder`, as root-relative globs."""
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


def dvc_yaml_outs(text: str) -> list[str]:
    """The `outs` of every stage of a dvc.yaml (bounded parse)."""
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
