"""Rules that were removed: their codes stay reserved, and naming one says why it went.

Like a linter retiring a rule: a removed code is never given to a new rule; `--select` of it is
a usage error that says why; an ignore of it is accepted (there is nothing left to ignore); a
rubric that names it still loads, without it, and warns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RemovedRule:
    """A rule that no longer exists: its code, name, when it went, why and what covers it."""

    code: str
    name: str
    removed: str
    reason: str

    @property
    def message(self) -> str:
        """One sentence for errors and warnings."""
        return f"{self.code} ({self.name}) was removed on {self.removed}: {self.reason}"


REMOVED_RULES: dict[str, RemovedRule] = {
    rule.code: rule
    for rule in (
        RemovedRule(
            "DAT003",
            "data-dirs-ignored",
            "2026-12-05",
            "a data folder is judged by one policy with no-committed-data-files (DAT002): data"
            " it accepts as committed on purpose is fine, the data it fails DAT002 already"
            " reports, no-large-files (VCS004) and no-committed-binaries (VCS005) report a large"
            " model or checkpoint, and its last case of its own (a models/, checkpoints/ or"
            " outputs/ folder over 50 MB) is DAT002's now; it failed none of 55 real portfolios",
        ),
    )
}
REMOVED_CHECKS = frozenset(rule.name for rule in REMOVED_RULES.values())


def removed_rule(code: str) -> RemovedRule | None:
    """The removed rule with this code (any case), or None."""
    return REMOVED_RULES.get(code.strip().upper())
