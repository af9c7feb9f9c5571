"""A notebook's code cells, in file order, as one module: names used before any cell defines them.

IPython syntax becomes Python first: an indented cell is dedented (as IPython does), line magics
and `!shell` lines become `pass` (`x = !ls` assigns `x`), cell magics that run Python (`%%time`,
`%%capture out`) keep their body and other cell magics (`%%bash`, `%%writefile`) are skipped.
The check stops at the first cell whose names cannot be known (`%run`, `%load`, `%store -r`,
`exec(...)`, a cell that does not parse): names used after it may come from there.
"""

from __future__ import annotations

import ast
import re
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import replace

from portfolio_lint.analysis.completeness import import_statements, undefined_names
from portfolio_lint.core.file_facts import ImportStatement, NameUse
from portfolio_lint.scanners.notebooks import Segment

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit", "skip"})
UNKNOWN_NAMES = re.compile(r"^\s*%(?:run|load|store\s+-r|include)\b", re.M)
MAGIC_LINE = re.compile(r"^(\s*)(?:[%!].*|[\w.]+\?\??\s*)$")
SHELL_ASSIGN = re.compile(r"^(\s*)([A-Za-z_][\w, ]*)=\s*[!%].*$")
MAX_CELLS = 2000
EXEC_CALL = re.compile(r"(?<![\w.])exec(?:file)?\s*\(")


def notebook_names(
    cells: Sequence[Segment],
) -> tuple[tuple[NameUse, ...], tuple[ImportStatement, ...]]:
    """Undefined names (with cell and raw line) and the imports of the code `cells`."""
    texts: list[str] = []
    for segment in cells[:MAX_CELLS]:
        python = _as_python(segment.text)
        if python is None:
            break
        texts.append(python)
        if EXEC_CALL.search(python):
            texts[-1] = ""  # its names, and those of every later cell, may come from exec
            break
    module = _parse("\n".join(texts))
    if module is None:  # one cell does not parse: judge the cells above it (rare, slower)
        bad = next((i for i, text in enumerate(texts) if _parse(text) is None), 0)
        texts = texts[:bad]
        module = _parse("\n".join(texts))
    if module is None:
        return (), ()
    owners: list[tuple[Segment, int]] = []  # module line → (cell segment, line in the cell)
    for segment, text in zip(cells, texts, strict=False):  # texts stop early
        owners.extend((segment, n) for n in range(1, text.count("\n") + 2))

    def place(line: int) -> tuple[int, int]:
        segment, cell_line = owners[min(max(line, 1), len(owners)) - 1]
        return segment.raw_line(cell_line), segment.cell

    sites = tuple(
        replace(site, line=place(site.line)[0], cell=place(site.line)[1])
        for site in import_statements(module.body)
    )
    found: dict[str, NameUse] = {}
    for use in undefined_names(module, "\n".join(texts), notebook=True):
        raw, cell = place(use.line)
        found.setdefault(use.name, NameUse(use.name, raw, cell))
    return tuple(found.values()), sites


def _as_python(text: str) -> str | None:
    """The cell as Python ("" for a skipped cell magic); None when its names cannot be known."""
    if UNKNOWN_NAMES.search(text):
        return None
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        words = lines[first].lstrip()[2:].split()
        magic = words[0] if words else ""
        if magic not in PYTHON_CELL_MAGICS:
            return ""
        target = words[1] if magic == "capture" and len(words) > 1 else None
        lines[first] = f"{target} = None" if target and target.isidentifier() else ""
    return textwrap.dedent("\n".join(_line_as_python(line) for line in lines))


def _line_as_python(line: str) -> str:
    assigned = SHELL_ASSIGN.match(line)
    if assigned:
        return f"{assigned.group(1)}{assigned.group(2).strip()} = None"
    magic = MAGIC_LINE.match(line)
    if magic and (line.lstrip()[:1] in "%!" or line.rstrip().endswith("?")):
        return f"{magic.group(1)}pass"
    return line


def _parse(text: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
