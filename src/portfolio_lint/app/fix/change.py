"""The values of `fix`: a proposed change and its diff, the settings, what a fixer sees."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_lint.facts.repo import Repo

LICENSES = ("MIT", "Apache-2.0", "BSD-3-Clause")


@dataclass(frozen=True)
class Change:
    """One proposed change to one file.

    `before` is None for a new file; otherwise the file's current text, which the change
    keeps whole: `text` is appended at its end. Only a notebook (`rewrite`, with --notebooks)
    replaces a file's text, and then `text` is the whole new text.
    """

    path: str
    fixer: str
    text: str
    before: str | None = None
    rewrite: bool = False

    @property
    def after(self) -> str:
        """The file's text once the change is made."""
        if self.before is None or self.rewrite:
            return self.text
        return self.before + self.text

    @property
    def creates(self) -> bool:
        """Whether the change creates the file."""
        return self.before is None

    def diff(self) -> str:
        """The change as a unified diff (`a/` and `b/` prefixes, `/dev/null` for a new file)."""
        old = [] if self.before is None else self.before.splitlines(keepends=True)
        new = self.after.splitlines(keepends=True)
        lines = difflib.unified_diff(
            _ended(old),
            _ended(new),
            fromfile="/dev/null" if self.before is None else f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        return "".join(lines)


def _ended(lines: list[str]) -> list[str]:
    """Lines with a final newline, and git's marker when the file had none."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n", "\\ No newline at end of file\n"]
    return lines


@dataclass(frozen=True)
class FixSettings:
    """What the user asked `fix` for beyond the defaults."""

    license: str | None = None
    holder: str | None = None
    notebooks: bool = False


@dataclass
class FixContext:
    """What a fixer sees: the linted repository, its folder on disk, the settings, and
    places for notes and suggested diffs (printed, never applied)."""

    repo: Repo
    root: Path
    settings: FixSettings = field(default_factory=FixSettings)
    notes: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


Fixer = Callable[[FixContext], Sequence[Change]]


def appended(before: str, block: str) -> str:
    """`block` as the text to append to `before`: on a line of its own, after a blank line."""
    if not before:
        return block
    if before.endswith("\n\n"):
        return block
    return ("\n" if before.endswith("\n") else "\n\n") + block
