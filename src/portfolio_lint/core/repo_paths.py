"""The name and suffix of a repository path, as `PurePosixPath` gives them, without building one.

Rules and facts ask this of every file of a repository, several times each; a `PurePosixPath`
costs a parse per call. Repository paths are relative and normalised (`src/app.py`), where the
name is the text after the last slash; any other path (a trailing slash, a last `.`) is handed
to `PurePosixPath`, so the answer is the same for every string.
"""

from __future__ import annotations

from pathlib import PurePosixPath


def path_name(path: str) -> str:
    """`PurePosixPath(path).name`."""
    tail = path.rpartition("/")[2]
    if tail in ("", "."):
        return PurePosixPath(path).name
    return tail


def path_suffix(path: str) -> str:
    """`PurePosixPath(path).suffix`: the name's last `.part`, unless the name starts or ends
    with that dot."""
    name = path_name(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def parent_parts(path: str) -> tuple[str, ...]:
    """`PurePosixPath(path).parts[:-1]`: the folders above the file."""
    if path.startswith("/") or path.endswith(("/", "/.")) or path in ("", ".") or "//" in path:
        return PurePosixPath(path).parts[:-1]
    return tuple(part for part in path.split("/")[:-1] if part != ".")
