"""Parse a README (Markdown via markdown-it-py, plain text or reStructuredText) into plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_README_CHARS = 1_000_000


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


@dataclass(frozen=True)
class Link:
    """A link or image target."""

    target: str
    text: str
    line: int
    is_image: bool = False


@dataclass(frozen=True)
class Readme:
    """A parsed README: its path, raw text and the structure checks look at."""

    path: str
    text: str
    headings: tuple[Heading, ...]
    code_blocks: tuple[CodeBlock, ...]
    links: tuple[Link, ...]
    prose: str

    @property
    def word_count(self) -> int:
        """Words of prose (code excluded); counts CJK characters as words."""
        return len(re.findall(r"\w+", self.prose)) + len(
            re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", self.prose)
        )

    @property
    def is_markdown(self) -> bool:
        """Whether the file was parsed as Markdown."""
        return self.path.lower().endswith((".md", ".markdown", ".mdown"))


def parse_readme(path: str, text: str) -> Readme:
    """Structure of a README; non-Markdown files get headings and code heuristically."""
    text = text[:MAX_README_CHARS]
    if path.lower().endswith(".rst"):
        return _parse_rst(path, text)
    return _parse_markdown(path, text)


def _parse_markdown(path: str, text: str) -> Readme:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings: list[Heading] = []
    blocks: list[CodeBlock] = []
    links: list[Link] = []
    prose: list[str] = []
    for index, token in enumerate(tokens):
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open":
            inline = tokens[index + 1]
            headings.append(Heading(int(token.tag[1:]), inline.content.strip(), line))
        elif token.type in ("fence", "code_block"):
            blocks.append(CodeBlock(token.info.strip(), token.content, line))
        elif token.type == "html_block":
            links.extend(_html_links(token.content, line))
            prose.append(re.sub(r"<[^>]+>", " ", token.content))
        elif token.type == "inline":
            _inline(token, line, blocks, links, prose)
    return Readme(path, text, tuple(headings), tuple(blocks), tuple(links), "\n".join(prose))


def _inline(token: object, line: int, blocks: list[CodeBlock], links: list[Link],
            prose: list[str]) -> None:
    children = getattr(token, "children", None) or []
    link_text: list[str] = []
    for child in children:
        kind = child.type
        if kind == "code_inline":
            blocks.append(CodeBlock("", child.content, line, inline=True))
        elif kind == "text":
            prose.append(child.content)
            link_text.append(child.content)
        elif kind == "link_open":
            link_text = []
            links.append(Link(str(child.attrGet("href") or ""), "", line))
        elif kind == "image":
            links.append(Link(str(child.attrGet("src") or ""), child.content, line, is_image=True))
        elif kind == "html_inline":
            links.extend(_html_links(child.content, line))


HTML_LINK = re.compile(r"""<(a|img|source)\b[^>]*?\b(href|src)\s*=\s*["']([^"']+)["']""", re.I)


def _html_links(html: str, line: int) -> list[Link]:
    return [
        Link(match.group(3), "", line, is_image=match.group(1).lower() != "a")
        for match in HTML_LINK.finditer(html)
    ]


RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+<>])\1{2,}\s*$")


def _parse_rst(path: str, text: str) -> Readme:
    lines = text.splitlines()
    headings: list[Heading] = []
    blocks: list[CodeBlock] = []
    for number, line in enumerate(lines[1:], start=2):
        title = lines[number - 2].strip()
        if RST_UNDERLINE.match(line) and title and not RST_UNDERLINE.match(title):
            headings.append(Heading(1 if line[0] in "=#" else 2, title, number - 1))
    code: list[str] = []
    start = 0
    in_block = False
    for number, line in enumerate(lines, start=1):
        if line.rstrip().endswith("::") or line.strip().startswith(".. code"):
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
    links = [Link(m.group(1), "", 1) for m in re.finditer(r"<([^<>\s]+)>`_", text)]
    return Readme(path, text, tuple(headings), tuple(blocks), tuple(links), text)
