"""Project-structure trees a README draws, read as the paths they list (issue 11, item 3).

Two forms: a code block drawn with box characters (`├── src/`, `│   └── train.py`, or the
ASCII `|--`, `+--`, `` `-- ``) anywhere, and an indented listing in a code block under a
heading such as "Project structure" or "Folder layout".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from portfolio_lint.facts.readme import CodeBlock, Readme

BOX = re.compile(r"[├└│┣┗┃]|^[ \t]*(?:\|--|\+--|`--|\|__)", re.MULTILINE)
# Everything drawn before an entry's name: box characters, ASCII branches, spaces.
PREFIX = re.compile(r"^[\s│├└─┬┃┣┗━|`+\-—–*•]*")
STRUCTURE_HEADING = re.compile(
    r"structure|layout|tree|organi[sz]ation|director|folder|files|repository|repo\b|"
    r"estructura|struktur|arborescence|cấu trúc|目录|结构",
    re.IGNORECASE,
)
LISTING_INFOS = frozenset({"", "text", "txt", "plaintext", "plain", "tree", "bash", "sh", "shell"})
# A name as a tree lists it: a path segment or several, a trailing `/` for a folder.
NAME = re.compile(r"^[\w.@+\-]+(?:/[\w.@+\-]+)*/?$")
ELLIPSIS = frozenset({"...", "…", "etc", "etc."})
# Boxes and arrows: an architecture diagram drawn with the same characters, not a file tree.
DIAGRAM = re.compile(r"[┌┐┘┬┴┼▶▼▲►→←↓↑]|─>|-->|==>")
# A name that looks like a file or folder: an extension, a trailing `/`, a dotfile, or a
# well-known file without one.
PATH_LIKE = re.compile(
    r"/$|^\.|\.[A-Za-z0-9]{1,10}$|^(?:Makefile|Dockerfile|Procfile|LICENSE|Jenkinsfile|"
    r"Pipfile|Vagrantfile|Justfile|Taskfile|CODEOWNERS|NOTICE|AUTHORS)$"
)
MAX_TREE_LINES = 400


@dataclass(frozen=True)
class TreeEntry:
    """One path a README tree lists, relative to the tree's root."""

    path: str
    line: int
    is_dir: bool  # drawn with a trailing `/`, or has entries below it
    path_like: bool  # has an extension, a trailing `/` or entries below it: not a word
    has_children: bool
    note: str  # the comment after the name (`# created by train.py`)


def structure_blocks(doc: Readme) -> Iterator[CodeBlock]:
    """Code blocks that draw the project's files: box-drawn, or listings under a tree heading."""
    headings = sorted(doc.headings, key=lambda h: h.line)
    for block in doc.code_blocks:
        if block.inline or not block.content.strip():
            continue
        if DIAGRAM.search(block.content) or not _mostly_paths(block.content):
            continue
        if BOX.search(block.content):
            yield block
            continue
        info = block.info.split()[0].lower() if block.info.strip() else ""
        above = [h for h in headings if h.line < block.line]
        under_heading = bool(above) and bool(STRUCTURE_HEADING.search(above[-1].text))
        if info in LISTING_INFOS and under_heading and _looks_like_listing(block.content):
            yield block


def _mostly_paths(content: str) -> bool:
    """Most named lines look like files or folders (not `Client`, `Middleware`, `GET`)."""
    lines = content.splitlines()[:MAX_TREE_LINES]
    names = [n for line in lines if (n := _split(line)[0]) is not None]
    return len(names) >= 3 and sum(bool(PATH_LIKE.search(n)) for n in names) >= 0.6 * len(names)


def _looks_like_listing(content: str) -> bool:
    """Most lines are one name (and a comment), some of them indented: a listing, not shell."""
    lines = [line for line in content.splitlines()[:MAX_TREE_LINES] if line.strip()]
    names = [line for line in lines if _split(line)[0] is not None]
    indented = any(line.startswith((" ", "\t")) for line in lines)
    return len(lines) >= 3 and indented and len(names) >= 0.8 * len(lines)


def _split(line: str) -> tuple[str | None, str, int]:
    """(name or None, comment, column of the name) of one tree line."""
    prefix = PREFIX.match(line)
    column = prefix.end() if prefix else 0
    rest = line[column:]
    name, _, comment = rest.partition("#")
    for marker in ("<--", "<-", "←", "--", " - ", "—", "–", " : ", "(", "  "):
        head, found, tail = name.partition(marker)
        if found:
            name, comment = head, f"{tail} {comment}".strip()
    name = name.strip().strip("`*")
    if not name or name in ELLIPSIS or not NAME.match(name):
        return None, comment.strip(), column
    return name, comment.strip(), column


def _is_file_name(name: str) -> bool:
    return not name.endswith("/") and bool(PATH_LIKE.search(name)) and not name.startswith(".")


def tree_entries(block: CodeBlock) -> list[TreeEntry]:
    """The entries of one tree block, each with its full path below the tree's root.

    A first line drawn without branches (`my-project/`, `.`) is the root; it is kept as
    `root/...` and the rule decides whether the root is a folder of the repository.
    """
    raw: list[tuple[str, str, int, int]] = []  # name, comment, column, line
    for offset, text in enumerate(block.content.splitlines()[:MAX_TREE_LINES]):
        name, comment, column = _split(text)
        if name is not None:
            raw.append((name, comment, column, block.content_line + offset))
    stack: list[tuple[int, str]] = []  # (column, folder name)
    entries: list[TreeEntry] = []
    for index, (name, comment, column, line) in enumerate(raw):
        while stack and stack[-1][0] >= column:
            stack.pop()
        following = raw[index + 1][2] if index + 1 < len(raw) else -1
        has_children = following > column
        path = "/".join([*(folder for _, folder in stack), name.rstrip("/")])
        # a file cannot hold entries: a misdrawn line below it belongs to its folder
        is_dir = name.endswith("/") or (has_children and not _is_file_name(name))
        path_like = is_dir or bool(PATH_LIKE.search(name))
        entries.append(TreeEntry(path, line, is_dir, path_like, has_children, comment))
        if is_dir:
            stack.append((column, name.rstrip("/")))
    return entries
