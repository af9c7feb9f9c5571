"""radon's cyclomatic complexity and Halstead volume, computed in one walk of an existing AST.

radon runs two visitors (`ComplexityVisitor`, `HalsteadVisitor`) that each walk the tree with
name-based dispatch; on a typical module they cost three times the parse itself. This walk
reproduces both visitors' rules, quirks included, so the numbers are radon's to the digit
(tests compare them on the standard library): complexity counts only statement bodies of
functions and classes, an `assert` adds one without looking inside, a function's end line is
the last line radon saw in its last statement; Halstead operands are keyed by the enclosing
function's name, and function decorators and arguments are skipped by both.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field

NO_LINE = -math.inf
LOOPS = (ast.For, ast.While, ast.AsyncFor)
DECISION_TYPES = frozenset(
    {ast.If, ast.IfExp, ast.BoolOp, *LOOPS, ast.comprehension, ast.Try, ast.Match}
)
LEAF_FIELDS = frozenset({"ctx", "op", "ops"})  # Halstead reads operators from their parent
# Fields that hold identifiers, numbers or flags, never a node (not looked at)
VALUE_FIELDS = frozenset(
    {"id", "attr", "arg", "name", "kind", "type_comment", "level", "is_async", "conversion"}
)
CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
HALSTEAD_OPERATORS = frozenset({ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.AugAssign, ast.Compare})


@dataclass(frozen=True)
class Block:
    """A function, method or class as radon reports it (`complexity` is radon's, per kind)."""

    name: str
    line: int
    end_line: int
    complexity: int
    kind: str  # "function" | "method" | "class"
    classname: str | None = None
    has_docstring: bool = False


@dataclass(frozen=True)
class ModuleMetrics:
    """Everything one walk yields for a module."""

    blocks: tuple[Block, ...]
    total_complexity: int
    halstead_volume: float
    imports: frozenset[str]
    # issue 11 item 6: the module's calls, for the seeds analysis (no second walk)
    calls: tuple[ast.Call, ...] = ()
    # the line of every import statement, sorted: the import walks skip blocks without one
    import_lines: tuple[int, ...] = ()


@dataclass
class _Scope:
    """The state of one radon ComplexityVisitor instance."""

    to_method: bool = False
    classname: str | None = None
    complexity: int = 0
    max_line: float = NO_LINE
    functions: list[Block] = field(default_factory=list)
    classes: list[tuple[Block, list[Block]]] = field(default_factory=list)
    classes_complexity: int = 0  # radon: each class's real complexity minus one


class _Walker:
    """Carries the Halstead counters and imports across the recursive walk."""

    def __init__(self) -> None:
        self.operators_seen: set[str] = set()
        self.operands_seen: set[object] = set()
        self.operators = 0
        self.operands = 0
        self.imports: set[str] = set()
        self.calls: list[ast.Call] = []
        self.import_lines: list[int] = []

    def walk(self, node: ast.AST, scope: _Scope | None, context: str | None) -> None:
        """Visit `node`: complexity into `scope` (None: not counted), Halstead always."""
        node_type = type(node)  # exact types, as radon dispatches on the class name
        if node_type is ast.FunctionDef or node_type is ast.AsyncFunctionDef:
            self._function(node, scope, context)  # type: ignore[arg-type]
            return
        if node_type is ast.ClassDef:
            self._class(node, scope, context)  # type: ignore[arg-type]
            return
        if node_type is ast.Assert:
            if scope is not None:
                scope.complexity += 1
            scope = None  # radon's complexity does not look inside an assert; Halstead does
        elif scope is not None:
            line = getattr(node, "lineno", None)
            if line is not None and line > scope.max_line:
                scope.max_line = line
            if node_type in DECISION_TYPES:
                scope.complexity += _decision_points(node)
        if node_type in HALSTEAD_OPERATORS:
            self._operator(node, context)
        elif node_type is ast.Import or node_type is ast.ImportFrom:
            self._import(node)  # type: ignore[arg-type]
        if node_type is ast.Call:
            self.calls.append(node)  # type: ignore[arg-type]
        fields = CHILD_FIELDS.get(node_type)
        if fields is None:
            fields = CHILD_FIELDS[node_type] = _child_fields(node_type)
        for name in fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for child in value:
                    if isinstance(child, ast.AST):
                        self.walk(child, scope, context)
            elif isinstance(value, ast.AST):
                self.walk(value, scope, context)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.import_lines.append(node.lineno)
        if isinstance(node, ast.Import):
            self.imports.update(alias.name.split(".")[0] for alias in node.names)
        elif node.module and node.level == 0:
            self.imports.add(node.module.split(".")[0])

    def _function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        scope: _Scope | None,
        context: str | None,
    ) -> None:
        complexity, last = 1, _Scope()
        for child in node.body:
            last = _Scope()
            self.walk(child, last, node.name)
            complexity += last.complexity  # closures are blocks of their own, not counted here
        if scope is None:
            return
        scope.functions.append(
            Block(
                name=node.name,
                line=node.lineno,
                end_line=int(max(node.lineno, last.max_line)),  # radon: the last statement only
                complexity=complexity,
                kind="method" if scope.to_method else "function",
                classname=scope.classname,
                has_docstring=ast.get_docstring(node) is not None,
            )
        )

    def _class(self, node: ast.ClassDef, scope: _Scope | None, context: str | None) -> None:
        for field_name, value in ast.iter_fields(node):  # Halstead sees bases and decorators
            if field_name == "body":
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST):
                    self.walk(child, None, context)
        complexity, end_lines, methods = 1, [float(node.lineno)], []
        for child in node.body:
            inner = _Scope(to_method=True, classname=node.name)
            self.walk(child, inner, context)
            methods.extend(inner.functions)
            complexity += inner.complexity + sum(method.complexity for method in inner.functions)
            end_lines.append(inner.max_line)
        if scope is None:
            return
        end_lines.extend(method.end_line for method in methods)
        average = int(complexity / len(methods)) + (len(methods) > 1) if methods else complexity
        block = Block(
            name=node.name,
            line=node.lineno,
            end_line=int(max(end_lines)),
            complexity=average,
            kind="class",
            has_docstring=ast.get_docstring(node) is not None,
        )
        scope.classes.append((block, methods))
        scope.classes_complexity += complexity - 1

    def _operator(self, node: ast.AST, context: str | None) -> None:
        if isinstance(node, ast.Compare):
            self.operators += len(node.ops)
            self.operands += len(node.comparators) + 1
            self.operators_seen.update(type(op).__name__ for op in node.ops)
            operands: list[ast.expr] = [*node.comparators, node.left]
        elif isinstance(node, ast.BoolOp):
            self.operators += 1
            self.operands += len(node.values)
            self.operators_seen.add(type(node.op).__name__)
            operands = node.values
        elif isinstance(node, ast.UnaryOp):
            self.operators += 1
            self.operands += 1
            self.operators_seen.add(type(node.op).__name__)
            operands = [node.operand]
        elif isinstance(node, ast.BinOp):
            self.operators += 1
            self.operands += 2
            self.operators_seen.add(type(node.op).__name__)
            operands = [node.left, node.right]
        else:
            assert isinstance(node, ast.AugAssign)
            self.operators += 1
            self.operands += 2
            self.operators_seen.add(type(node.op).__name__)
            operands = [node.target, node.value]
        self.operands_seen.update((context, _operand_key(operand)) for operand in operands)

    def volume(self) -> float:
        """Halstead volume N * log2(h), 0 for an empty vocabulary."""
        vocabulary = len(self.operators_seen) + len(self.operands_seen)
        length = self.operators + self.operands
        return length * math.log(vocabulary, 2) if vocabulary else 0.0


def _child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    """Fields that may hold nodes; operator and load/store leaves count for neither metric,
    and identifiers, flags and a constant's value are never nodes."""
    if node_type is ast.Constant:
        return ()
    return tuple(
        name for name in node_type._fields if name not in LEAF_FIELDS and name not in VALUE_FIELDS
    )


def _decision_points(node: ast.AST) -> int:
    if isinstance(node, (ast.If, ast.IfExp)):
        return 1
    if isinstance(node, ast.BoolOp):
        return len(node.values) - 1
    if isinstance(node, LOOPS):
        return bool(node.orelse) + 1
    if isinstance(node, ast.comprehension):
        return len(node.ifs) + 1
    if type(node) is ast.Try:  # radon matches the class name: `try/except*` is not counted
        return len(node.handlers) + bool(node.orelse)
    if isinstance(node, ast.Match):
        catch_all = any(getattr(case.pattern, "pattern", False) is None for case in node.cases)
        return max(0, len(node.cases) - catch_all)
    return 0


def _operand_key(operand: ast.expr) -> object:
    if isinstance(operand, ast.Name):
        return operand.id
    if isinstance(operand, ast.Attribute):
        return operand.attr
    if isinstance(operand, ast.Constant):
        return operand.value
    return operand  # radon keys any other operand by the node itself: each one is distinct


def measure(tree: ast.Module) -> ModuleMetrics:
    """radon's blocks, total complexity and Halstead volume for `tree`, plus its imports."""
    walker = _Walker()
    module = _Scope(complexity=1)
    for child in tree.body:
        walker.walk(child, module, None)
    blocks: list[Block] = list(module.functions)
    for block, methods in module.classes:
        blocks.append(block)
        blocks.extend(methods)
    total = (
        module.complexity
        + sum(function.complexity - 1 for function in module.functions)
        + module.classes_complexity
    )
    return ModuleMetrics(
        tuple(blocks),
        total,
        walker.volume(),
        frozenset(walker.imports),
        tuple(walker.calls),
        tuple(sorted(walker.import_lines)),
    )
