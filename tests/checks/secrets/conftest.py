"""Fixtures and samples shared by the tests of several secrets rules."""

from __future__ import annotations

import random
import string

ALNUM = string.ascii_letters + string.digits


RNG = random.Random(77)


def rand(size: int, alphabet: str = ALNUM) -> str:
    """Token-shaped strings are assembled at run time, never committed."""
    return "".join(RNG.choice(alphabet) for _ in range(size))


def findings_text(result) -> str:
    return "\n".join(
        f"{f.message} {f.evidence} {f.location} {f.fingerprint}" for f in result.findings
    )
