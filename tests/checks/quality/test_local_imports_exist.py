"""Tests of QUA010 local-imports-exist: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README, cell, nb


def test_fires_when_a_local_package_lacks_the_imported_module(make_repo, run_rule):
    files = {
        **README,
        "train.py": "from utils.helpers import load\nfrom utils.io import save\n",
        "utils/__init__.py": "",
        "utils/io.py": "def save(): ...\n",
    }
    result = run_rule("QUA010", make_repo(files))
    assert result.status is Status.PARTIAL
    [finding] = result.findings
    assert finding.location.path == "train.py" and finding.location.line == 1
    assert "utils.helpers" in finding.message


def test_fires_on_relative_imports_and_notebook_cells(make_repo, run_rule):
    files = {
        **README,
        "pkg/__init__.py": "",
        "pkg/train.py": "from .data import loader\nfrom .model import Net\n",
        "pkg/model.py": "class Net: ...\n",
        "notebooks/eda.ipynb": nb(
            cell("import pandas as pd\n"), cell("from pkg.plots import bar\n")
        ),
    }
    result = run_rule("QUA010", make_repo(files))
    assert sorted((f.location.path, f.key) for f in result.findings) == [
        ("notebooks/eda.ipynb", "pkg.plots"),
        ("pkg/train.py", ".data"),
    ]
    notebook_finding = next(f for f in result.findings if f.location.path.endswith(".ipynb"))
    assert notebook_finding.location.cell == 2  # counted from 1, as Jupyter shows it


def test_quiet_on_third_party_names_layouts_and_guards(make_repo, run_rule):
    files = {
        **README,
        "requirements.txt": "datasets==2.19.0\n",
        # a `datasets/` folder of scripts is not Hugging Face's `datasets`
        "datasets/prepare.py": "print('prepare')\n",
        "train.py": (
            "from datasets import load_dataset\nimport datasets.arrow_dataset\n"
            "import logging.handlers\nfrom src.model import Net\nfrom model import Net\n"
            "try:\n    from utils.fast import kernel\nexcept ImportError:\n    kernel = None\n"
            "from proto.service_pb2 import Request\nfrom secrets_local import KEY\n"
        ),
        "src/model.py": "class Net: ...\n",
        "utils/__init__.py": "",
        "proto/__init__.py": "",
        # a script in a folder imports its siblings; a package imports from the root
        "scripts/run.py": "from helpers import go\n",
        "scripts/helpers.py": "def go(): ...\n",
        "app/core/__init__.py": "",
        "app/core/logging.py": "import logging.handlers\n",
        "app/__init__.py": "",
        "app/main.py": "from app.core.logging import setup\n",
        # generated on purpose, as the .gitignore says
        "pkg/__init__.py": "from pkg._version import version\n",
        ".gitignore": "pkg/_version.py\n",
    }
    result = run_rule("QUA010", make_repo(files, git_repo=False))
    assert result.status is Status.PASSED, result.findings


def test_quiet_when_the_module_is_explained_in_the_readme(make_repo, run_rule):
    files = {
        "README.md": "# App\n\nCopy `config.example.py` to `src/config.py` and add your key.\n",
        "src/__init__.py": "",
        "src/app.py": "from src.config import API_KEY\n",
    }
    assert run_rule("QUA010", make_repo(files)).status is Status.PASSED
