"""A student's own deadline from the roster: parsing and how it combines with --as-of."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from portfolio_lint.app.batch.deadlines import due, parse_deadline, parse_extension

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("2026-03-01", datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC)),
        ("2026-03-01T12:00:00", datetime(2026, 3, 1, 12, tzinfo=UTC)),
        ("2026-03-01T12:00:00Z", datetime(2026, 3, 1, 12, tzinfo=UTC)),
        (" 2026-03-01T13:00:00+01:00 ", datetime(2026, 3, 1, 12, tzinfo=UTC)),
    ],
)
def test_deadlines_are_iso_8601_and_a_date_means_its_whole_day(
    text: str, expected: datetime | None
) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["next friday", "2026-13-01", "01/03/2026"])
def test_a_deadline_that_is_not_iso_8601_says_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match="not ISO 8601"):
        parse_deadline(text)


@pytest.mark.parametrize(("text", "days"), [("", 0.0), ("3", 3.0), ("0.5", 0.5)])
def test_extensions_are_days(text: str, days: float) -> None:
    assert parse_extension(text) == days


@pytest.mark.parametrize("text", ["two", "-1", "nan", "inf", "400"])
def test_bad_extensions_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="extension"):
        parse_extension(text)


def test_a_students_deadline_wins_then_as_of_plus_the_extension() -> None:
    as_of = datetime(2026, 3, 1, tzinfo=UTC)
    own = datetime(2026, 3, 9, tzinfo=UTC)
    assert due(as_of, own, 2.0) == own
    assert due(as_of, None, 2.0) == as_of + timedelta(days=2)
    assert due(as_of, None, 0.0) == as_of
    assert due(None, None, 2.0) is None
    assert due(None, own, 0.0) == own
