"""The one table of rule families: code prefix -> title, in display order."""

from __future__ import annotations

import re

FAMILIES: dict[str, str] = {
    "DOC": "README & docs",
    "ENV": "Environment & reproducibility",
    "TST": "Tests & coverage",
    "CI": "Continuous integration",
    "DAT": "Data paths & data files",
    "SEC": "Secrets",
    "QUA": "Code quality & structure",
    "VCS": "Version control & history",
    "OPS": "MLOps & delivery",
}
CODE_PATTERN = re.compile(r"^([A-Z]{2,4})[0-9]{3}$")


def family_of(code: str) -> str:
    """The family prefix of a rule code (`DOC001` -> `DOC`); ValueError if malformed."""
    match = CODE_PATTERN.match(code)
    if match is None:
        raise ValueError(f"rule code {code!r} must be 2-4 capitals and 3 digits, e.g. DOC001")
    return match.group(1)


def display_order(code: str) -> tuple[int, str]:
    """Sort key: families in table order (unknown families last), then by code."""
    family = family_of(code)
    order = list(FAMILIES)
    return (order.index(family) if family in order else len(order), code)
