"""Tests of ENV005 imports-declared: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Severity, Status
from tests.notebooks import notebook_json


def notebook(*cells: str) -> str:
    """A minimal notebook whose code cells hold `cells`."""
    return notebook_json(*cells)


TRAIN = "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nimport cv2\n"


def warnings_of(result):
    return [f for f in result.findings if f.severity is not Severity.INFO]


def test_undeclared_imports_are_reported_with_the_distribution(make_repo, run_rule):
    repo = make_repo({"requirements.txt": "pandas==2.2.2\n", "src/train.py": TRAIN})
    result = run_rule("ENV005", repo)
    assert result.status is Status.PARTIAL
    messages = {f.message.split("`")[1]: f for f in warnings_of(result)}
    assert set(messages) == {"sklearn", "cv2"}
    assert "scikit-learn" in messages["sklearn"].message
    assert "opencv-python" in messages["cv2"].message
    assert messages["sklearn"].location.path == "src/train.py"
    assert messages["sklearn"].location.line == 2


@pytest.mark.parametrize(
    "declaration",
    [
        {"requirements.txt": "pandas\nscikit-learn>=1.3\nopencv-python-headless\n"},
        {
            "requirements.txt": "-r requirements/base.txt\n",
            "requirements/base.txt": "pandas\nscikit_learn\nopencv-contrib-python\n",
        },
        {
            "pyproject.toml": "[project]\nname='demo'\ndependencies=['pandas', 'scikit-learn']\n"
            "[project.optional-dependencies]\nvision=['opencv-python']\n"
        },
        {
            "pyproject.toml": "[tool.poetry.dependencies]\npython='^3.11'\npandas='^2'\n"
            "scikit-learn='^1.4'\n[tool.poetry.group.cv.dependencies]\nopencv-python='*'\n"
        },
        {
            "environment.yml": "name: demo\ndependencies:\n  - python=3.11\n  - pandas\n"
            "  - scikit-learn\n  - pip\n  - pip:\n    - opencv-python\n"
        },
        {"Pipfile": "[packages]\npandas='*'\nscikit-learn='*'\nopencv-python='*'\n"},
        {
            "setup.cfg": "[options]\ninstall_requires =\n    pandas\n    scikit-learn\n"
            "    opencv-python\n"
        },
        {
            "setup.py": "from setuptools import setup\nsetup(install_requires=['pandas',"
            " 'scikit-learn', 'opencv-python'])\n"
        },
    ],
)
def test_every_declaration_format_covers_the_imports(make_repo, run_rule, declaration):
    result = run_rule("ENV005", make_repo({**declaration, "src/train.py": TRAIN}))
    assert result.status is Status.PASSED, result.findings


def test_local_stdlib_relative_and_optional_imports_are_not_required(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\n",
        "src/churn/__init__.py": "",
        "src/churn/features.py": "from .io import load\nfrom . import io\n",
        "src/churn/io.py": "import json, os, sys\nimport distutils\nimport numpy as np\n",
        "scripts/run.py": "import helpers\nfrom churn.features import load\n",
        "scripts/helpers.py": "import typing\n",
        "app.py": (
            "from typing import TYPE_CHECKING\n"
            "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
            "if TYPE_CHECKING:\n    import pandas\n"
            "if __name__ == '__main__':\n    import uvicorn\n"
        ),
    }
    result = run_rule("ENV005", make_repo(files))
    assert result.status is Status.PASSED, result.findings


def test_test_only_imports_accept_dev_declarations(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\n",
        "requirements-dev.txt": "pytest\n",
        "src/core.py": "import numpy\n",
        "tests/test_core.py": "import pytest\n",
    }
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED
    del files["requirements-dev.txt"]
    result = run_rule("ENV005", make_repo(files))
    (finding,) = warnings_of(result)
    assert "only tests import it" in finding.message


def test_notebook_imports_and_pip_install_lines(make_repo, run_rule):
    nb = notebook(
        "!pip install -q transformers==4.40 datasets\n%matplotlib inline",
        "import torch\nfrom transformers import AutoModel\nimport datasets",
        "from google.colab import drive\ndrive.mount('/content/drive')",
    )
    result = run_rule("ENV005", make_repo({"finetune.ipynb": nb}))
    (finding,) = warnings_of(result)
    assert finding.message.startswith("`torch`")
    assert finding.location.path == "finetune.ipynb"
    assert finding.location.cell == 2


def test_each_missing_module_is_reported_once_at_its_first_import(make_repo, run_rule):
    files = {
        "requirements.txt": "pandas\n",
        "a.py": "import pandas\n\nimport yaml\n",
        "b.py": "import yaml\nfrom yaml import safe_load\n",
    }
    (finding,) = warnings_of(run_rule("ENV005", make_repo(files)))
    assert (finding.location.path, finding.location.line) == ("a.py", 3)
    assert "PyYAML" in finding.message


def test_dockerfile_only_install_path_is_judged_the_same(make_repo, run_rule):
    files = {
        "Dockerfile": "FROM python:3.11-slim\nRUN pip install --no-cache-dir fastapi \\\n"
        "    uvicorn\nCOPY . .\n",
        "main.py": "from fastapi import FastAPI\nimport joblib\n",
    }
    result = run_rule("ENV005", make_repo(files))
    (finding,) = warnings_of(result)
    assert "`joblib`" in finding.message and "Dockerfile" in finding.message


def test_no_declaration_is_left_to_dependencies_declared(make_repo, run_rule):
    result = run_rule("ENV005", make_repo({"train.py": "import pandas\n"}))
    assert result.status is Status.NOT_APPLICABLE


def test_declared_but_never_imported_is_only_an_info_note(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\ngunicorn\nscikit-learn\n",
        "a.py": "import numpy\nfrom sklearn import svm\n",
    }
    result = run_rule("ENV005", make_repo(files))
    assert result.status is Status.PASSED
    (note,) = result.findings
    assert note.severity is Severity.INFO and "gunicorn" in note.message


def test_generic_module_names_missing_from_the_tree_are_left_to_code_completeness(
    make_repo, run_rule
):
    files = {"requirements.txt": "numpy\n", "train.py": "import numpy\nfrom utils import load\n"}
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED


def test_namespace_packages_and_conda_names(make_repo, run_rule):
    files = {
        "environment.yml": "dependencies:\n  - pytorch\n  - py-xgboost\n",
        "train.py": "import torch\nimport xgboost\nfrom google.cloud import storage\n",
    }
    (finding,) = warnings_of(run_rule("ENV005", make_repo(files)))
    assert "`google`" in finding.message and "google-cloud-storage" in finding.message


def test_vendored_code_is_not_judged(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\n",
        "main.py": "import numpy\n",
        "venv/lib/python3.11/site-packages/keras/x.py": "import tensorflow\n",
    }
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED


def test_a_lock_file_covers_transitive_imports(make_repo, run_rule):
    files = {
        "pyproject.toml": "[project]\nname='api'\ndependencies=['fastapi']\n",
        "uv.lock": 'version = 1\n\n[[package]]\nname = "fastapi"\n\n[[package]]\n'
        'name = "pydantic"\n\n[[package]]\nname = "starlette"\n',
        "app.py": "from fastapi import FastAPI\nfrom pydantic import BaseModel\n"
        "from starlette.requests import Request\n",
    }
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED
    del files["uv.lock"]
    result = run_rule("ENV005", make_repo(files))
    assert {f.message.split("`")[1] for f in warnings_of(result)} == {"pydantic", "starlette"}


def test_packages_a_makefile_installs_by_name_are_declared(make_repo, run_rule):
    files = {
        "requirements.txt": "fastapi\n",
        "Makefile": "install:\n\tpip install -r requirements.txt\n\tCMAKE_ARGS=-DGGML_CUDA=on \\\n"
        "\t  pip install llama-cpp-python==0.2.90\n",
        "bot.py": "from fastapi import FastAPI\nfrom llama_cpp import Llama\n",
    }
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED


def test_test_tools_the_ci_workflow_installs_are_declared(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\n",
        ".github/workflows/ci.yml": "jobs:\n  test:\n    steps:\n      - run: |\n"
        "          pip install flake8 pytest\n          pytest -q\n",
        "src/core.py": "import numpy\n",
        "tests/test_core.py": "import pytest\n",
    }
    assert run_rule("ENV005", make_repo(files)).status is Status.PASSED


def test_computed_declarations_alone_are_not_judged(make_repo, run_rule):
    files = {
        "setup.py": "from setuptools import setup\nsetup(install_requires=read_requirements())\n",
        "pkg/__init__.py": "import numpy\n",
    }
    result = run_rule("ENV005", make_repo(files))
    assert result.status is Status.NOT_APPLICABLE
    assert "computed" in (result.reason or "")


def test_a_notebook_install_does_not_declare_what_the_scripts_import(make_repo, run_rule):
    files = {
        "requirements.txt": "numpy\n",
        "explore.ipynb": notebook("%pip install seaborn", "import seaborn\nimport numpy"),
        "train.py": "import numpy\nimport seaborn\n",
    }
    (finding,) = warnings_of(run_rule("ENV005", make_repo(files)))
    assert finding.location.path == "train.py"


def test_an_import_installed_with_a_declared_package_is_a_half_weight_warning(make_repo, run_rule):
    code = "import numpy as np\nimport pandas as pd\n\nframe = pd.DataFrame(np.eye(3))\n"
    repo = make_repo({"requirements.txt": "pandas==2.2.2\n", "src/features.py": code})
    result = run_rule("ENV005", repo)
    [finding] = warnings_of(result)
    assert finding.severity is Severity.WARNING
    assert "`numpy` is installed with pandas, but import it only if you declare it" in (
        finding.message
    )
    assert (finding.location.path, finding.location.line) == ("src/features.py", 1)
    assert result.score == pytest.approx(0.75)  # one of two imports, at half weight
    assert "installed with a declared package" in (result.summary or "")


def test_a_package_two_steps_down_and_an_unrelated_one(make_repo, run_rule):
    code = (
        "import cv2\nimport torch\nfrom huggingface_hub import hf_hub_download\n"
        "from sentence_transformers import SentenceTransformer\n"
    )
    repo = make_repo({"requirements.txt": "sentence-transformers==3.0.1\n", "embed.py": code})
    result = run_rule("ENV005", repo)
    messages = {f.message.split("`")[1]: f.message for f in warnings_of(result)}
    assert "installed with sentence-transformers" in messages["torch"]
    assert "installed with sentence-transformers" in messages["huggingface_hub"]
    assert "installed with" not in messages["cv2"] and "opencv-python" in messages["cv2"]
    assert result.score == pytest.approx(1 - 2 / 4)  # cv2 whole, torch and hub half each


def test_pigar_index_is_scanned_once_per_lint(make_repo, run_rule, monkeypatch):
    from portfolio_lint.facts import distributions

    scans = []
    connect = distributions._connect
    monkeypatch.setattr(distributions, "_connect", lambda: scans.append(1) or connect())
    distributions._query.cache_clear()
    files = {
        "requirements.txt": "pandas==2.2.2\nrich==13.7.1\n",  # rich: declared, never imported
        "src/train.py": TRAIN + "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n",
    }
    result = run_rule("ENV005", make_repo(files))
    assert {f.message.split("`")[1] for f in warnings_of(result)} == {"sklearn", "cv2"}
    assert any("rich" in f.message for f in result.findings if f.severity is Severity.INFO)
    assert len(scans) == 1  # required and merely imported names in one lookup
