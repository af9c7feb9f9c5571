"""One `ast.parse` per `.py` file → structure, test functions, radon complexity and MI."""

from __future__ import annotations

import ast
import io
import tokenize
import warnings
from collections.abc import Iterator

from portfolio_lint.analysis.facts import FunctionInfo, PythonFacts

MAX_DEPTH_SOURCE = 2_000_000
# str.splitlines breaks on these but tokenize does not: such files take radon's slow path.
EXOTIC_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
RADON_RAW_MAX_CHARS = 200_000
SKIPPED_TOKENS = frozenset(
    {tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
)
LONE_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL})


def analyze_python(text: str) -> PythonFacts:
    """Parse once and derive every Python fact; a syntax error is recorded, never raised."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return PythonFacts(parse_error=f"{type(error).__name__}: {error}")
    try:
        docstrings, imports = _walk(tree)
        functions, complexity = _complexity_blocks(tree, docstrings)
        maintainability = _maintainability(tree, text, complexity)
    except RecursionError:
        return PythonFacts(parse_error="RecursionError: nesting too deep to analyse")
    return PythonFacts(
        functions=tuple(functions),
        test_functions=tuple(_test_functions(tree)),
        maintainability=maintainability,
        sloc=_sloc(text),
        imports=tuple(sorted(imports)),
        module_docstring=ast.get_docstring(tree) is not None,
    )


def _complexity_blocks(
    tree: ast.Module, docstrings: set[int]
) -> tuple[list[FunctionInfo], int]:
    from radon.visitors import ComplexityVisitor

    visitor = ComplexityVisitor.from_ast(tree)
    blocks: list[FunctionInfo] = []
    for block in visitor.blocks:
        kind = "class" if not hasattr(block, "is_method") else (
            "method" if block.is_method else "function"
        )
        qualname = f"{block.classname}.{block.name}" if getattr(block, "classname", None) else (
            block.name
        )
        blocks.append(
            FunctionInfo(
                name=block.name,
                qualname=qualname,
                line=block.lineno,
                end_line=block.endline or block.lineno,
                complexity=block.complexity,
                kind=kind,
                has_docstring=block.lineno in docstrings,
                is_public=not block.name.startswith("_"),
            )
        )
    return blocks, int(visitor.total_complexity)


def _walk(tree: ast.Module) -> tuple[set[int], set[str]]:
    """One walk: lines of definitions that have a docstring, and imported top-level names."""
    lines: set[int] = set()
    names: set[str] = set()
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in ast.walk(tree):
        if isinstance(node, definitions):
            if ast.get_docstring(node) is not None:
                lines.add(node.lineno)
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return lines, names


def _maintainability(tree: ast.Module, text: str, complexity: int) -> float | None:
    from radon.metrics import h_visit_ast, mi_compute

    counts = raw_counts(text)
    if counts is None:
        return None
    sloc, comments = counts
    if sloc == 0:
        return 100.0
    volume = h_visit_ast(tree).total.volume
    return float(mi_compute(volume, complexity, sloc, comments))


def raw_counts(text: str) -> tuple[int, int] | None:
    """radon.raw's (sloc, comments + multi) in one tokenize pass (radon's own is quadratic)."""
    text = text.replace("\r\n", "\n")
    if any(separator in text for separator in EXOTIC_LINE_BREAKS):
        return _radon_raw_counts(text) if len(text) < RADON_RAW_MAX_CHARS else None
    lines = text.splitlines()
    try:
        return _count_tokens(lines, tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None


def _count_tokens(lines: list[str], tokens: Iterator[tokenize.TokenInfo]) -> tuple[int, int]:
    sloc = comments = multi = 0
    group: list[tokenize.TokenInfo] = []
    for token in tokens:
        if token.type in SKIPPED_TOKENS:
            continue
        group.append(token)
        ends_statement = token.type == tokenize.NEWLINE or (
            token.type == tokenize.NL and all(t.type in LONE_TOKENS for t in group)
        )
        if not ends_statement:
            continue
        comments += sum(1 for t in group if t.type == tokenize.COMMENT)
        first, rest = group[0], group[1:]
        rows = lines[first.start[0] - 1 : group[-1].end[0]]
        lone = all(t.type in (tokenize.NL, tokenize.NEWLINE) for t in rest)
        if lone and first.type == tokenize.STRING and first.start[0] != first.end[0]:
            multi += sum(1 for row in rows if row.strip())
        elif not (lone and first.type in (tokenize.COMMENT, tokenize.STRING)):
            sloc += sum(1 for row in rows if row.strip())
        group = []
    return sloc, comments + multi


def _radon_raw_counts(text: str) -> tuple[int, int] | None:
    from radon.raw import analyze

    try:
        raw = analyze(text)
    except Exception:  # radon's tokenizer rejects some files ast accepts
        return None
    return raw.sloc, raw.comments + raw.multi


def _test_functions(tree: ast.Module) -> list[str]:
    found: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
            "test"
        ):
            found.append(node.name)
        elif isinstance(node, ast.ClassDef) and _is_test_class(node):
            found.extend(
                f"{node.name}.{item.name}"
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                and item.name.startswith("test")
            )
    return found


def _is_test_class(node: ast.ClassDef) -> bool:
    if node.name.startswith("Test"):
        return True
    bases = {ast.unparse(base) for base in node.bases}
    return any(base.endswith("TestCase") for base in bases)


def _sloc(text: str) -> int:
    return sum(
        1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )
