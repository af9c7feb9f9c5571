"""The cheap name-resolution walk that decides whether pyflakes must look at a module."""

from __future__ import annotations

import ast
import textwrap

import pytest

from portfolio_lint.analysis.completeness import NEWER_BUILTINS, undefined_names
from portfolio_lint.analysis.name_resolution import may_have_undefined_names

CLEAN = {
    "imports and calls": "import os\nfrom math import pi\nprint(os.sep, pi, len([]))\n",
    "function reads a later module name": "def f():\n    return LIMIT\n\nLIMIT = 3\n",
    "closure": (
        "def outer(a):\n    def inner():\n        return a + b\n    b = 1\n    return inner\n"
    ),
    "comprehension at module level": "rows = [x * 2 for x in range(3) if x]\n",
    "dict comprehension in a class": "class C:\n    table = {k: v for k, v in {}.items()}\n",
    "global": "def f():\n    global seen\n    seen = 1\n\ndef g():\n    return seen\n",
    "except, with and walrus": (
        "try:\n    import yaml\nexcept ImportError as error:\n    yaml = None\n"
        "with open('x') as handle:\n    pass\nif (n := len('ab')) > 1:\n    print(n, handle)\n"
    ),
    "method reads the module and its arguments": (
        "import json\n\nclass Model:\n    size = 3\n\n    def dump(self, path):\n"
        "        return json.dumps({'size': self.size, 'path': path, 'cls': __class__})\n"
    ),
    "lambda and defaults": "scale = 2\nf = lambda x, k=scale: x * k\n",
    "match captures": "match [1, 2]:\n    case [first, *rest]:\n        print(first, rest)\n",
}
MAYBE = {
    "name bound nowhere": "print(undefined_thing)\n",
    "bound only in another function": (
        "def train():\n    accuracy = 0.9\n\ndef report():\n    return accuracy\n"
    ),
    "module-level read before its binding": "print(total)\ntotal = 3\n",
    "class attribute read bare in a method": (
        "class C:\n    size = 3\n\n    def area(self):\n        return size * size\n"
    ),
    "star import": "from math import *\nprint(pi)\n",
    "del at module level": "def helper():\n    pass\n\ndel helper\nhelper()\n",
}


@pytest.mark.parametrize("source", CLEAN.values(), ids=CLEAN.keys())
def test_modules_whose_names_all_resolve_skip_pyflakes(source: str) -> None:
    tree = ast.parse(source)
    assert not may_have_undefined_names(tree, NEWER_BUILTINS)
    assert undefined_names(tree, source) == []


@pytest.mark.parametrize("source", MAYBE.values(), ids=MAYBE.keys())
def test_modules_with_a_name_in_doubt_go_to_pyflakes(source: str) -> None:
    assert may_have_undefined_names(ast.parse(source), NEWER_BUILTINS)


def test_the_walk_never_hides_what_pyflakes_reports() -> None:
    source = textwrap.dedent(
        """
        def evaluate(model, data):
            predictions = model.predict(data)
            return accuracy_pct

        def train():
            accuracy_pct = 91.2
            return accuracy_pct
        """
    )
    tree = ast.parse(source)
    assert may_have_undefined_names(tree, NEWER_BUILTINS)
    assert [use.name for use in undefined_names(tree, source)] == ["accuracy_pct"]


@pytest.mark.parametrize(
    ("source", "doubtful"),
    [
        ("class Node:\n    parent = Node\n", True),  # its own name, read in its body
        ("class Node:\n    size = 1\n    kind = size + 2 * -size\n", False),
        ("x = 1\ny = (x + 1 < 3) and not x\nz = [a.b for a in [y]][0]\n", False),
    ],
)
def test_offsets_order_reads_and_bindings_around_operators(source: str, doubtful: bool) -> None:
    assert may_have_undefined_names(ast.parse(source), NEWER_BUILTINS) is doubtful
