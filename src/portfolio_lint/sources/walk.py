"""Walk a plain folder, honouring .gitignore files (pathspec), without following symlinked dirs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pathspec import GitIgnoreSpec

MAX_IGNORE_BYTES = 256 * 1024
MAX_IGNORE_PATTERNS = 2_000


def load_ignore_spec(text: str, warnings: list[str], where: str) -> GitIgnoreSpec | None:
    """Compile .gitignore lines; too many or too large is a warning and the file is ignored."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if len(lines) > MAX_IGNORE_PATTERNS:
        warnings.append(f"{where}: more than {MAX_IGNORE_PATTERNS} patterns, not applied")
        return None
    try:
        return GitIgnoreSpec.from_lines(lines)
    except Exception as error:  # pathspec raises several types on malformed patterns
        warnings.append(f"{where}: unusable pattern ({error}), not applied")
        return None


def walk_folder(
    root: Path,
    skip_dir: Callable[[str, Path], bool],
    warnings: list[str],
    max_files: int,
) -> list[str]:
    """Relative POSIX paths of files below `root` that no .gitignore excludes."""
    specs: list[tuple[str, GitIgnoreSpec]] = []
    found: list[str] = []
    for current, dirs, files in os.walk(root, followlinks=False):
        here = Path(current)
        relative_dir = here.relative_to(root).as_posix()
        prefix = "" if relative_dir == "." else relative_dir + "/"
        if ".gitignore" in files:
            spec = _read_spec(here / ".gitignore", warnings, prefix + ".gitignore")
            if spec is not None:
                specs.append((prefix, spec))
        active = [(base, spec) for base, spec in specs if prefix.startswith(base)]
        dirs[:] = sorted(
            d for d in dirs
            if not skip_dir(d, here / d) and not _ignored(prefix + d + "/", active)
        )
        for name in sorted(files):
            path = prefix + name
            if not _ignored(path, active):
                found.append(path)
                if len(found) >= max_files:
                    warnings.append(f"more than {max_files} files; the rest were not read")
                    return found
    return found


def _read_spec(path: Path, warnings: list[str], where: str) -> GitIgnoreSpec | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_IGNORE_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_IGNORE_BYTES:
        warnings.append(f"{where}: larger than {MAX_IGNORE_BYTES} bytes, not applied")
        return None
    return load_ignore_spec(raw.decode("utf-8", "replace"), warnings, where)


def _ignored(path: str, active: list[tuple[str, GitIgnoreSpec]]) -> bool:
    return any(spec.match_file(path[len(base):]) for base, spec in active)
