"""One lint request: the command line's options as typed fields, built once by `app/cli.py`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from portfolio_lint.core.config import CommandLineSelection, cli_overrides


@dataclass(frozen=True)
class LintRequest:
    """What the user asked for; each field is the click parameter of the same name."""

    target: str = "."
    outputs: tuple[str, ...] = ()
    fail_under: float | None = None
    exit_zero: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    rubric: Path | None = None
    list_rules: bool = False
    explain: str | None = None
    show: Literal["failed", "all"] = "failed"
    color: Literal["auto", "always", "never"] = "auto"
    quiet: bool = False
    verbose: int = 0
    no_cache: bool = False
    no_history: bool = False
    coverage_file: Path | None = None
    jobs: int = 0
    isolated: bool = False
    honour_inline_ignores: bool = False
    allow_inline_ignore: tuple[str, ...] = ()
    api: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    diff_base: str | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> LintRequest:
        """The request from click's parameters (a parameter without a field is a TypeError)."""
        return cls(**options)

    @property
    def selection(self) -> CommandLineSelection:
        """The command line's rule selection and --fail-under, split at commas."""
        return cli_overrides(
            self.select,
            self.ignore,
            self.extend_select,
            self.extend_ignore,
            self.fail_under,
            # A grader's run (--isolated) does not take the student's word for what to skip.
            honour_inline_ignores=not self.isolated or self.honour_inline_ignores,
            inline_ignores_allowed=self.allow_inline_ignore,
        )
