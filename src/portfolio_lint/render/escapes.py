"""Neutralising text from the linted repository before it reaches a terminal, log or XML."""

from __future__ import annotations

import re

# C0/C1 controls (terminal escapes, carriage returns) except tab and newline, and the
# bidirectional overrides that make a name display as something else ("Trojan Source").
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 cannot carry at all (a JUnit report holding one does not parse).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with control characters (terminal escapes) replaced by `?`."""
    return CONTROL.sub("?", text)


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (replaced by `?`)."""
    return NOT_XML.sub("?", text)
