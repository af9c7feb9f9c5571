"""Which rules run: the one owner of select/ignore precedence.

A selector is a rule code (`DOC001`), a family prefix (`DOC`) or `ALL`, in any case. For one
rule code the decision is:

1. Each selector that matches ranks by how specifically it names the code: `ALL` ranks 1,
   a prefix or code 1 + its length (so a code beats its family, a family beats `ALL`).
2. The select side ranks as its best match in `select` + `extend-select`; the ignore side
   as its best match in `ignore` + `extend-ignore` (plain) or `ignore-with-reason`.
3. The rule runs when the select side matches and outranks the ignore side (a tie: ignored).
4. Otherwise, when the select side matches and the best reasoned ignore ranks at least as
   high as both the select side and the plain ignores, the rule is reported as ignored with
   that reason; in every other case it is dropped from the report.

How the config file and the command line combine into these lists (select replaced, the
rest extended) is `core.config.apply_cli`; this module only ranks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

ALL = "ALL"


class Selectors(Protocol):
    """The selector lists a decision reads (a `core.config.Config` has them)."""

    @property
    def select(self) -> Sequence[str]: ...
    @property
    def extend_select(self) -> Sequence[str]: ...
    @property
    def ignore(self) -> Sequence[str]: ...
    @property
    def extend_ignore(self) -> Sequence[str]: ...
    @property
    def ignore_reasons(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class Decision:
    """What happens to one rule: it runs, it shows as ignored with a reason, or neither."""

    runs: bool
    ignored_reason: str | None = None


DROPPED = Decision(runs=False)
RUNS = Decision(runs=True)


def specificity(selector: str, code: str) -> int:
    """How specifically `selector` names `code`: 0 when it does not match at all."""
    selector = selector.upper()
    if selector == ALL:
        return 1
    if code.startswith(selector):
        return 1 + len(selector)
    return 0


def matches(selectors: Iterable[str], code: str) -> bool:
    """Whether any of `selectors` names `code` (per-path and inline ignores)."""
    return any(specificity(s, code) for s in selectors)


def _rank(selectors: Iterable[str], code: str) -> int:
    return max((specificity(s, code) for s in selectors), default=0)


def decide(code: str, selectors: Selectors) -> Decision:
    """Whether `code` runs, shows as ignored with a reason, or is dropped (module docstring)."""
    chosen = _rank([*selectors.select, *selectors.extend_select], code)
    if chosen == 0:
        return DROPPED
    plain = _rank([*selectors.ignore, *selectors.extend_ignore], code)
    ranked = ((specificity(s, code), why) for s, why in selectors.ignore_reasons.items())
    reasoned, reason = max(((rank, why) for rank, why in ranked if rank), default=(0, ""))
    if chosen > max(plain, reasoned):
        return RUNS
    if reasoned and reasoned >= chosen and reasoned >= plain:
        return Decision(runs=False, ignored_reason=reason)
    return DROPPED


def validate_selectors(selectors: Iterable[str], known_codes: Iterable[str]) -> list[str]:
    """Selectors that match no rule at all (typos worth a clear error)."""
    codes = list(known_codes)
    return [s for s in selectors if not any(specificity(s, c) for c in codes)]
