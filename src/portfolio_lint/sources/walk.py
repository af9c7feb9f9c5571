"""Walk a plain folder, honouring .gitignore files (pathspec), without following symlinked dirs."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from pathspec import GitIgnoreSpec

from portfolio_lint.untrusted.reads import read_capped

MAX_IGNORE_BYTES = 256 * 1024
MAX_IGNORE_PATTERNS = 2_000
# Each `*` run becomes a backtracking `[^/]*` in the regex: cost grows as name_length ** stars,
# so `*a*a*a...*b` against a long name of a's would run for hours (git's own matcher too).
MAX_WILDCARD_RUNS = 3
MATCH_BUDGET_SECONDS = 10.0
WILDCARD_RUN = re.compile(r"\*+")


def too_complex(pattern: str) -> bool:
    """Whether a gitignore pattern has so many wildcards that matching it could backtrack."""
    return len(WILDCARD_RUN.findall(pattern)) > MAX_WILDCARD_RUNS


def load_ignore_spec(text: str, warnings: list[str], where: str) -> GitIgnoreSpec | None:
    """Compile .gitignore lines; too many or too large is a warning and the file is ignored."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    complex_lines = [line for line in lines if too_complex(line)]
    if complex_lines:
        warnings.append(
            f"{where}: {len(complex_lines)} pattern(s) with more than {MAX_WILDCARD_RUNS}"
            " wildcards not applied (matching them could take hours)"
        )
        lines = [line for line in lines if not too_complex(line)]
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
    budget = _Budget(MATCH_BUDGET_SECONDS, warnings)
    for current, dirs, files in os.walk(root, followlinks=False):
        here = Path(current)
        relative_dir = here.relative_to(root).as_posix()
        prefix = "" if relative_dir == "." else relative_dir + "/"
        if ".gitignore" in files:
            spec = _read_spec(root, prefix + ".gitignore", warnings)
            if spec is not None:
                specs.append((prefix, spec))
        active = [] if budget.spent() else [(b, s) for b, s in specs if prefix.startswith(b)]
        dirs[:] = sorted(
            d for d in dirs if not skip_dir(d, here / d) and not _ignored(prefix + d + "/", active)
        )
        for name in sorted(files):
            path = prefix + name
            if not _ignored(path, [] if budget.spent() else active):
                found.append(path)
                if len(found) >= max_files:
                    warnings.append(f"more than {max_files} files; the rest were not read")
                    return found
    return found


def _read_spec(root: Path, relative: str, warnings: list[str]) -> GitIgnoreSpec | None:
    # Through the safe reader: a .gitignore may be a FIFO or a symlink out of the repository.
    raw = read_capped(root, relative, MAX_IGNORE_BYTES + 1)
    if raw is None:
        return None
    if len(raw) > MAX_IGNORE_BYTES:
        warnings.append(f"{relative}: larger than {MAX_IGNORE_BYTES} bytes, not applied")
        return None
    return load_ignore_spec(raw.decode("utf-8", "replace"), warnings, relative)


class _Budget:
    """Time spent matching ignore patterns; once over, .gitignore stops being applied."""

    def __init__(self, seconds: float, warnings: list[str]) -> None:
        self.deadline = time.monotonic() + seconds
        self.warnings = warnings
        self.over = False

    def spent(self) -> bool:
        if not self.over and time.monotonic() > self.deadline:
            self.over = True
            self.warnings.append(".gitignore matching took too long; the rest was not filtered")
        return self.over


def _ignored(path: str, active: list[tuple[str, GitIgnoreSpec]]) -> bool:
    return any(spec.match_file(path[len(base) :]) for base, spec in active)
