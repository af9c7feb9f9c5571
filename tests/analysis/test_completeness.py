"""Tests of analysis/completeness: undefined names, imports, stubs, `__main__` calls, CLI facts."""

from __future__ import annotations

import ast

import pytest

from portfolio_lint.analysis.completeness import (
    cli_facts,
    import_statements,
    looks_exported_from_notebook,
    main_calls,
    stub_functions,
    undefined_names,
)


def names(source: str, *, notebook: bool = False) -> list[str]:
    return [use.name for use in undefined_names(ast.parse(source), source, notebook=notebook)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("model = build()\n", ["build"]),
        ("def train():\n    return evaluate(model)\nmodel = 1\n", ["evaluate"]),
        ("print(len(__file__), __name__, aiter, ExceptionGroup)\n", []),  # builtins, newer ones
        ("from torch import *\nx = nn.Linear(2, 2)\n", []),  # a star import may define it
        (
            "import os\nif os.name == 'nt':\n    sep = '\\\\'\nelse:\n    sep = '/'\nprint(sep)\n",
            [],
        ),
        ("try:\n    unicode\nexcept NameError:\n    unicode = str\n", []),
        ("globals()['lr'] = 0.1\nprint(lr)\n", []),  # a dynamic namespace: not judged
        ("def f(x: 'Tensor') -> 'Model | None':\n    return x\n", []),  # forward references
        ("def f(x: TensorType['batch', 'channels']):\n    return x\n", ["TensorType"]),
        ("from __future__ import annotations\ndef f(x: Tensor) -> Model:\n    return x\n", []),
        ("def f(x: Tensor):\n    return x\n", ["Tensor"]),  # evaluated when `def` runs
        ("print(xrange(3))\n", ["xrange"]),  # Python 2 only
        ("def f():\n    return f'{score:.2f} {\"a\"}'\n", ["score"]),  # names in f-strings
        (
            "def it(xs):\n    for x in xs:\n        if x:\n            yield prev\n"
            "        prev = x\n",
            [],
        ),
        ("def a():\n    acc = 1\n    return acc\ndef b():\n    return acc\n", ["acc"]),
    ],
)
def test_undefined_names(source, expected):
    assert names(source) == expected


def test_notebook_builtins_only_in_notebooks():
    source = "display(df_head)\nspark.read.csv('x')\n"
    assert names(source) == ["df_head", "display", "spark"]
    assert names(source, notebook=True) == ["df_head"]


@pytest.mark.parametrize(
    "header", ["# In[3]:\n", "# %%\n", "# Databricks notebook source\n", "get_ipython()\n"]
)
def test_scripts_exported_from_notebooks_have_ipython_builtins(header):
    assert looks_exported_from_notebook(header + "display(df)\n")
    assert not looks_exported_from_notebook("# A script.\ndisplay(df)\n")


def test_import_sites_mark_guarded_and_relative_imports():
    source = (
        "import os.path\n"
        "from . import helpers\n"
        "from ..models.net import Net\n"
        "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from utils.types import Batch\n"
        "def load():\n    from utils.io import read\n    return read\n"
    )
    sites = {(s.module, s.level, s.guarded) for s in import_statements(ast.parse(source).body)}
    assert sites == {
        ("os.path", 0, False),
        ("", 1, False),
        ("models.net", 2, False),
        ("ujson", 0, True),
        ("json", 0, False),
        ("typing", 0, False),
        ("utils.types", 0, True),
        ("utils.io", 0, False),
    }


def test_stub_functions_and_main_calls():
    source = (
        "def main():\n    '''Entry point.'''\n    # TODO: wire up training\n    pass\n"
        "def train(cfg):\n    ...\n"
        "def predict(x):\n    raise NotImplementedError('soon')\n"
        "def evaluate(m):\n    return m.score()\n"
        "import click\n@click.group()\ndef cli():\n    pass\n"  # a click group is meant empty
        "class Base:\n    def run(self):\n        raise NotImplementedError\n"  # abstract method
        "if __name__ == '__main__':\n    main()\n    print(evaluate(train(None)))\n"
    )
    tree = ast.parse(source)
    assert [s.name for s in stub_functions(tree)] == ["main", "train", "predict"]
    assert main_calls(tree) == ["evaluate", "main", "print", "train"]


def test_cli_facts():
    argparse_script = (
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--epochs', '-e', type=int)\np.add_argument('data_dir')\n"
    )
    cli = cli_facts(argparse_script, {"argparse"})
    assert cli.parses and not cli.opaque and cli.options == ("--epochs", "-e")
    click_script = "import click\n@click.option('--shout/--no-shout')\ndef f(shout): ...\n"
    assert cli_facts(click_script, {"click"}).options == ("--no-shout", "--shout")
    hand = "import sys\nif '--debug' in sys.argv:\n    pass\n"
    assert cli_facts(hand, {"sys"}).parses
    absl = "from absl import flags\nflags.DEFINE_integer('steps', 10, 'Steps.')\n"
    assert "--steps" in cli_facts(absl, {"absl"}).options
    dynamic = "import argparse\np = argparse.ArgumentParser()\nfor k in cfg:\n"
    dynamic += "    p.add_argument(f'--{k}')\n"
    assert cli_facts(dynamic, {"argparse"}).opaque
    for opaque in ("import fire\nfire.Fire(main)\n", "from transformers import HfArgumentParser\n"):
        assert cli_facts(opaque, {"fire", "transformers"}).opaque
    assert not cli_facts("print(1)\n", ()).parses


def test_import_statements_skip_blocks_without_an_import_line() -> None:
    source = (
        "def f():\n    if True:\n        import yaml\n    return 1\n"
        "def g():\n    return 2\n"
        "try:\n    import torch\nexcept ImportError:\n    torch = None\n"
        "x = 1; import sys\n"
    )
    tree = ast.parse(source)
    lines = sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom))
    full = list(import_statements(tree.body))
    assert list(import_statements(tree.body, lines=lines)) == full
    assert [(s.module, s.guarded) for s in full] == [
        ("yaml", True),
        ("torch", True),
        ("sys", False),
    ]
