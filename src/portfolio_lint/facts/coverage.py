"""Read coverage reports (Cobertura XML, coverage.json, .coverage SQLite) into one plain value."""

from __future__ import annotations

import json
import math
import tempfile
import xml.parsers.expat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_REPORT_BYTES = 64 * 1024 * 1024
XML_HEAD_BYTES = 256 * 1024  # the totals live on the root element, at the top of the file
# A report's own timestamp outside these is bogus (and near year 9999, adding an hour overflows).
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(3000, 1, 1, tzinfo=timezone.utc)

# Reads a repository file's text (None when absent): .coverage holds no statement counts.
SourceReader = Callable[[str], "str | None"]


class CoverageReadError(Exception):
    """A coverage report that cannot be read; the message says why."""


@dataclass(frozen=True)
class CoverageReport:
    """Total line coverage of one report, and when it was produced (if the report says)."""

    kind: str  # "cobertura" | "json" | "sqlite"
    percent: float
    timestamp: datetime | None = None
    timestamp_is_naive: bool = False
    files: int | None = None


def read_report(
    data: bytes, sources: Iterable[str] = (), read: SourceReader | None = None
) -> CoverageReport:
    """Parse a report of any supported kind; raises CoverageReadError on anything unusable."""
    if data.startswith(SQLITE_MAGIC):
        return read_sqlite(data, sources, read or (lambda _: None))
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return read_cobertura(data)
    if head == b"{":
        return read_json(data)
    raise CoverageReadError("not a Cobertura XML, coverage.json or .coverage data file")


class _RootFound(Exception):  # noqa: N818 - a signal, not an error
    def __init__(self, attributes: dict[str, str]) -> None:
        super().__init__("root")
        self.attributes = attributes


def read_cobertura(data: bytes) -> CoverageReport:
    """Totals of a Cobertura XML report; a DOCTYPE or ENTITY (XXE, billion laughs) is refused."""
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise CoverageReadError("XML with a DOCTYPE or ENTITY declaration is refused")

    def root(name: str, attributes: dict[str, str]) -> None:
        raise (
            _RootFound(attributes)
            if name == "coverage"
            else CoverageReadError(f"root element is <{name}>, not <coverage>")
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = root
    try:
        parser.Parse(data[:XML_HEAD_BYTES], False)
    except _RootFound as found:
        return _cobertura_totals(found.attributes)
    except xml.parsers.expat.ExpatError as error:
        raise CoverageReadError(f"invalid XML: {error}") from None
    raise CoverageReadError("no <coverage> element")


def _cobertura_totals(attributes: dict[str, str]) -> CoverageReport:
    try:
        valid = attributes.get("lines-valid")
        covered = attributes.get("lines-covered")
        if valid is not None and covered is not None and float(valid) > 0:
            percent = 100.0 * float(covered) / float(valid)
        elif valid is not None and float(valid) == 0:
            raise CoverageReadError("the report measured no lines")
        else:
            percent = 100.0 * float(attributes["line-rate"])
    except (KeyError, ValueError):
        raise CoverageReadError("no line-rate or lines-covered/lines-valid totals") from None
    stamp = attributes.get("timestamp", "")
    timestamp = None
    if stamp.isdigit() and len(stamp) <= 16:
        seconds = int(stamp) / (1000 if len(stamp) >= 12 else 1)  # Cobertura uses milliseconds
        try:
            timestamp = _plausible(datetime.fromtimestamp(seconds, timezone.utc))
        except (ValueError, OverflowError, OSError):  # beyond what datetime can hold
            timestamp = None
    return CoverageReport("cobertura", _checked(percent), timestamp)


def read_json(data: bytes) -> CoverageReport:
    """Totals of a coverage.py JSON report (`coverage json`)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise CoverageReadError(f"invalid JSON: {type(error).__name__}") from None
    totals = document.get("totals") if isinstance(document, dict) else None
    if not isinstance(totals, dict):
        raise CoverageReadError("no `totals` object (not a coverage.py JSON report)")
    percent = _number(totals.get("percent_covered"))
    if percent is None:
        covered, statements = (
            _number(totals.get("covered_lines")),
            _number(totals.get("num_statements")),
        )
        if covered is None or not statements:
            raise CoverageReadError("no percent_covered in `totals`")
        percent = 100.0 * covered / statements
    meta = document.get("meta")
    timestamp, naive = _iso_time(meta.get("timestamp") if isinstance(meta, dict) else None)
    files = document.get("files")
    count = len(files) if isinstance(files, dict) else None
    return CoverageReport("json", _checked(percent), timestamp, naive, count)


def read_sqlite(data: bytes, sources: Iterable[str], read: SourceReader) -> CoverageReport:
    """Line coverage of a .coverage data file over the measured files found in the repository.

    The data file holds executed lines only; statements come from parsing (never running) the
    repository's copy of each measured file.
    """
    from portfolio_lint.facts.coverage_sqlite import (
        UnsafeDataError,
        executed,
        hardened,
        measured_files,
    )

    candidates = list(sources)
    statements = ran = found = 0
    with tempfile.TemporaryDirectory(prefix="portfolio-lint-cov-") as folder:
        copy = Path(folder) / ".coverage"  # sqlite may create a journal next to the file
        copy.write_bytes(data)
        try:
            with hardened(copy) as connection:
                measured = measured_files(connection)
                for file_id, name in measured.items():
                    path = _repository_path(name, candidates)
                    text = read(path) if path is not None else None
                    lines_of = _statements(text) if text is not None else None
                    if lines_of is None:
                        continue
                    found += 1
                    statements += len(lines_of)
                    ran += len(executed(connection, file_id, lines_of))
        except UnsafeDataError as error:
            raise CoverageReadError(str(error)) from None
    if not measured:
        raise CoverageReadError("the .coverage file measured no files")
    if not found:
        raise CoverageReadError(f"none of the {len(measured)} measured files is in the repository")
    percent = 100.0 if statements == 0 else 100.0 * ran / statements
    return CoverageReport("sqlite", percent, files=found)


def _repository_path(measured: str, sources: list[str]) -> str | None:
    """The repository file a measured (often absolute, foreign-machine) path refers to."""
    name = measured.replace("\\", "/")
    matches = [s for s in sources if name == s or name.endswith("/" + s)]
    return max(matches, key=len) if matches else None


def _statements(text: str) -> set[int] | None:
    from coverage.parser import PythonParser

    try:
        parser = PythonParser(text=text)
        parser.parse_source()
    except Exception:  # coverage raises NotPython and friends on files it cannot tokenize
        return None
    return set(parser.statements) - set(parser.excluded)


def _number(value: Any) -> float | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        return float(value)
    except OverflowError:  # a JSON integer of hundreds of digits
        return math.inf


def _checked(percent: float) -> float:
    if math.isnan(percent) or not 0.0 <= percent <= 100.0001:
        raise CoverageReadError(f"coverage percentage out of range: {percent}")
    return min(percent, 100.0)


def _iso_time(value: Any) -> tuple[datetime | None, bool]:
    if not isinstance(value, str):
        return None, False
    try:
        moment = datetime.fromisoformat(value[:40])
    except ValueError:
        return None, False
    if moment.tzinfo is None:  # coverage.py writes local time without an offset
        return _plausible(moment.replace(tzinfo=timezone.utc)), True
    return _plausible(moment), False


def _plausible(moment: datetime) -> datetime | None:
    try:
        return moment if EARLIEST <= moment <= LATEST else None
    except OverflowError:  # an offset pushing a date past year 9999 when compared
        return None
