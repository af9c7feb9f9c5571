"""`--output-format FMT[:FILE]`: parse the specs and write each rendered report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio_lint.render import format_names
from portfolio_lint.untrusted.atomic import write_atomically


class OutputError(Exception):
    """An output spec or file that cannot be used; the message says which."""


@dataclass(frozen=True)
class OutputSpec:
    """One requested output: a format, written to `path` or to stdout when None."""

    format: str
    path: Path | None = None


def parse_output(value: str) -> OutputSpec:
    """`json` → stdout; `json:report.json` → that file (the first colon splits)."""
    name, colon, file = value.partition(":")
    name = name.strip().lower()
    if name not in format_names():
        known = ", ".join(format_names())
        raise OutputError(f"unknown output format {name!r} (formats: {known})")
    if colon and not file.strip():
        raise OutputError(f"output {value!r}: empty file name after ':'")
    return OutputSpec(name, Path(file) if colon else None)


def parse_outputs(values: tuple[str, ...] | list[str]) -> list[OutputSpec]:
    """All specs; text to stdout when none is given; at most one may go to stdout."""
    specs = [parse_output(v) for v in values] or [OutputSpec("text")]
    to_stdout = [s.format for s in specs if s.path is None]
    if len(to_stdout) > 1:
        raise OutputError(
            f"only one format can go to stdout (got {', '.join(to_stdout)}); use FMT:FILE"
        )
    return specs


def write_output(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a reader never sees half a report); a device or
    pipe (`/dev/null`, a FIFO) is written in place. No fsync: a lost report is re-run."""
    path = path.expanduser()
    try:
        write_atomically(path, text, durable=False)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
