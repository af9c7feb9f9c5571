"""Parse a README (Markdown via markdown-it-py, plain text or reStructuredText) into values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_README_CHARS = 1_000_000
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def count_words(text: str) -> int:
    """Words in `text`; each CJK character counts as a word (those scripts use no spaces)."""
    return len(re.findall(r"[^\W\d_]\w*|\d+", CJK.sub(" ", text))) + len(CJK.findall(text))


@dataclass(frozen=True)
class Heading:
    """A section heading."""

    level: int
    text: str
    line: int


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block (or an inline code span when `inline`)."""

    info: str
    content: str
    line: int
    inline: bool = False
    fenced: bool = False

    @property
    def content_line(self) -> int:
        """Line of the block's first content line (after the opening fence, if any)."""
        return self.line + 1 if self.fenced else self.line


@dataclass(frozen=True)
class Link:
    """A link or image target."""

    target: str
    text: str
    line: int
    is_image: bool = False


@dataclass(frozen=True)
class TextBlock:
    """Plain text of one paragraph, heading, table cell or HTML block, with its first line."""

    text: str
    line: int
    kind: str  # "paragraph" | "heading" | "cell" | "html"


@dataclass(frozen=True)
class Table:
    """A Markdown or reStructuredText table: header cells and body rows as plain text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int


@dataclass(frozen=True)
class Readme:
    """A parsed README: its path, raw text and the structure checks look at."""

    path: str
    text: str
    headings: tuple[Heading, ...]
    code_blocks: tuple[CodeBlock, ...]
    links: tuple[Link, ...]
    prose: str
    blocks: tuple[TextBlock, ...] = ()
    tables: tuple[Table, ...] = ()

    @property
    def word_count(self) -> int:
        """Words of prose (code excluded); counts CJK characters as words."""
        return count_words(self.prose)

    @property
    def folder(self) -> str:
        """The README's folder, relative to the repository root ("" at the root)."""
        return self.path.rpartition("/")[0]


def parse_readme(path: str, text: str) -> Readme:
    """Structure of a README; non-Markdown files get headings and code heuristically."""
    text = text[:MAX_README_CHARS]
    if path.lower().endswith(".rst"):
        return _parse_rst(path, text)
    return _parse_markdown(path, text)


class _Collector:
    """Accumulates the values one pass over markdown-it tokens produces."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.code: list[CodeBlock] = []
        self.links: list[Link] = []
        self.blocks: list[TextBlock] = []
        self.tables: list[Table] = []
        self.row: list[str] = []
        self.header: tuple[str, ...] = ()
        self.rows: list[tuple[str, ...]] = []
        self.table_line = 1


def _parse_markdown(path: str, text: str) -> Readme:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out = _Collector()
    context = "paragraph"
    for token in tokens:
        line = (token.map[0] + 1) if token.map else 1
        kind = token.type
        if kind == "heading_open":
            out.headings.append(Heading(int(token.tag[1:]), "", line))
            context = "heading"
        elif kind in ("fence", "code_block"):
            fenced = kind == "fence"
            out.code.append(CodeBlock(token.info.strip(), token.content, line, fenced=fenced))
        elif kind == "html_block":
            out.links.extend(_html_links(token.content, line))
            out.blocks.append(TextBlock(_strip_tags(token.content), line, "html"))
        elif kind == "table_open":
            out.header, out.rows, out.table_line = (), [], line
        elif kind in ("th_open", "td_open"):
            context = "cell"
        elif kind == "tr_close":
            if out.header:
                out.rows.append(tuple(out.row))
            else:
                out.header = tuple(out.row)
            out.row = []
        elif kind == "table_close":
            out.tables.append(Table(out.header, tuple(out.rows), out.table_line))
        elif kind == "inline":
            plain = _inline(token, line, out)
            if context == "heading":
                last = out.headings[-1]
                out.headings[-1] = Heading(last.level, plain.strip(), last.line)
            elif context == "cell":
                out.row.append(plain.strip())
            out.blocks.append(TextBlock(plain, line, context))
        elif kind in ("heading_close", "th_close", "td_close"):
            context = "paragraph"
    prose = "\n".join(block.text for block in out.blocks)
    return Readme(
        path,
        text,
        tuple(out.headings),
        tuple(out.code),
        tuple(out.links),
        prose,
        tuple(out.blocks),
        tuple(out.tables),
    )


def _inline(token: Any, line: int, out: _Collector) -> str:
    """Plain text of an inline token; records its code spans and links with exact lines."""
    parts: list[str] = []
    link: Link | None = None
    link_start = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            line += 1
            parts.append("\n")
        elif kind == "code_inline":
            out.code.append(CodeBlock("", child.content, line, inline=True))
            parts.append(child.content)
        elif kind == "text":
            parts.append(child.content)
        elif kind == "link_open":
            link, link_start = Link(str(child.attrGet("href") or ""), "", line), len(parts)
        elif kind == "link_close" and link is not None:
            out.links.append(Link(link.target, "".join(parts[link_start:]).strip(), link.line))
            link = None
        elif kind == "image":
            out.links.append(Link(str(child.attrGet("src") or ""), child.content, line, True))
        elif kind == "html_inline":
            out.links.extend(_html_links(child.content, line))
    return "".join(parts)


# `[^<>]`, not `[^>]`: a tag ends at the next `<` too, so an unclosed `<a <a <a ...` is scanned
# once, not once per `<` (that took hours on a 500 KB README).
HTML_LINK = re.compile(r"""<(a|img|source)\b[^<>]*?\b(href|src)\s*=\s*["']([^"'<>]+)["']""", re.I)
TAG = re.compile(r"<[^<>]+>")


def _html_links(html: str, line: int) -> list[Link]:
    links = []
    for match in HTML_LINK.finditer(html):
        at = line + html.count("\n", 0, match.start())
        links.append(Link(match.group(3), "", at, is_image=match.group(1).lower() != "a"))
    return links


def _strip_tags(html: str) -> str:
    return TAG.sub(" ", html)


RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>])\1{2,}\s*$")
RST_LINK = re.compile(r"<([^<>\s]+)>`_|\.\. (?:image|figure):: (\S+)")


def _parse_rst(path: str, text: str) -> Readme:
    lines = text.splitlines()
    headings: list[Heading] = []
    for number, line in enumerate(lines[1:], start=2):
        title = lines[number - 2].strip()
        if RST_UNDERLINE.match(line) and title and not RST_UNDERLINE.match(title):
            headings.append(Heading(1 if line[0] in "=#" else 2, title, number - 1))
    blocks = _rst_code(lines)
    links = [
        Link(m.group(1) or m.group(2), "", text.count("\n", 0, m.start()) + 1, bool(m.group(2)))
        for m in RST_LINK.finditer(text)
    ]
    tables, table_lines = _rst_tables(lines)
    paragraphs = _rst_paragraphs(lines, {b.line for b in blocks} | table_lines)
    cells = [
        TextBlock(cell, t.line, "cell")
        for t in tables
        for row in (t.header, *t.rows)
        for cell in row
        if cell
    ]
    text_blocks = sorted([*paragraphs, *cells], key=lambda b: b.line)
    prose = "\n".join(b.text for b in text_blocks)
    return Readme(
        path,
        text,
        tuple(headings),
        tuple(blocks),
        tuple(links),
        prose,
        tuple(text_blocks),
        tuple(tables),
    )


RST_SIMPLE_BORDER = re.compile(r"^ *=+(?: +=+)+ *$")
RST_GRID_BORDER = re.compile(r"^ *\+(?:[-=]+\+)+ *$")


def _rst_tables(lines: Sequence[str]) -> tuple[list[Table], set[int]]:
    """Simple (`===  ===`) and grid (`+---+`) tables, and the 1-based lines they cover."""
    tables: list[Table] = []
    covered: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        parse = (
            _rst_simple_table
            if RST_SIMPLE_BORDER.match(line)
            else _rst_grid_table
            if RST_GRID_BORDER.match(line)
            else None
        )
        end, table = parse(lines, index) if parse else (index, None)
        if table is not None:
            tables.append(table)
            covered.update(range(index + 1, end + 2))
        index = end + 1
    return tables, covered


def _rst_simple_table(lines: Sequence[str], start: int) -> tuple[int, Table | None]:
    """A simple table from its top border: header between the first two borders, if three."""
    starts = [m.start() for m in re.finditer(r"=+", lines[start])]
    borders, rows = [start], []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            break
        if RST_SIMPLE_BORDER.match(line):
            borders.append(index)
            continue
        if set(line.strip()) <= set("- "):
            continue  # a column-span underline
        bounds = [*starts[1:], len(line)]
        rows.append((index, tuple(line[a:b].strip() for a, b in zip(starts, bounds, strict=True))))
    if len(borders) < 2:
        return start, None
    end = borders[-1]
    body = [cells for at, cells in rows if at < end]
    header: tuple[str, ...] = ()
    if len(borders) >= 3 and body:
        header_count = sum(1 for at, _ in rows if borders[0] < at < borders[1])
        header, body = (body[0] if header_count else ()), body[header_count:]
    return end, Table(header, tuple(body), start + 1)


def _rst_grid_table(lines: Sequence[str], start: int) -> tuple[int, Table | None]:
    """A grid table from its top border; a `+===+` border closes the header."""
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...] = ()
    current: list[list[str]] = []
    end = start
    for index in range(start + 1, len(lines)):
        line = lines[index].strip()
        if RST_GRID_BORDER.match(line):
            end = index
            if current:
                rows.append(tuple(" ".join(part for part in cell if part) for cell in current))
            current = []
            if "=" in line and not header and rows:
                header, rows = rows[0], rows[1:]
            continue
        if not (line.startswith("|") and line.endswith("|")):
            break
        cells = [cell.strip() for cell in line[1:-1].split("|")]
        current = current or [[] for _ in cells]
        for column, cell in zip(current, cells, strict=False):  # ragged rows
            column.append(cell)
    if end == start or not (rows or header):
        return start, None
    return end, Table(header, tuple(rows), start + 1)


def _rst_code(lines: Sequence[str]) -> list[CodeBlock]:
    blocks: list[CodeBlock] = []
    code: list[str] = []
    start = 0
    in_block = False
    for number, line in enumerate(lines, start=1):
        if line.rstrip().endswith("::") or line.strip().startswith(".. code"):
            if in_block and code:
                blocks.append(CodeBlock("", "\n".join(code).strip() + "\n", start))
            in_block, code, start = True, [], number + 1
            continue
        if in_block and (line.startswith((" ", "\t")) or not line.strip()):
            code.append(line.strip())
            continue
        if in_block:
            blocks.append(CodeBlock("", "\n".join(code).strip() + "\n", start))
            in_block = False
    if in_block and code:
        blocks.append(CodeBlock("", "\n".join(code).strip() + "\n", start))
    return blocks


def _rst_paragraphs(lines: Sequence[str], code_starts: set[int]) -> list[TextBlock]:
    """Unindented, non-underline runs of lines: RST paragraphs, near enough."""
    paragraphs: list[TextBlock] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate([*lines, ""], start=1):
        is_text = bool(line.strip()) and not line.startswith((" ", "\t"))
        if is_text and not RST_UNDERLINE.match(line) and number not in code_starts:
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            paragraphs.append(TextBlock(" ".join(current), start, "paragraph"))
            current = []
    return paragraphs
