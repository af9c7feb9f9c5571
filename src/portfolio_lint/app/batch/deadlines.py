"""Per-student deadlines: a roster's `deadline` or `extension_days` column over `--as-of`."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone

# Roster columns (normalised: lower case, spaces as underscores) read as a student's deadline.
DEADLINE_COLUMNS = ("deadline", "due", "due_date")
EXTENSION_COLUMNS = ("extension_days", "extension")
MAX_EXTENSION_DAYS = 366.0


def parse_deadline(text: str) -> datetime | None:
    """An ISO 8601 time (no zone: UTC), or a date alone (the end of that day, UTC); None for
    an empty cell. Raises ValueError with what to write instead."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10:  # YYYY-MM-DD: the whole day is allowed
            day = datetime.fromisoformat(text).date()
            return datetime.combine(day, time(23, 59, 59), tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"deadline {text[:40]!r} is not ISO 8601 (2026-03-01 or 2026-03-01T23:59:00+01:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_extension(text: str) -> float:
    """Days (a number, fractions allowed) added to `--as-of`; 0 for an empty cell."""
    text = text.strip()
    if not text:
        return 0.0
    try:
        days = float(text)
    except ValueError:
        raise ValueError(f"extension {text[:40]!r} is not a number of days") from None
    if not math.isfinite(days) or not 0 <= days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"extension {text[:40]!r} must be 0 to {MAX_EXTENSION_DAYS:g} days")
    return days


def due(
    as_of: datetime | None, deadline: datetime | None, extension_days: float
) -> datetime | None:
    """The deadline a student is graded at: their own, else `as_of` plus their extension."""
    if deadline is not None:
        return deadline
    if as_of is None:
        return None
    return as_of + timedelta(days=extension_days)
