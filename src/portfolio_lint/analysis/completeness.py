"""Is a parsed module complete enough to run? Undefined names (pyflakes), imports, stubs, CLI.

Everything here reads an AST the analysis pass already parsed; nothing is executed.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence

from portfolio_lint.analysis.imports import may_hold_import
from portfolio_lint.analysis.name_resolution import may_have_undefined_names
from portfolio_lint.core.file_facts import CliFacts, ImportStatement, NameUse

# Builtins of Python versions newer than the one running the lint (pyflakes uses the host's).
NEWER_BUILTINS = frozenset(
    {"aiter", "anext", "EncodingWarning", "ExceptionGroup", "BaseExceptionGroup", "__path__"}
)
# Names IPython (and Databricks) define in every notebook and in scripts exported from one.
NOTEBOOK_BUILTINS = frozenset(
    {"display", "get_ipython", "In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_oh", "_ih"}
    | {"_dh", "exit", "quit", "spark", "sc", "dbutils", "sqlContext", "displayHTML"}
)
OUTPUT_HISTORY = re.compile(r"^_i{0,3}\d+$")
ENTRY_IMPORTS_PARSING = frozenset({"argparse", "optparse", "getopt", "click", "absl", "gflags"})
ENTRY_IMPORTS_OPAQUE = frozenset(
    {"typer", "fire", "hydra", "docopt", "tyro", "jsonargparse", "simple_parsing", "plac"}
    | {"defopt", "clize", "cyclopts", "configargparse", "ml_collections", "gin", "sacred"}
)
OPAQUE_TEXT = re.compile(
    r"\b(?:HfArgumentParser|LightningCLI|from_cli|parse_known_args)\b"
    r"|\.add_argument\(\s*(?![\s'\")]|[rRuU]['\"])"  # a name, *names or an f-string: unknown
)
OPAQUE_WORDS = ("HfArgumentParser", "LightningCLI", "from_cli", "parse_known_args", "add_argument")
QUOTED_OPTION = re.compile(r"""["'](--?[A-Za-z][\w.=/ -]{0,60})["']""")
ABSL_FLAG = re.compile(r"""\bDEFINE_(\w+)\(\s*(?:name\s*=\s*)?["'](\w+)["']""")
DYNAMIC_WORDS = ("exec", "globals", "locals", "vars", "__import__")
DYNAMIC_TEXT = re.compile(r"(?<![\w.])(?:exec|execfile|globals|locals|vars|__import__)\s*\(")
OPTION = re.compile(r"^--?[A-Za-z][\w.-]*$")
TRY_TYPES = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
COMMENT_LINE = re.compile(r"^[ \t]*#+[ \t]?(.*)$", re.M)
CODE_HINT = re.compile(r"[=(]|^(?:import|from|def|class|for|if|while|return|with|try)\b")
MAX_COMMENT_LINES = 5000
EXPORT_WORDS = ("get_ipython", "# Databricks", "# COMMAND", "# %%", "# In[")
IPYTHON_EXPORT = re.compile(
    r"\bget_ipython\(|^# (?:Databricks notebook source|COMMAND -|%%|In\[[\d ]*\]:)", re.M
)  # nbconvert and Databricks exports, jupytext percent cells


def undefined_names(
    tree: ast.Module, text: str, *, filename: str = "module.py", notebook: bool = False
) -> list[NameUse]:
    """pyflakes' undefined-name findings (star-import guesses and dynamic namespaces dropped)."""
    from pyflakes.checker import Checker
    from pyflakes.messages import UndefinedName

    if any(word in text for word in DYNAMIC_WORDS) and DYNAMIC_TEXT.search(text):
        return []  # exec(), globals()[...] = ...: names may come from anywhere
    extra = NEWER_BUILTINS | NOTEBOOK_BUILTINS if notebook else NEWER_BUILTINS
    if not notebook and not may_have_undefined_names(tree, extra):
        return []  # every name read is bound where Python finds it: pyflakes would agree
    checker = Checker(tree, filename=filename, builtins=extra, withDoctest=False)
    found: list[NameUse] = []
    never_run: list[tuple[int, int, int, int]] | None = None
    bound: list[tuple[int, int, frozenset[str]]] = []
    for message in checker.messages:
        if not isinstance(message, UndefinedName):
            continue
        name = str(message.message_args[0])
        if OUTPUT_HISTORY.match(name):
            continue
        if never_run is None:
            never_run = list(_never_evaluated(tree))
            bound = list(_function_bindings(tree))
        at = (message.lineno, message.col)
        if any((s[0], s[1]) <= at <= (s[2], s[3]) for s in never_run):
            continue
        if any(first <= message.lineno <= last and name in names for first, last, names in bound):
            continue  # assigned later in its function: a loop-carried value, not a missing name
        found.append(NameUse(name, message.lineno))
    return sorted(set(found), key=lambda use: (use.line, use.name))


def _function_bindings(tree: ast.Module) -> Iterator[tuple[int, int, frozenset[str]]]:
    """Each function's lines and the names it assigns anywhere in its body."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stored = frozenset(
                inner.id
                for inner in ast.walk(node)
                if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store)
            )
            yield node.lineno, node.end_lineno or node.lineno, stored


def _never_evaluated(tree: ast.Module) -> Iterator[tuple[int, int, int, int]]:
    """Spans whose names Python never looks up: strings (forward references, shape strings
    such as `TensorType["batch"]`), and annotations under `from __future__ import annotations`."""
    deferred = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )
    in_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }  # before Python 3.12 their text parts carry the whole f-string's span
    for node in ast.walk(tree):
        spans: list[ast.expr | None] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in in_fstrings:
                continue
            spans.append(node)
        elif deferred and isinstance(node, ast.arg):
            spans.append(node.annotation)
        elif deferred and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            spans.append(node.returns)
        elif deferred and isinstance(node, ast.AnnAssign):
            spans.append(node.annotation)
        for span in spans:
            if span is not None and span.end_lineno is not None:
                end_col = span.end_col_offset or 0
                yield span.lineno, span.col_offset, span.end_lineno, end_col


def looks_exported_from_notebook(text: str) -> bool:
    """A script nbconvert, jupytext or Databricks wrote: it runs in IPython, with its builtins."""
    if not any(word in text for word in EXPORT_WORDS):
        return False
    return IPYTHON_EXPORT.search(text) is not None


def import_statements(
    body: Iterable[ast.stmt], guarded: bool = False, lines: Sequence[int] | None = None
) -> Iterator[ImportStatement]:
    """Every import statement, nested ones too, marked when a condition guards it (`lines`:
    the sorted lines of every import statement, when known: blocks spanning none are skipped)."""
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield ImportStatement(alias.name, (), node.lineno, 0, guarded)
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            yield ImportStatement(node.module or "", names, node.lineno, node.level, guarded)
        elif not may_hold_import(node, lines):
            continue
        elif isinstance(node, TRY_TYPES):
            yield from import_statements(node.body, guarded or _catches_import_error(node), lines)
            for part in (node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from import_statements(part, guarded, lines)
        elif isinstance(node, ast.If):
            yield from import_statements(node.body, True, lines)
            yield from import_statements(node.orelse, True, lines)
        else:
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    yield from import_statements(inner, guarded, lines)
            for case in getattr(node, "cases", ()):
                yield from import_statements(case.body, True, lines)


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        if handler.type is None:
            return True
        caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names = {ast.unparse(c).rsplit(".", 1)[-1] for c in caught}
        if names & {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}:
            return True
    return False


def stub_functions(tree: ast.Module) -> list[NameUse]:
    """Top-level functions whose body is only a docstring, `pass`, `...` or NotImplementedError."""
    return [
        NameUse(node.name, node.lineno)
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.decorator_list
        and all(_is_stub_statement(statement) for statement in node.body)
    ]


def _is_stub_statement(node: ast.stmt) -> bool:
    if isinstance(node, ast.Pass):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return node.value.value is Ellipsis or isinstance(node.value.value, str)
    if isinstance(node, ast.Raise) and node.exc is not None:
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"
    return False


def commented_out_lines(text: str) -> int:
    """Comment lines that are Python statements (`# model.fit(X, y)`), not prose (`# TODO`)."""
    if "#" not in text:
        return 0
    count = 0
    for checked, line in enumerate(COMMENT_LINE.finditer(text)):
        if checked >= MAX_COMMENT_LINES:
            break
        body = line.group(1).strip()
        if body and CODE_HINT.search(body) and _is_statement(body):
            count += 1
    return count


def _is_statement(text: str) -> bool:
    source = f"{text}\n    pass" if text.endswith(":") else text
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    first = module.body[0] if module.body else None
    if isinstance(first, ast.Expr):
        return isinstance(first.value, ast.Call | ast.Await)
    if isinstance(first, ast.AnnAssign):
        return first.value is not None  # `TODO: fix it` is an annotation, and prose
    return first is not None


def main_calls(tree: ast.Module) -> list[str]:
    """Names of the functions an `if __name__ == "__main__":` block calls directly."""
    calls: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and _is_main_guard(node.test):
            for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name):
                    calls.append(inner.func.id)
    return sorted(set(calls))


def _is_main_guard(test: ast.expr) -> bool:
    if not isinstance(test, ast.Compare) or len(test.comparators) != 1:
        return False
    sides = [test.left, test.comparators[0]]
    has_name = any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
    return has_name and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)


def cli_facts(text: str, imports: Iterable[str]) -> CliFacts:
    """Option strings the module mentions and whether its command line can be read statically.

    Read from the text, not the tree: a regex pass costs a tenth of a walk of every node, and a
    quoted `--option` in a comment only makes the rule quieter."""
    imported = set(imports)
    parses = bool(imported & ENTRY_IMPORTS_PARSING) or "sys.argv" in text or "DEFINE_" in text
    opaque = bool(imported & ENTRY_IMPORTS_OPAQUE) or (
        any(word in text for word in OPAQUE_WORDS) and OPAQUE_TEXT.search(text) is not None
    )
    quoted = QUOTED_OPTION.finditer(text) if "'-" in text or '"-' in text else ()
    options = {name for match in quoted for name in _options_in(match[1])}
    for kind, flag in ABSL_FLAG.findall(text) if "DEFINE_" in text else ():
        options.add(f"--{flag}")
        if kind in ("bool", "boolean"):
            options.add(f"--no{flag}")
    return CliFacts(tuple(sorted(options)), parses, opaque)


def _options_in(value: str) -> Iterator[str]:
    """`--epochs`, `--epochs=` and click's `--shout/--no-shout` → the option names."""
    for part in value.split("/"):
        name = part.strip().rstrip("=")
        if OPTION.match(name):
            yield name
