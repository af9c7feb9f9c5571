"""A cheap test that every name a module reads is bound where Python could find it.

pyflakes' undefined-name analysis costs 1.5-3x an `ast.parse`; most modules have no undefined
name at all. This walk resolves each name read against the bindings of its own scope, its
enclosing functions, the module and the builtins, ignoring order inside functions (a function
runs after the module has bound its names). When every name resolves, pyflakes could only report
names read at module level before their first binding, which the walk also rejects: reads at
module level (and in class bodies) need a binding earlier in the source. Anything else (a star
import, an unknown node) sends the module to pyflakes: the walk may say "maybe" too often,
never "clean" wrongly for a name that is bound nowhere it could be seen.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from dataclasses import dataclass, field

MODULE_NAMES = frozenset(
    {"__file__", "__builtins__", "__annotations__", "__name__", "__doc__", "__path__"}
    | {"__spec__", "__loader__", "__package__", "__cached__", "WindowsError", "__debug__"}
)
CLASS_NAMES = frozenset({"__module__", "__qualname__", "__class__"})
BUILTIN_NAMES = frozenset(dir(builtins)) | MODULE_NAMES | CLASS_NAMES


@dataclass
class _Scope:
    kind: str  # "module" | "class" | "function"
    parent: _Scope | None
    bound: dict[str, int] = field(default_factory=dict)  # name -> first binding's offset
    reads: list[tuple[str, int]] = field(default_factory=list)  # name, offset


def may_have_undefined_names(tree: ast.Module, extra_builtins: frozenset[str]) -> bool:
    """False when every name read in `tree` resolves to a binding it can see; True otherwise."""
    scopes: list[_Scope] = []
    module = _Scope("module", None)
    try:
        _visit(tree, module, scopes, [0])
    except _Unsure:
        return True
    scopes.append(module)
    known = BUILTIN_NAMES | extra_builtins
    return any(_unresolved(scope, known) for scope in scopes)


class _Unsure(Exception):  # noqa: N818 - control flow: the walk cannot decide
    pass


def _unresolved(scope: _Scope, known: frozenset[str]) -> bool:
    for name, offset in scope.reads:
        if name in known:
            continue
        if scope.kind == "function":
            if _bound_in_functions(scope, name) or name in _module(scope).bound:
                continue
            return True
        # Module and class bodies run in order: the binding must come first.
        first = scope.bound.get(name)
        if first is not None and first < offset:
            continue
        outer = _module(scope) if scope.kind == "class" else None
        if outer is not None:
            first = outer.bound.get(name)
            if (first is not None and first < offset) or _bound_in_functions(scope, name):
                continue
        return True
    return False


def _bound_in_functions(scope: _Scope, name: str) -> bool:
    current: _Scope | None = scope
    while current is not None and current.kind != "module":
        if current.kind == "function" and name in current.bound:
            return True
        current = current.parent
    return False


def _module(scope: _Scope) -> _Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def _bind(scope: _Scope, name: str, offset: int) -> None:
    scope.bound.setdefault(name, offset)


def _visit(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    counter[0] += 1
    node_type = type(node)
    if node_type is ast.Name:
        if type(node.ctx) is ast.Load:  # type: ignore[attr-defined]
            scope.reads.append((node.id, counter[0]))  # type: ignore[attr-defined]
        elif type(node.ctx) is ast.Store:  # type: ignore[attr-defined]
            _bind(scope, node.id, counter[0])  # type: ignore[attr-defined]
        elif scope.kind != "function":
            raise _Unsure  # `del` at module or class level: order matters, pyflakes decides
        return
    special = _SPECIAL.get(node_type)
    if special is not None:
        special(node, scope, scopes, counter)
        return
    plan = _PLANS.get(node_type)
    if plan is None:
        plan = _PLANS[node_type] = _plan(node_type)
    for name, kind in plan:
        if kind is _LEAF:  # a context or operator: counted as if visited, nothing to read
            counter[0] += 1
            continue
        value = getattr(node, name, None)
        if type(value) is list:
            if kind is _LEAVES:
                counter[0] += len(value)
                continue
            for child in value:
                if isinstance(child, ast.AST):
                    _visit(child, scope, scopes, counter)
        elif isinstance(value, ast.AST):
            _visit(value, scope, scopes, counter)


_CHILD, _LEAF, _LEAVES = "child", "leaf", "leaves"
# Fields that hold a childless node (its visit only advanced the counter) or a list of them.
LEAF_FIELDS = {"ctx": _LEAF, "op": _LEAF, "ops": _LEAVES}
# Fields that never hold a node: identifiers, numbers, flags.
VALUE_FIELDS = frozenset({"id", "attr", "kind", "type_comment", "level", "is_async", "conversion"})


def _plan(node_type: type) -> tuple[tuple[str, str], ...]:
    """How `_visit` treats each field of `node_type`, in field order (which the offsets follow)."""
    if node_type is ast.Constant:
        return ()  # its value is a Python object, never a node
    return tuple(
        (name, LEAF_FIELDS.get(name, _CHILD))
        for name in node_type._fields  # type: ignore[attr-defined]
        if name not in VALUE_FIELDS
    )


def _imports(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    assert isinstance(node, ast.Import | ast.ImportFrom)
    for alias in node.names:
        if alias.name == "*":
            raise _Unsure
        _bind(scope, alias.asname or alias.name.split(".")[0], counter[0])


def _declared(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    assert isinstance(node, ast.Global | ast.Nonlocal)
    for name in node.names:
        if isinstance(node, ast.Global):
            _bind(_module(scope), name, counter[0])
        _bind(scope, name, counter[0])


def _named(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    """Except handlers and match captures bind a name, then read their children."""
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    if name:
        _bind(scope, name, counter[0])
    for child in ast.iter_child_nodes(node):
        _visit(child, scope, scopes, counter)


def _comprehension(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    """The loop variables are bound before the element is computed."""
    for generator in getattr(node, "generators", ()):
        _visit(generator.target, scope, scopes, counter)
        _visit(generator.iter, scope, scopes, counter)
        for condition in generator.ifs:
            _visit(condition, scope, scopes, counter)
    for part in ("key", "value", "elt"):
        child = getattr(node, part, None)
        if child is not None:
            _visit(child, scope, scopes, counter)


def _unsure(node: ast.AST, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    raise _Unsure


def _function(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
    scope: _Scope,
    scopes: list[_Scope],
    counter: list[int],
) -> None:
    if getattr(node, "type_params", None):
        raise _Unsure
    # Decorators, defaults and annotations are read in the enclosing scope.
    for outer in [*getattr(node, "decorator_list", []), *node.args.defaults]:
        _visit(outer, scope, scopes, counter)
    for default in node.args.kw_defaults:
        if default is not None:
            _visit(default, scope, scopes, counter)
    if not isinstance(node, ast.Lambda):
        _bind(scope, node.name, counter[0])
        if node.returns is not None:
            _visit(node.returns, scope, scopes, counter)
    inner = _Scope("function", scope)
    arguments = node.args
    for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
        _bind(inner, argument.arg, 0)
        if argument.annotation is not None:
            _visit(argument.annotation, scope, scopes, counter)
    for special in (arguments.vararg, arguments.kwarg):
        if special is not None:
            _bind(inner, special.arg, 0)
            if special.annotation is not None:
                _visit(special.annotation, scope, scopes, counter)
    body = node.body if isinstance(node.body, list) else [node.body]
    for statement in body:
        _visit(statement, inner, scopes, counter)
    scopes.append(inner)


def _class(node: ast.ClassDef, scope: _Scope, scopes: list[_Scope], counter: list[int]) -> None:
    if getattr(node, "type_params", None):
        raise _Unsure
    for outer in [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]:
        _visit(outer, scope, scopes, counter)
    inner = _Scope("class", scope)
    for statement in node.body:
        _visit(statement, inner, scopes, counter)
    _bind(scope, node.name, counter[0])
    scopes.append(inner)


_PLANS: dict[type, tuple[tuple[str, str], ...]] = {}
_SPECIAL: dict[type, Callable[[ast.AST, _Scope, list[_Scope], list[int]], None]] = {
    ast.Import: _imports,
    ast.ImportFrom: _imports,
    ast.Global: _declared,
    ast.Nonlocal: _declared,
    ast.ExceptHandler: _named,
    ast.MatchAs: _named,
    ast.MatchStar: _named,
    ast.MatchMapping: _named,
    ast.FunctionDef: _function,  # type: ignore[dict-item]
    ast.AsyncFunctionDef: _function,  # type: ignore[dict-item]
    ast.Lambda: _function,  # type: ignore[dict-item]
    ast.ClassDef: _class,  # type: ignore[dict-item]
    ast.ListComp: _comprehension,
    ast.SetComp: _comprehension,
    ast.GeneratorExp: _comprehension,
    ast.DictComp: _comprehension,
}
if hasattr(ast, "TypeAlias"):  # type parameters have scopes of their own
    _SPECIAL[ast.TypeAlias] = _unsure
