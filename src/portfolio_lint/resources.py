"""Where the data files shipped with the package live (rubric, secret detectors, examples)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The shipped `rules/` folder: inside the wheel, or at the source checkout's root."""
    inside = _PACKAGE / "rules"
    return inside if inside.is_dir() else _PACKAGE.parent.parent / "rules"


def shipped_file(name: str) -> Path:
    """A shipped data file by name (`portfolio.toml`, `secrets.toml`, `examples/...`)."""
    return data_dir() / name
