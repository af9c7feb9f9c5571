"""Helpers shared by several DAT rules; not a rule."""

from __future__ import annotations

DATA_FOLDER_PARTS = frozenset({"data", "dataset", "datasets", "raw", "processed"})


def top_data_folder(path: str, names: frozenset[str] = DATA_FOLDER_PARTS) -> str | None:
    """The outermost folder of `path` named like a data folder (data/, datasets/...), or None."""
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if part.lower() in names:
            return "/".join(parts[: index + 1])
    return None
