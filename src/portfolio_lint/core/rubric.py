"""Rubric values: rules bound to stable codes, weights and options (loaded by engine.rubric)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from portfolio_lint.core.model import Role, RuleInfo, Severity
from portfolio_lint.core.scoring import GRADE_BANDS


class _Required(Enum):
    """Marks an option without a default (an Enum member keeps its identity when pickled)."""

    REQUIRED = "required"


# The default of an option that every rubric entry must set.
REQUIRED = _Required.REQUIRED


def option_key(name: str) -> str:
    """Rubric options are kebab-case; Python keywords are snake_case."""
    return name.replace("-", "_")


@dataclass(frozen=True)
class Rule:
    """One rubric entry: a check bound to a stable code, weight, severity and options."""

    code: str
    name: str
    check: str
    family: str
    weight: float
    severity: Severity
    rationale: str
    fix: str
    options: Mapping[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()  # the bound check's tags
    check_title: str = ""  # what the bound check verifies (its docstring's first line)
    defaults: Mapping[str, Any] = field(default_factory=dict)  # the check's option defaults
    examples: tuple[str, str] = ("", "")  # (bad, good): the default rule's documented examples
    role: Role = Role.PRACTICE  # the bound check's role unless the rubric entry sets one
    kinds: tuple[str, ...] | None = None  # project kinds it applies to (None: every kind)

    @property
    def info(self) -> RuleInfo:
        """The report-facing part of the rule."""
        return RuleInfo(
            self.code,
            self.name,
            self.family,
            self.weight,
            self.severity,
            self.rationale,
            self.fix,
            self.tags,
            self.role,
        )


@dataclass(frozen=True)
class Rubric:
    """A named, validated set of rules."""

    name: str
    rules: tuple[Rule, ...]
    families: Mapping[str, str]
    digest: str
    # (floor, letter), highest first: the rubric's `[grades]`, or the default bands.
    grades: tuple[tuple[float, str], ...] = GRADE_BANDS
    # code -> {key: the base rule's value} for each key a rubric's `[overrides.CODE]` changed.
    overridden: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # e.g. entries of removed rules, left out

    def by_code(self, code: str) -> Rule | None:
        """The rule with this code, or None."""
        return next((r for r in self.rules if r.code == code.upper()), None)

    def find(self, code_or_name: str) -> Rule | None:
        """The rule with this code (any case) or kebab-case name, or None."""
        wanted = code_or_name.strip()
        return self.by_code(wanted) or next((r for r in self.rules if r.name == wanted), None)

    def family_title(self, family: str) -> str:
        """Display name of a family."""
        return self.families.get(family, family)
