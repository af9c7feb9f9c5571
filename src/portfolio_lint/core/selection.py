"""Which rules run: select/ignore by code, family prefix or ALL, the most specific selector wins."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

ALL = "ALL"


def specificity(selector: str, code: str) -> int:
    """How specifically `selector` names `code`: 0 when it does not match at all."""
    selector = selector.upper()
    if selector == ALL:
        return 1
    if code.startswith(selector):
        return 1 + len(selector)
    return 0


def is_selected(
    code: str, select: Sequence[str], ignore: Iterable[str], extend_select: Sequence[str] = ()
) -> bool:
    """Whether `code` runs: the longest matching selector decides; on a tie, ignore wins."""
    chosen = max((specificity(s, code) for s in [*select, *extend_select]), default=0)
    dropped = max((specificity(s, code) for s in ignore), default=0)
    return chosen > 0 and chosen > dropped


def validate_selectors(selectors: Iterable[str], known_codes: Iterable[str]) -> list[str]:
    """Selectors that match no rule at all (typos worth a clear error)."""
    codes = list(known_codes)
    return [s for s in selectors if not any(specificity(s, c) for c in codes)]
