"""Neutralising text from the linted repository before it reaches a terminal, log or XML."""

from __future__ import annotations

import re

# C0/C1 controls (terminal escapes, carriage returns) except tab and newline, and the
# bidirectional overrides that make a name display as something else ("Trojan Source").
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 cannot carry at all (a JUnit report holding one does not parse).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Everything that can end a line for some reader (the Actions runner splits at CR and LF;
# Python's str.splitlines also at VT, FF, FS, GS, RS, NEL, LS and PS), shown as an escape.
LINE_BREAKS = {
    "\n": "\\n",
    "\r": "\\r",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
LINE_BREAK = re.compile("[" + "".join(LINE_BREAKS) + "]")


def clean(text: str) -> str:
    """`text` with control characters (terminal escapes) replaced by `?`; newlines and tabs kept.

    For text meant to span lines; repository text shown on one line goes through `one_line`.
    """
    return CONTROL.sub(lambda m: LINE_BREAKS.get(m.group(), "?"), text)


def one_line(text: str) -> str:
    """`text` that can never start a line: line breaks become visible escapes (`\\n`) and
    control characters `?`, so a file name or config key cannot forge `::error::` commands."""
    return clean(LINE_BREAK.sub(lambda m: LINE_BREAKS[m.group()], text))


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (replaced by `?`)."""
    return NOT_XML.sub("?", text)
