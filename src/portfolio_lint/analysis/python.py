"""One `ast.parse` per `.py` file → structure, test functions, radon complexity and MI."""

from __future__ import annotations

import ast
import warnings

from portfolio_lint.analysis.facts import FunctionInfo, PythonFacts

MAX_DEPTH_SOURCE = 2_000_000


def analyze_python(text: str) -> PythonFacts:
    """Parse once and derive every Python fact; a syntax error is recorded, never raised."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return PythonFacts(parse_error=f"{type(error).__name__}: {error}")
    try:
        functions = tuple(_complexity_blocks(tree))
        maintainability = _maintainability(tree, text)
    except RecursionError:
        return PythonFacts(parse_error="RecursionError: nesting too deep to analyse")
    return PythonFacts(
        functions=functions,
        test_functions=tuple(_test_functions(tree)),
        maintainability=maintainability,
        sloc=_sloc(text),
        imports=tuple(sorted(_imports(tree))),
        module_docstring=ast.get_docstring(tree) is not None,
    )


def _complexity_blocks(tree: ast.Module) -> list[FunctionInfo]:
    from radon.visitors import ComplexityVisitor

    visitor = ComplexityVisitor.from_ast(tree)
    docstrings = _docstring_lines(tree)
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
    return blocks


def _docstring_lines(tree: ast.Module) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and (
            ast.get_docstring(node) is not None
        ):
            lines.add(node.lineno)
    return lines


def _maintainability(tree: ast.Module, text: str) -> float | None:
    from radon.metrics import h_visit_ast, mi_compute
    from radon.raw import analyze
    from radon.visitors import ComplexityVisitor

    try:
        raw = analyze(text)
    except Exception:  # radon's tokenizer rejects some files ast accepts
        return None
    volume = h_visit_ast(tree).total.volume
    complexity = ComplexityVisitor.from_ast(tree).total_complexity
    comments = raw.comments + raw.multi
    if raw.sloc == 0:
        return 100.0
    return float(mi_compute(volume, complexity, raw.sloc, comments))


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


def _imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _sloc(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
