"""Inline suppressions: `portfolio-lint: ignore[CODE,...]`, `gitleaks:allow`, allowlist pragmas."""

from __future__ import annotations

import re

IGNORE_PATTERN = re.compile(r"portfolio-lint:\s*ignore\[([A-Za-z0-9,\s]+)\]")
SECRET_ALLOW_PATTERN = re.compile(r"gitleaks:allow|pragma:\s*allowlist[ -]secret")
ALL_SECRETS = "SEC*"


def inline_ignores(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Line number → suppressed codes; secret pragmas suppress every SEC rule on the line."""
    if "portfolio-lint" not in text and "allow" not in text:
        return ()
    found: list[tuple[int, tuple[str, ...]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        codes: list[str] = []
        for match in IGNORE_PATTERN.finditer(line):
            codes.extend(c.strip().upper() for c in match.group(1).split(",") if c.strip())
        if SECRET_ALLOW_PATTERN.search(line):
            codes.append(ALL_SECRETS)
        if codes:
            found.append((number, tuple(codes)))
    return tuple(found)


def suppresses(codes: tuple[str, ...], code: str) -> bool:
    """Whether inline `codes` cover rule `code`."""
    return code in codes or (code.startswith("SEC") and ALL_SECRETS in codes)
