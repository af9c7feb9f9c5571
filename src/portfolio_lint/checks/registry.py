"""The check registry: check functions registered by name, with their options and default rule.

Rule modules import this; it imports no rule module (`checks.catalog` lists them all).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portfolio_lint.checks.rule_docs import RuleDoc, parse_rule_doc
from portfolio_lint.core.families import FAMILIES, family_of
from portfolio_lint.core.kinds import KINDS
from portfolio_lint.core.model import Role, Severity, Verdict
from portfolio_lint.core.removed import removed_rule
from portfolio_lint.core.rubric import REQUIRED, option_key

if TYPE_CHECKING:
    from portfolio_lint.facts.repo import Repo

CheckFunction = Callable[..., Verdict]
# Validates a rubric's options (snake_case keys) when the rubric loads; raises ValueError.
OptionValidator = Callable[[Mapping[str, Any]], None]


class Skip(Exception):  # noqa: N818 - reads as `raise Skip("no README")`
    """Raised by a check when its rule does not apply; the reason is shown in the report.

    `prerequisite` names the rule whose failure makes this one impossible to judge (no README
    for the install steps): a practice skipped that way counts as not shown in the score.
    """

    def __init__(self, reason: str, *, prerequisite: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.prerequisite = prerequisite


@dataclass(frozen=True)
class DefaultRule:
    """The rule the default rubric binds to a check: identity, defaults and documentation."""

    code: str
    name: str
    family: str
    weight: float
    severity: Severity
    doc: RuleDoc


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its name, function, title, options with defaults, default rule."""

    name: str
    function: CheckFunction
    title: str
    options: Mapping[str, Any]
    validate: OptionValidator | None = None
    reads_history: bool = False  # the engine starts the history scan early for these
    tags: tuple[str, ...] = ()  # e.g. "security": renderers read tags, never rule codes
    rule: DefaultRule | None = None  # None: a building block for grader rubrics only
    role: Role = Role.PRACTICE  # practices earn their weight, problems cost theirs
    kinds: tuple[str, ...] | None = None  # project kinds it applies to (None: every kind)

    def required_options(self) -> list[str]:
        """Options that a rubric entry must set."""
        return [name for name, default in self.options.items() if default is REQUIRED]

    def run(self, repo: Repo, options: Mapping[str, Any]) -> Verdict:
        """Call the check with the rubric's options (keys given in kebab or snake case)."""
        kwargs = {option_key(k): v for k, v in options.items()}
        return self.function(repo, **kwargs)


_REGISTRY: dict[str, CheckSpec] = {}


def _options_of(function: CheckFunction) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            empty = parameter.default is inspect.Parameter.empty
            options[parameter.name] = REQUIRED if empty else parameter.default
    return options


def check(
    name: str,
    *,
    code: str | None = None,
    rule_name: str | None = None,
    weight: float = 1,
    severity: Severity = Severity.WARNING,
    validate: OptionValidator | None = None,
    reads_history: bool = False,
    tags: tuple[str, ...] = (),
    role: Role = Role.PRACTICE,
    kinds: tuple[str, ...] | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register `function` as the check `name`; its keyword-only parameters are its options.

    `code` makes it a default rule (family from the code's prefix, named `rule_name` or
    `name`, with `weight` and `severity`), documented by the docstring's sections (see
    `checks.rule_docs`); without `code` it is a building block for grader rubrics.
    `validate`, if given, checks option values (a regex compiles...) when a rubric loads;
    `reads_history` says the check reads `repo.history`, so the scan can start early;
    `tags` travel to every rule bound to the check (`security` marks security findings);
    `role` says whether the check credits a practice or detects a problem (core.scoring);
    `kinds` names the project kinds (core.kinds) it applies to: on any other kind the engine
    reports it not applicable without running it.
    """
    unknown = [k for k in kinds or () if k not in KINDS]
    if unknown:
        raise ValueError(f"check {name!r}: unknown project kind {unknown[0]!r}")

    def register(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"check {name!r} registered twice")
        try:
            doc = parse_rule_doc(inspect.getdoc(function) or name)
            rule = _default_rule(code, rule_name or name, weight, severity, doc)
        except ValueError as error:
            raise ValueError(f"check {name!r}: {error}") from None
        _REGISTRY[name] = CheckSpec(
            name,
            function,
            doc.title,
            _options_of(function),
            validate,
            reads_history,
            tags,
            rule,
            role,
            kinds,
        )
        return function

    return register


def _default_rule(
    code: str | None, name: str, weight: float, severity: Severity, doc: RuleDoc
) -> DefaultRule | None:
    if code is None:
        return None
    removed = removed_rule(code)
    if removed is not None:
        raise ValueError(f"code {code} is reserved: {removed.message}")
    family = family_of(code)
    if family not in FAMILIES:
        raise ValueError(f"code {code!r}: unknown family {family!r} (see core.families)")
    if not doc.complete:
        raise ValueError(f"rule {code} needs Why it matters, How to fix, Bad and Good sections")
    return DefaultRule(code, name, family, float(weight), severity, doc)


def registered_checks() -> Mapping[str, CheckSpec]:
    """The checks registered so far (`checks.catalog.all_checks` imports every one first)."""
    return dict(_REGISTRY)
