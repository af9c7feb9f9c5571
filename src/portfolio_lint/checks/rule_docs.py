"""A rule's documentation, parsed once from its check's docstring.

The docstring opens with a one-line title, then sections, each a header line at the margin
(`Why it matters:`) and an indented body:

    Why it matters:     prose, rewrapped to one line (becomes the rule's rationale)
    How to fix:         prose, rewrapped to one line (becomes the rule's fix)
    Bad:                an example, line breaks kept
    Good:               an example, line breaks kept
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

SECTIONS = {"Why it matters": "why", "How to fix": "fix", "Bad": "bad", "Good": "good"}
PROSE_SECTIONS = frozenset({"why", "fix"})
_HEADER = re.compile(r"^(\S[^:]*):\s*$")


@dataclass(frozen=True)
class RuleDoc:
    """What a check's docstring says: title, description, and the rule's documentation."""

    title: str
    description: str = ""
    why: str = ""
    fix: str = ""
    bad: str = ""
    good: str = ""

    @property
    def complete(self) -> bool:
        """Whether every section a default rule needs is present."""
        return all((self.why, self.fix, self.bad, self.good))


def parse_rule_doc(docstring: str) -> RuleDoc:
    """Parse a dedented docstring (`inspect.getdoc`); ValueError on an unknown section."""
    lines = docstring.strip().splitlines()
    if not lines or not lines[0].strip():
        raise ValueError("the docstring needs a one-line title")
    title = lines[0].strip().rstrip(".")
    description: list[str] = []
    bodies: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        header = _HEADER.match(line)
        if header:
            key = SECTIONS.get(header.group(1))
            if key is None:
                known = ", ".join(SECTIONS)
                raise ValueError(f"unknown docstring section {header.group(1)!r} (known: {known})")
            if key in bodies:
                raise ValueError(f"docstring section {header.group(1)!r} appears twice")
            current = bodies[key] = []
        elif current is None:
            description.append(line)
        elif line.strip() and not line.startswith((" ", "\t")):
            raise ValueError(f"docstring line outside an indented section: {line.strip()!r}")
        else:
            current.append(line)
    sections = {
        key: _prose(body) if key in PROSE_SECTIONS else textwrap.dedent("\n".join(body)).strip()
        for key, body in bodies.items()
    }
    return RuleDoc(title, _prose(description), **sections)


def _prose(lines: list[str]) -> str:
    """Wrapped lines joined into one line (paragraph breaks become single spaces)."""
    return " ".join(line.strip() for line in lines if line.strip())
