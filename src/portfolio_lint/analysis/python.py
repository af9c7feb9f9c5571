"""One `ast.parse` per `.py` file → structure, test functions, radon complexity and MI."""

from __future__ import annotations

import ast
import re
import warnings

from portfolio_lint.analysis.completeness import (
    cli_facts,
    commented_out_lines,
    import_statements,
    looks_exported_from_notebook,
    main_calls,
    stub_functions,
    undefined_names,
)
from portfolio_lint.analysis.imports import import_sites
from portfolio_lint.analysis.metrics import ModuleMetrics, measure
from portfolio_lint.analysis.raw_lines import raw_counts
from portfolio_lint.analysis.seeds import module_seed_facts
from portfolio_lint.core.file_facts import FunctionInfo, NameUse, PythonFacts, SeedFacts

# ast.parse holds ~1 KB per token: a 2 MB `x = [1,1,1,...]` data file took 1 GB of memory.
# Past this many tokens a file is data, not code, and is left unparsed (like a truncated one).
MAX_AST_TOKENS = 100_000
TOKEN = re.compile(r"\w+|[^\w\s]")


def too_big_to_parse(text: str, max_tokens: int = MAX_AST_TOKENS) -> bool:
    """Whether parsing `text` would cost more memory than any real module needs."""
    if len(text) <= max_tokens:  # a token is at least one character
        return False
    return any(count >= max_tokens for count, _ in enumerate(TOKEN.finditer(text)))


def analyze_python(text: str, *, undefined: bool = True) -> PythonFacts:
    """Parse once and derive every Python fact; a syntax error is recorded, never raised.

    `undefined=False` skips pyflakes (the test suite's files: no rule judges their names)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return PythonFacts(parse_error=f"{type(error).__name__}: {error}")
    try:
        metrics = measure(tree)
        sites = import_sites(tree, lines=metrics.import_lines)
    except RecursionError:
        return PythonFacts(parse_error="RecursionError: nesting too deep to analyse")
    statements = tuple(import_statements(tree.body, lines=metrics.import_lines))
    stubs = tuple(stub_functions(tree))
    calls = tuple(main_calls(tree))
    cli = cli_facts(text, metrics.imports)
    names: tuple[NameUse, ...] = ()
    try:  # last: pyflakes annotates the tree's nodes
        if undefined:
            exported = looks_exported_from_notebook(text)
            names = tuple(undefined_names(tree, text, notebook=exported))
    except RecursionError:
        names = ()
    return PythonFacts(
        functions=tuple(_functions(metrics)),
        test_functions=tuple(_test_functions(tree)),
        maintainability=_maintainability(text, metrics),
        sloc=_sloc(text),
        imports=tuple(sorted(metrics.imports)),
        undefined_names=names,
        import_statements=statements,
        stub_functions=stubs,
        main_calls=calls,
        cli=cli,
        commented_code=commented_out_lines(text),
        import_sites=sites,
        seeding=_seeding(metrics),
    )


def _seeding(metrics: ModuleMetrics) -> SeedFacts | None:
    try:
        return module_seed_facts(metrics.calls, metrics.imports)
    except RecursionError:
        return None


def _maintainability(text: str, metrics: ModuleMetrics) -> float | None:
    """radon's `mi_visit(text, multi=True)`: its `mi_parameters` from our one-walk metrics."""
    from radon.metrics import mi_compute

    counts = raw_counts(text)
    if counts is None:
        return None
    comment_percent = counts.comment_lines / counts.sloc * 100 if counts.sloc else 0.0
    return float(
        mi_compute(metrics.halstead_volume, metrics.total_complexity, counts.lloc, comment_percent)
    )


def _functions(metrics: ModuleMetrics) -> list[FunctionInfo]:
    return [
        FunctionInfo(
            name=block.name,
            qualname=f"{block.classname}.{block.name}" if block.classname else block.name,
            line=block.line,
            complexity=block.complexity,
            kind=block.kind,
            has_docstring=block.has_docstring,
            is_public=not block.name.startswith("_"),
        )
        for block in metrics.blocks
    ]


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
