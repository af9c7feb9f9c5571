"""Tests of the per-file import sites and notebook pip installs (ENV005's facts)."""

from __future__ import annotations

import ast

from portfolio_lint.analysis.imports import cell_code, import_sites, pip_install_names


def sites(source: str) -> dict[str, tuple[int, bool]]:
    return {s.dotted: (s.line, s.guarded) for s in import_sites(ast.parse(source))}


def test_absolute_imports_with_first_line_and_guard():
    source = (
        "import os, numpy.linalg as la\n"
        "from . import local\n"
        "from .x import y\n"
        "try:\n    import ujson\nexcept (ImportError, OSError):\n    ujson = None\n"
        "try:\n    import tomllib\nexcept ModuleNotFoundError:\n    import tomli as tomllib\n"
        "if TYPE_CHECKING:\n    from pandas import DataFrame\n"
        "if sys.version_info < (3, 11):\n    import exceptiongroup\n"
        "if __name__ == '__main__':\n    import uvicorn\n"
        "def f():\n    import torch\n"
        "try:\n    import yaml\nfinally:\n    pass\n"
    )
    found = sites(source)
    assert found["os"] == (1, False) and found["numpy.linalg"] == (1, False)
    assert not any(name.startswith(("local", "x")) for name in found)
    for optional in ("ujson", "tomllib", "tomli", "pandas.DataFrame", "exceptiongroup", "uvicorn"):
        assert found[optional][1], optional
    assert found["torch"] == (19, False)
    assert found["yaml"] == (21, False)


def test_an_unguarded_site_wins_over_an_earlier_guarded_one():
    found = sites("try:\n    import numpy\nexcept ImportError:\n    pass\nimport numpy\n")
    assert found["numpy"] == (5, False)


def test_from_import_records_the_submodule_it_may_name():
    assert "google.cloud.storage" in sites("from google.cloud import storage\n")


def test_cell_code_blanks_ipython_lines():
    code = cell_code("!pip install x\n%matplotlib inline\nfiles = !ls\nimport numpy\n")
    assert code is not None
    assert code.splitlines() == ["pass", "pass", "pass", "import numpy"]
    assert cell_code("%%bash\nimport nothing\n") is None
    assert cell_code("%%time\nimport numpy\n") == "\nimport numpy"


def test_pip_install_names():
    assert pip_install_names("-q -U transformers==4.40 'datasets>=2' -r req.txt .") == [
        "transformers",
        "datasets",
    ]
    assert pip_install_names("git+https://github.com/o/r.git#egg=peft && ls") == ["peft"]
    assert pip_install_names("-c conda-forge xgboost=2.0") == ["xgboost"]


NESTED = (
    "import os\n"
    "@decorate(lambda: 1)\n"
    "def load(path):\n    if path:\n        import yaml\n    return os\n"
    "class Model:\n    def fit(self):\n        try:\n            import torch\n"
    "        except ImportError:\n            torch = None\n        return torch\n"
    "    def score(self):\n        return 1\n"
    "with open('x') as f: import json\n"
    "match os.name:\n    case 'nt':\n        import winreg\n    case _:\n        pass\n"
    "for i in range(3):\n    x = i\nelse:\n    from typing import TYPE_CHECKING\n"
    "if TYPE_CHECKING:\n    import pandas\n"
    "x = 1; import sys\n"
)


def test_blocks_without_an_import_line_are_skipped_with_the_same_sites():
    tree = ast.parse(NESTED)
    lines = tuple(
        sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom))
    )
    assert import_sites(tree, lines=lines) == import_sites(tree)
    assert {s.dotted for s in import_sites(tree, lines=lines)} == {
        "os", "yaml", "torch", "json", "winreg", "typing.TYPE_CHECKING", "pandas", "sys"
    }  # fmt: skip
    # told there is no import line, no block is entered: only top-level imports are left
    assert {s.dotted for s in import_sites(tree, lines=())} == {"os", "sys"}
