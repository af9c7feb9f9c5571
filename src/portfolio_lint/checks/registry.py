"""The check registry: check functions registered by name, with the options they accept.

Check modules import this; it imports no check (`checks.catalog` lists them all).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portfolio_lint.core.model import Verdict
from portfolio_lint.core.rubric import REQUIRED, option_key

if TYPE_CHECKING:
    from portfolio_lint.facts.repo import Repo

CheckFunction = Callable[..., Verdict]
# Validates a rubric's options (snake_case keys) when the rubric loads; raises ValueError.
OptionValidator = Callable[[Mapping[str, Any]], None]


class Skip(Exception):  # noqa: N818 - reads as `raise Skip("no README")`
    """Raised by a check when its rule does not apply; the reason is shown in the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its name, function, title and accepted options with defaults."""

    name: str
    function: CheckFunction
    title: str
    options: Mapping[str, Any]
    validate: OptionValidator | None = None
    reads_history: bool = False  # the engine starts the history scan early for these
    tags: tuple[str, ...] = ()  # e.g. "security": renderers read tags, never rule codes

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
    validate: OptionValidator | None = None,
    reads_history: bool = False,
    tags: tuple[str, ...] = (),
) -> Callable[[CheckFunction], CheckFunction]:
    """Register `function` as the check `name`; its keyword-only parameters are its options.

    `validate`, if given, checks option values (a regex compiles...) when a rubric loads;
    `reads_history` says the check reads `repo.history`, so the scan can start early;
    `tags` travel to every rule bound to the check (`security` marks security findings).
    """

    def register(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"check {name!r} registered twice")
        doc = inspect.getdoc(function) or name
        title = doc.splitlines()[0].rstrip(".")
        _REGISTRY[name] = CheckSpec(
            name, function, title, _options_of(function), validate, reads_history, tags
        )
        return function

    return register


def registered_checks() -> Mapping[str, CheckSpec]:
    """The checks registered so far (`checks.catalog.all_checks` imports every one first)."""
    return dict(_REGISTRY)
