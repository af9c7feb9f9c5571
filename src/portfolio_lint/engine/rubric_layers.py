"""A grader's rubric laid over the default one: `extends`, `[overrides.CODE]`, `remove`, `[grades]`.

`[rubric] extends = "portfolio"` (or its older spelling `defaults = true`) starts from every
default rule; `[[rule]]` entries then replace the rule with the same code or add one;
`[overrides.CODE]` changes some keys of one rule (weight, severity...); `remove = [codes]` drops
rules. `[grades]` sets the letter bands of every report and the gradebook.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from portfolio_lint.engine.rubric_errors import RubricError

BASES = ("portfolio",)  # what `extends` may name: the default rubric
OVERRIDE_KEYS = ("weight", "severity", "role", "options", "rationale", "fix")
MAX_GRADE_LETTER = 3


def extends_base(meta: Any, source: str) -> bool:
    """Whether the rubric starts from the default rules (`extends` or `defaults`)."""
    if not isinstance(meta, dict):
        raise RubricError(f"{source}: [rubric] must be a table")
    defaults = meta.get("defaults", False)
    if not isinstance(defaults, bool):
        raise RubricError(f"{source}: [rubric] defaults must be true or false")
    extends = meta.get("extends")
    if extends is None:
        return defaults
    if extends not in BASES:
        raise RubricError(
            f"{source}: [rubric] extends must be one of {', '.join(map(repr, BASES))},"
            f" not {extends!r:.60}"
        )
    if "defaults" in meta and not defaults:
        raise RubricError(f"{source}: [rubric] extends and defaults = false contradict")
    return True


def layered_entries(
    data: Mapping[str, Any], source: str, base: Callable[[], list[dict[str, Any]]]
) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The rule entries after `extends`, `[[rule]]`, `remove` and `[overrides]`, and per
    overridden code the base values of the keys it changed (for --list-rules and --explain)."""
    meta = data.get("rubric", {})
    extended = extends_base(meta, source)
    own = data.get("rule", [])
    if not isinstance(own, list):
        raise RubricError(f"{source}: [[rule]] must be an array of tables")
    if not extended:
        for key in ("remove",):
            if key in meta:
                raise RubricError(f'{source}: [rubric] {key} needs extends = "portfolio"')
        if "overrides" in data:
            raise RubricError(f'{source}: [overrides] needs [rubric] extends = "portfolio"')
        if not own:
            raise RubricError(f"{source}: no [[rule]] entries")
        return own, {}
    merged: dict[Any, Any] = {entry["code"]: entry for entry in base()}
    for entry in own:
        code = entry.get("code") if isinstance(entry, dict) else None
        merged[code if code is not None else id(entry)] = entry
    for code in _removed(meta, merged, source):
        del merged[code]
    changed = _apply_overrides(data.get("overrides", {}), merged, source)
    return list(merged.values()), changed


def _removed(meta: Mapping[str, Any], merged: Mapping[Any, Any], source: str) -> list[str]:
    codes = meta.get("remove", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise RubricError(f"{source}: [rubric] remove must be a list of rule codes")
    wanted = [c.strip().upper() for c in codes]
    for code in wanted:
        if code not in merged:
            raise RubricError(f"{source}: [rubric] remove: no rule {code!r} to remove")
    return list(dict.fromkeys(wanted))


def _apply_overrides(
    overrides: Any, merged: dict[Any, Any], source: str
) -> dict[str, dict[str, Any]]:
    """Change the named keys of each overridden rule in place; returns the base values."""
    if not isinstance(overrides, dict):
        raise RubricError(f"{source}: [overrides] must hold one table per rule code")
    changed: dict[str, dict[str, Any]] = {}
    for raw_code, keys in overrides.items():
        code = raw_code.strip().upper()
        where = f"{source}: [overrides.{raw_code}]"
        if code not in merged:
            raise RubricError(f"{where}: no rule {code!r} in the rubric (removed, or a typo?)")
        if not isinstance(keys, dict) or not keys:
            raise RubricError(f"{where}: must be a table of {', '.join(OVERRIDE_KEYS)}")
        unknown = sorted(set(keys) - set(OVERRIDE_KEYS))
        if unknown:
            raise RubricError(
                f"{where}: cannot override {unknown[0]!r} (only {', '.join(OVERRIDE_KEYS)})"
            )
        entry = merged[code]
        if not isinstance(entry, dict):
            continue  # reported by the rule's own validation
        changed[code] = {key: entry.get(key) for key in keys}
        merged[code] = {**entry, **keys}
    return changed


def grade_bands(data: Mapping[str, Any], source: str) -> tuple[tuple[float, str], ...] | None:
    """`[grades]` as (floor, letter) pairs, highest first; None when the rubric sets none.

    Floors are numbers from 0 to 100, written in strictly descending order, so that reading
    the table top to bottom is how a score finds its letter.
    """
    table = data.get("grades")
    if table is None:
        return None
    where = f"{source}: [grades]"
    if not isinstance(table, dict) or not table:
        raise RubricError(f"{where}: must be a table of letter = lowest score, e.g. A = 90")
    bands: list[tuple[float, str]] = []
    for letter, floor in table.items():
        if not letter.strip() or len(letter) > MAX_GRADE_LETTER:
            raise RubricError(f"{where}: grade {letter!r} must be 1-{MAX_GRADE_LETTER} characters")
        number = isinstance(floor, (int, float)) and not isinstance(floor, bool)
        if not number or not math.isfinite(floor) or not 0 <= floor <= 100:
            raise RubricError(f"{where}: {letter} must be a number from 0 to 100")
        if bands and floor >= bands[-1][0]:
            raise RubricError(
                f"{where}: {letter} = {floor:g} must be below {bands[-1][1]} = {bands[-1][0]:g}"
                " (list grades from the highest down)"
            )
        bands.append((float(floor), letter))
    return tuple(bands)
