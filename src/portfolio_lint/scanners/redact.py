"""Redaction of secret values: a short prefix and the length, never the value."""

from __future__ import annotations

import hashlib
import re

# Vendor prefixes such as `ghp_`, `sk-proj-`, `github_pat_` are public knowledge, not secret.
VENDOR_PREFIX = re.compile(r"^(?:[A-Za-z0-9]{1,8}[_-]){1,3}")
MAX_PREFIX = 14


def redact(value: str, *, keep: int | None = None) -> str:
    """`value` as its prefix and length only, e.g. `ghp_…(40 chars)`."""
    if keep is None:
        keep = min(_prefix_length(value), len(value) // 4)
    keep = max(0, min(keep, len(value) // 2))
    return f"{value[:keep]}…({len(value)} chars)"


def secret_key(value: str) -> str:
    """A stable fingerprint of a secret value (sha256 hex prefix), safe to store."""
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:24]


def _prefix_length(value: str) -> int:
    match = VENDOR_PREFIX.match(value)
    if match and len(match.group(0)) <= MAX_PREFIX:
        return len(match.group(0))
    if len(value) >= 16:
        return 4
    return 2 if len(value) >= 10 else 0
