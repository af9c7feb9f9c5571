"""Where a file imports each module, and which imports are optional (issue 11 item 1).

A `.py` file reuses the pipeline's one parse; notebook code cells are parsed cell by cell with
IPython's `!`/`%` lines blanked, and their `!pip install` lines give the packages they install.
Relative imports are left out (always the project's own code).
"""

from __future__ import annotations

import ast
import re
import shlex
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import cast

from packaging.requirements import InvalidRequirement, Requirement

from portfolio_lint.core.file_facts import ImportSite
from portfolio_lint.scanners.notebooks import Segment

IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
# Names in an `if` test whose branches are optional: type checking only, a script's main
# block, or a Python version or platform (`sys.version_info`, `sys.platform`, `os.name`).
OPTIONAL_TEST_NAMES = frozenset({"TYPE_CHECKING", "version_info", "platform", "__main__"})
# Cell magics whose body is still Python run by the kernel (or a Python file it writes).
PYTHON_CELL_MAGICS = re.compile(r"%%(time|timeit|capture|prun|writefile\s+\S+\.py)\b")
PIP_INSTALL = re.compile(
    r"^\s*[!%]?\s*(?:\{[^}]*\}\s+-m\s+|python3?\s+-m\s+|uv\s+)?"
    r"(?:pip3?|conda|mamba)\s+install\s+(?P<args>.*)$",
    re.MULTILINE,
)
# pip and conda options that take a value (the value is not a package).
VALUE_OPTIONS = frozenset(
    {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
     "-f", "--find-links", "-t", "--target", "-e", "--editable", "--prefix", "--root",
     "-n", "--name", "-p", "--channel", "--platform", "--python-version", "--upgrade-strategy"}
)  # fmt: skip
# `files = !ls`, `x = %time f()`, and `pip install x` written without `!` (IPython automagic).
IPYTHON_LINE = re.compile(r"^(?:[\w.]+\s*=\s*[!%]|(?:pip3?|conda)\s+install\b)")
FALLBACK_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:import[ \t]+(?P<names>[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)"
    r"|from[ \t]+(?P<module>[\w.]+)[ \t]+import\b)",
    re.MULTILINE,
)


def import_sites(
    tree: ast.Module, *, cell: int | None = None, lines: Sequence[int] | None = None
) -> tuple[ImportSite, ...]:
    """First site of each absolute module imported in `tree`, an unguarded one preferred.

    `lines`, when given, are the (sorted) lines of every import statement in `tree`: blocks
    that span none of them hold no import and are not entered."""
    found: dict[str, ImportSite] = {}
    _visit(tree.body, False, found, cell, lines)
    return tuple(found.values())


def may_hold_import(node: ast.stmt, lines: Sequence[int] | None) -> bool:
    """Whether statement `node` spans one of the import `lines` (None: unknown, so it may)."""
    if lines is None:
        return True
    at = bisect_left(lines, node.lineno)
    return at < len(lines) and lines[at] <= (node.end_lineno or node.lineno)


def _record(found: dict[str, ImportSite], site: ImportSite) -> None:
    known = found.get(site.dotted)
    if known is None or (known.guarded and not site.guarded):
        found[site.dotted] = site


def _visit(
    body: Iterable[ast.stmt],
    guarded: bool,
    found: dict[str, ImportSite],
    cell: int | None,
    lines: Sequence[int] | None,
) -> None:
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                _record(found, ImportSite(top, alias.name, node.lineno, guarded, cell))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                top = node.module.split(".")[0]
                for alias in node.names:  # `from google.cloud import storage`: a submodule?
                    dotted = node.module if alias.name == "*" else f"{node.module}.{alias.name}"
                    _record(found, ImportSite(top, dotted, node.lineno, guarded, cell))
        elif not may_hold_import(node, lines):
            continue
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":  # 3.11's except*
            block = cast(ast.Try, node)
            optional = guarded or any(_catches_import_error(h) for h in block.handlers)
            _visit(block.body, optional, found, cell, lines)
            for handler in block.handlers:
                _visit(handler.body, optional, found, cell, lines)
            _visit(block.orelse, guarded, found, cell, lines)
            _visit(block.finalbody, guarded, found, cell, lines)
        elif isinstance(node, ast.If):
            optional = guarded or _optional_test(node.test)
            _visit(node.body, optional, found, cell, lines)
            _visit(node.orelse, optional, found, cell, lines)
        else:
            for field in ("body", "orelse", "finalbody"):
                child = getattr(node, field, None)
                if isinstance(child, list):
                    _visit(child, guarded, found, cell, lines)
            if isinstance(node, ast.Match):
                for case in node.cases:
                    _visit(case.body, guarded, found, cell, lines)


def _optional_test(test: ast.expr) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Name) and node.id in OPTIONAL_TEST_NAMES:
            return True
        if isinstance(node, ast.Attribute) and (
            node.attr in OPTIONAL_TEST_NAMES or (node.attr == "name" and _is_os(node.value))
        ):
            return True
        if isinstance(node, ast.Constant) and node.value == "__main__":
            return True
    return False


def _is_os(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "os"


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = {k.id if isinstance(k, ast.Name) else getattr(k, "attr", "") for k in kinds}
    return bool(names & IMPORT_ERRORS)


def notebook_imports(
    segments: Sequence[Segment],
) -> tuple[tuple[ImportSite, ...], tuple[tuple[str, int], ...]]:
    """Imports of the code cells (raw file lines) and the packages `!pip install` lines name."""
    found: dict[str, ImportSite] = {}
    installs: dict[str, int] = {}
    for segment in segments:
        if segment.kind != "source" or segment.cell_type != "code":
            continue
        for match in PIP_INSTALL.finditer(segment.text):
            line = segment.raw_line(segment.text.count("\n", 0, match.start()) + 1)
            for name in pip_install_names(match.group("args")):
                installs.setdefault(name, line)
        code = cell_code(segment.text)
        if code is None or "import" not in code:
            continue
        for site in _cell_sites(code, segment.cell):
            _record(found, _remap(site, segment.raw_line))
    return tuple(found.values()), tuple(installs.items())


def _remap(site: ImportSite, raw_line: Callable[[int], int]) -> ImportSite:
    return ImportSite(site.name, site.dotted, raw_line(site.line), site.guarded, site.cell)


def cell_code(text: str) -> str | None:
    """A code cell as plain Python: IPython `!`/`%` lines become `pass`; None for non-Python."""
    lines = text.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        if not PYTHON_CELL_MAGICS.match(lines[0].strip()):
            return None
        lines[0] = ""
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("!", "%", "?")) or IPYTHON_LINE.match(stripped):
            out.append(line[: len(line) - len(stripped)] + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def _cell_sites(code: str, cell: int) -> tuple[ImportSite, ...]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return tuple(_fallback_sites(code, cell))
    try:
        return import_sites(tree, cell=cell)
    except RecursionError:
        return tuple(_fallback_sites(code, cell))


def _fallback_sites(code: str, cell: int) -> Iterable[ImportSite]:
    """Import lines of a cell that does not parse; indented ones count as optional."""
    for match in FALLBACK_IMPORT.finditer(code):
        line = code.count("\n", 0, match.start()) + 1
        guarded = bool(match.group("indent"))
        names = match.group("names")
        modules = names.split(",") if names else [match.group("module")]
        for module in (m.strip() for m in modules):
            yield ImportSite(module.split(".")[0], module, line, guarded, cell)


def pip_install_names(args: str) -> list[str]:
    """Distribution names of a `pip install` command line (options, paths and URLs skipped)."""
    try:
        words = shlex.split(args.split(" #", 1)[0], posix=True)
    except ValueError:
        words = args.split()
    names: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in VALUE_OPTIONS:
            skip = True
            continue
        if word.startswith("-") or word.startswith(("$", "{")) or word in ("&&", ";", "|"):
            if word in ("&&", ";", "|"):
                break
            continue
        name = _requirement_name(word)
        if name:
            names.append(name)
    return names


def _requirement_name(word: str) -> str | None:
    if "://" in word:
        egg = re.search(r"#egg=([\w.-]+)", word)
        return egg.group(1) if egg else None
    if word.startswith((".", "/", "~")) or word.endswith((".whl", ".tar.gz", ".zip", ".txt")):
        return None
    try:
        return Requirement(word).name
    except InvalidRequirement:
        match = re.match(r"^([A-Za-z0-9][\w.-]*)", word)  # conda's `name=1.2`
        return match.group(1) if match else None
