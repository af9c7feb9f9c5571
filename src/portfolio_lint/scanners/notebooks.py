"""Parse `.ipynb` JSON into cell facts and scannable text segments mapped to raw file lines."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from portfolio_lint.core.file_facts import CellInfo, NotebookFacts

MAX_NOTEBOOK_CHARS = 64 * 1024 * 1024
# Keys whose values are walked with positions; everything else is decoded in one C-speed call.
DESCEND_KEYS = frozenset({"cells", "worksheets", "outputs", "data"})
# Keys whose string (or list-of-strings) values become scanned text with raw line numbers.
TEXT_KEYS = frozenset({"source", "input", "text", "traceback", "text/plain"})
MAX_WALK_DEPTH = 10
ERROR_OUTPUTS = frozenset({"error", "pyerr"})
CONFLICT_MARKER = re.compile(r"^(<<<<<<<|>>>>>>>)( |$)", re.MULTILINE)
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_QUOTE_AT = re.compile(r"[ \t\r]*\"")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Segment:
    """Scannable text of one cell: its source or one output; `line_map[i]` is line i's raw line."""

    cell: int
    kind: str  # "source" | "output"
    text: str
    line_map: tuple[int, ...]
    cell_type: str = "code"

    def raw_line(self, line: int) -> int:
        """Raw file line of 1-based `line` of `text` (clamped to the segment)."""
        if not self.line_map:
            return 1
        return self.line_map[min(max(line, 1), len(self.line_map)) - 1]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    items: tuple[int, ...] = ()  # start offsets of list elements, when the value is a list


class _Walker:
    """A strict JSON reader that records the offsets of the notebook parts we map to lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: dict[int, dict[str, _Span]] = {}  # id(dict) → key → span of its value
        self._keep: list[object] = []  # keeps ids stable while spans refer to them

    def parse(self) -> Any:
        value, end = self._value(self._skip(0), 0, True)
        if self._skip(end) != len(self.text):
            raise json.JSONDecodeError("Extra data", self.text, self._skip(end))
        return value

    def _skip(self, pos: int) -> int:
        match = _WHITESPACE.match(self.text, pos)
        return match.end() if match else pos

    def _expect(self, pos: int, chars: str) -> str:
        if pos >= len(self.text) or self.text[pos] not in chars:
            raise json.JSONDecodeError(f"Expecting one of {chars!r}", self.text, pos)
        return self.text[pos]

    def _value(self, pos: int, depth: int, descend: bool) -> tuple[Any, int]:
        char = self.text[pos : pos + 1]
        if descend and depth < MAX_WALK_DEPTH and char == "{":
            return self._object(pos, depth)
        if descend and depth < MAX_WALK_DEPTH and char == "[":
            items, _, end = self._array(pos, depth)
            return items, end
        return _DECODER.raw_decode(self.text, pos)

    def _object(self, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        spans: dict[str, _Span] = {}
        self.spans[id(result)] = spans
        self._keep.append(result)
        pos = self._skip(pos + 1)
        if self._expect(pos, '"}') == "}":
            return result, pos + 1
        while True:
            self._expect(pos, '"')
            key, pos = _DECODER.raw_decode(self.text, pos)
            pos = self._skip(pos)
            self._expect(pos, ":")
            start = self._skip(pos + 1)
            if key in TEXT_KEYS and self.text[start : start + 1] == "[":
                value, items, pos = self._string_array(start, depth)
            else:
                value, pos = self._value(start, depth + 1, key in DESCEND_KEYS)
                items = ()
            result[key] = value
            spans[key] = _Span(start, pos, items)
            pos = self._skip(pos)
            if self._expect(pos, ",}") == "}":
                return result, pos + 1
            pos = self._skip(pos + 1)

    def _string_array(self, start: int, depth: int) -> tuple[Any, tuple[int, ...], int]:
        """A list of strings decoded in one C call when it is laid out one element per line
        (as Jupyter writes it) or on a single line; otherwise walked element by element."""
        value, end = _DECODER.raw_decode(self.text, start)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            starts = self._one_per_line(start, end, len(value))
            if starts is not None:
                return value, starts, end
        return self._array(start, depth, strings=True)

    def _one_per_line(self, start: int, end: int, count: int) -> tuple[int, ...] | None:
        newlines = self.text.count("\n", start, end)
        if newlines == 0:
            return (start,) * count
        if newlines not in (count, count + 1):  # `]` on its own line or after the last element
            return None
        starts = []
        at = start
        for _ in range(count):
            at = self.text.find("\n", at) + 1
            if not _QUOTE_AT.match(self.text, at):
                return None
            starts.append(at)
        return tuple(starts)

    def _array(
        self, pos: int, depth: int, *, strings: bool = False
    ) -> tuple[list[Any], tuple[int, ...], int]:
        items: list[Any] = []
        starts: list[int] = []
        pos = self._skip(pos + 1)
        if self.text[pos : pos + 1] == "]":
            return items, (), pos + 1
        while True:
            starts.append(pos)
            value, pos = self._value(pos, depth + 1, not strings)
            items.append(value)
            pos = self._skip(pos)
            if self._expect(pos, ",]") == "]":
                return items, tuple(starts), pos + 1
            pos = self._skip(pos + 1)


class _Lines:
    """Offset → 1-based line, by bisecting the offsets of the newlines (computed once)."""

    def __init__(self, text: str) -> None:
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def at(self, pos: int) -> int:
        return bisect_right(self.newlines, pos - 1) + 1


def parse_notebook(text: str) -> tuple[NotebookFacts, list[Segment]]:
    """Cells and scannable segments of a notebook; malformed input gives `NotebookFacts(error=)`."""
    if len(text) > MAX_NOTEBOOK_CHARS:
        return NotebookFacts(error=f"notebook larger than {MAX_NOTEBOOK_CHARS} characters"), []
    conflict = CONFLICT_MARKER.search(text) if "<<<<<<<" in text or ">>>>>>>" in text else None
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        return NotebookFacts(error="git merge conflict markers in the JSON", error_line=line), []
    walker = _Walker(text)
    try:
        data = walker.parse()
    except json.JSONDecodeError as error:
        return NotebookFacts(error=f"invalid JSON: {error.msg}", error_line=error.lineno), []
    except RecursionError:
        return NotebookFacts(error="JSON nested too deeply to read"), []
    except (ValueError, MemoryError) as error:
        return NotebookFacts(error=f"unreadable JSON: {type(error).__name__}"), []
    cells = _cell_list(data)
    if cells is None:
        return NotebookFacts(error="not a Jupyter notebook (no list of cells)"), []
    return _build(data, cells, walker, _Lines(text))


def _cell_list(data: Any) -> list[Any] | None:
    if not isinstance(data, dict):
        return None
    cells = data.get("cells")
    if isinstance(cells, list):
        return cells
    worksheets = data.get("worksheets")  # nbformat 3
    if isinstance(worksheets, list) and worksheets and isinstance(worksheets[0], dict):
        cells = worksheets[0].get("cells")
        return cells if isinstance(cells, list) else None
    return None


def _build(
    data: dict[str, Any], cells: list[Any], walker: _Walker, lines: _Lines
) -> tuple[NotebookFacts, list[Segment]]:
    infos: list[CellInfo] = []
    segments: list[Segment] = []
    # Cells are numbered from 1, as Jupyter, nbQA and ruff show them.
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            return NotebookFacts(error=f"cell {index} is not a JSON object"), []
        spans = walker.spans.get(id(cell), {})
        cell_line = lines.at(min((s.start for s in spans.values()), default=0))
        cell_type = cell.get("cell_type") if isinstance(cell.get("cell_type"), str) else "unknown"
        source_key = "source" if "source" in cell else "input"
        source = _text_segment(cell.get(source_key), spans.get(source_key), lines, cell_line)
        if source is not None:
            text, line_map = source
            segments.append(Segment(index, "source", text, line_map, str(cell_type)))
        outputs = cell["outputs"] if isinstance(cell.get("outputs"), list) else []
        output_span = spans.get("outputs")
        has_error = False
        for output in outputs:
            if not isinstance(output, dict):
                continue
            has_error = has_error or output.get("output_type") in ERROR_OUTPUTS
            segments.extend(_output_segments(index, output, walker, lines, cell_line))
        infos.append(
            CellInfo(
                index=index,
                cell_type=str(cell_type),
                line=cell_line,
                execution_count=_execution_count(cell),
                output_bytes=output_span.end - output_span.start if output_span and outputs else 0,
                has_error_output=has_error,
                source_lines=_count_lines(source[0]) if source else 0,
            )
        )
    return NotebookFacts(cells=tuple(infos)), segments


def _count_lines(text: str) -> int:
    if not text.strip():
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _execution_count(cell: dict[str, Any]) -> int | None:
    count = cell.get("execution_count", cell.get("prompt_number"))
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def _output_segments(
    cell: int, output: dict[str, Any], walker: _Walker, lines: _Lines, fallback: int
) -> list[Segment]:
    spans = walker.spans.get(id(output), {})
    found: list[tuple[Any, _Span | None, str]] = []
    if "text" in output:  # stream output; nbformat 3 pyout
        found.append((output["text"], spans.get("text"), ""))
    if isinstance(output.get("traceback"), list):
        header = f"{output.get('ename', '')}: {output.get('evalue', '')}"
        found.append((header, spans.get("ename"), ""))
        found.append((output["traceback"], spans.get("traceback"), "\n"))
    data = output.get("data")
    if isinstance(data, dict) and "text/plain" in data:
        data_spans = walker.spans.get(id(data), {})
        found.append((data["text/plain"], data_spans.get("text/plain"), ""))
    segments: list[Segment] = []
    for value, span, joiner in found:
        built = _text_segment(value, span, lines, fallback, joiner=joiner)
        if built is not None and built[0].strip():
            segments.append(Segment(cell, "output", ANSI_ESCAPE.sub("", built[0]), built[1]))
    return segments


def _text_segment(
    value: Any, span: _Span | None, lines: _Lines, fallback: int, *, joiner: str = ""
) -> tuple[str, tuple[int, ...]] | None:
    """Join a string or list of strings; map each resulting line to the raw line it came from."""
    if isinstance(value, str):
        parts = [value]
        starts: Sequence[int] = [span.start] if span else []
    elif isinstance(value, list):
        parts = [item if isinstance(item, str) else "" for item in value]
        starts = span.items if span and len(span.items) == len(parts) else []
    else:
        return None
    raw_lines = [lines.at(start) for start in starts] if starts else [fallback] * len(parts)
    if joiner:
        parts = [part + joiner for part in parts[:-1]] + parts[-1:]
    return "".join(parts), _line_map(parts, raw_lines)


def _line_map(parts: list[str], raw_lines: list[int]) -> tuple[int, ...]:
    if parts and all(part.endswith("\n") and part.count("\n") == 1 for part in parts[:-1]):
        last = parts[-1]
        if last and last.count("\n") == last.endswith("\n"):
            # One line per part, as Jupyter writes sources: no search needed.
            return tuple(raw_lines) + ((raw_lines[-1],) if last.endswith("\n") else ())
    offsets: list[int] = []
    owners: list[int] = []
    offset = 0
    for part, raw in zip(parts, raw_lines, strict=True):
        if part:
            offsets.append(offset)
            owners.append(raw)
        offset += len(part)
    if not owners:
        return (raw_lines[0],) if raw_lines else ()
    text = "".join(parts)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return tuple(owners[max(bisect_right(offsets, start) - 1, 0)] for start in line_starts)
