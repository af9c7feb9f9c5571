"""ENV rules on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status

TOOL_ONLY = "[tool.ruff]\nline-length = 100\n[tool.pytest.ini_options]\naddopts = '-q'\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"requirements.txt": "pandas==2.2.2\n"}, Status.PASSED),
        ({"requirements/base.txt": "pandas\n"}, Status.PASSED),
        ({"pyproject.toml": "[project]\nname='a'\ndependencies=['numpy']\n"}, Status.PASSED),
        (
            {"pyproject.toml": "[tool.poetry.dependencies]\npython='^3.10'\nnumpy='^1.26'\n"},
            Status.PASSED,
        ),
        ({"environment.yml": "name: a\ndependencies:\n  - numpy\n"}, Status.PASSED),
        ({"Pipfile": "[packages]\nrequests = '*'\n"}, Status.PASSED),
        (
            {"setup.py": "from setuptools import setup\nsetup(install_requires=['numpy'])\n"},
            Status.PASSED,
        ),
        ({"uv.lock": "version = 1\n"}, Status.PASSED),
        ({"Dockerfile": "FROM python:3.11\nRUN pip install pandas scikit-learn\n"}, Status.PARTIAL),
        ({"pyproject.toml": TOOL_ONLY}, Status.FAILED),
        ({"requirements.txt": "# nothing yet\n"}, Status.FAILED),
        ({"pyproject.toml": "[project\nname = "}, Status.FAILED),
        ({"environment.yml": BOMB}, Status.FAILED),
        ({"dvc.lock": "schema: '2.0'\n", "train.py": "import pandas\n"}, Status.FAILED),
        ({"train.py": "import pandas\n"}, Status.FAILED),
    ],
)
def test_dependencies_declared(make_repo, run_rule, files, status):
    assert run_rule("ENV001", make_repo(files)).status is status


def test_malformed_pyproject_is_a_finding(make_repo, run_rule):
    result = run_rule("ENV001", make_repo({"pyproject.toml": "[project\n"}))
    assert any("invalid TOML" in f.message for f in result.findings)


@pytest.mark.parametrize(
    ("files", "score"),
    [
        ({"requirements.txt": "pandas==2.2.2\nnumpy===1.26.4\n"}, 1.0),
        ({"requirements.txt": "pandas==2.2.2 \\\n    --hash=sha256:abc\n"}, 1.0),
        ({"requirements.txt": "pandas>=2.0\nnumpy==1.26.4\n"}, 0.5),
        ({"requirements.txt": "pandas~=2.2\nnumpy>=1.0\n"}, 0.0),
        (
            {
                "requirements.txt": "-r base.txt\n-e .\n# c\n"
                "requests[socks]==2.31.0 ; python_version>'3'\n"
                "git+https://github.com/a/b.git@0123456789abcdef\n",
                "base.txt": "torch\n",
            },
            2 / 3,
        ),
        (
            {
                "pyproject.toml": "[project]\nname='a'\ndependencies=['numpy>=1']\n",
                "poetry.lock": "",
            },
            1.0,
        ),
        (
            {
                "pyproject.toml": "[project]\nname='a'\ndependencies=['numpy>=1']\n",
                "requirements.txt": "numpy==1.26.4\n",
            },
            1.0,
        ),
        ({"requirements.txt": "pandas\n", "dvc.lock": "stages: {}\n"}, 0.0),
        (
            {
                "environment.yml": "dependencies:\n  - python=3.10\n  - numpy=1.26.4\n"
                "  - pandas=2.2\n"
                "  - pip:\n    - shap==0.45.0\n"
            },
            2 / 3,
        ),
        ({"Pipfile": "[packages]\nrequests='*'\nflask='==3.0.0'\n"}, 0.5),
    ],
)
def test_dependencies_pinned(make_repo, run_rule, files, score):
    result = run_rule("ENV002", make_repo(files))
    assert result.score == pytest.approx(score)
    assert bool(result.findings) is (score < 1.0)


def test_unpinned_finding_points_at_the_line(make_repo, run_rule):
    result = run_rule("ENV002", make_repo({"requirements.txt": "numpy==1.26.4\npandas>=2\n"}))
    finding = result.findings[0]
    assert (finding.location.path, finding.location.line) == ("requirements.txt", 2)
    assert "pandas" in finding.message


def test_pip_freeze_local_builds_are_not_pins(make_repo, run_rule):
    """`pip freeze` in a conda env writes `pkg @ file:///...`: installable only on that machine."""
    freeze = (
        "numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_1707225342954/work/"
        "dist/numpy-1.26.4-cp311-cp311-linux_x86_64.whl\n"
        "pandas @ file:///C:/b/abs_xyz/croot/pandas_1702317985682/work\n"
        "scikit-learn==1.4.0\nrequests>=2\n"
    )
    result = run_rule("ENV002", make_repo({"requirements.txt": freeze}))
    assert result.score == pytest.approx(1 / 4)
    local, loose = result.findings
    assert (local.location.line, loose.location.line) == (1, 4)
    assert "2 requirements in requirements.txt point at files on the author's machine" in (
        local.message
    )
    assert "numpy @ file:///" in local.message and "pip list --format=freeze" in local.message
    assert "requests>=2" in loose.message and "file:" not in loose.message


def test_pinned_skips_without_dependencies(make_repo, run_rule):
    assert run_rule("ENV002", make_repo({"a.py": ""})).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"pyproject.toml": "[project]\nname='a'\nrequires-python='>=3.10'\n"}, Status.PASSED),
        ({".python-version": "3.11.7\n"}, Status.PASSED),
        ({"runtime.txt": "python-3.10.12\n"}, Status.PASSED),
        ({"environment.yml": "dependencies:\n  - python=3.10\n"}, Status.PASSED),
        ({"Pipfile": "[requires]\npython_version = '3.11'\n"}, Status.PASSED),
        ({"setup.py": "import os\nsetup(python_requires='>=3.9')\n"}, Status.PASSED),
        ({"Dockerfile": "FROM python:3.11-slim\n"}, Status.PASSED),
        ({"README.md": "# A\n\nRequires Python 3.10 or newer.\n"}, Status.PARTIAL),
        (
            {
                ".github/workflows/ci.yml": "jobs:\n  t:\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n"
                "          python-version: '3.11'\n"
            },
            Status.PARTIAL,
        ),
        ({"pyproject.toml": TOOL_ONLY}, Status.FAILED),
        ({"Dockerfile": "FROM ubuntu:22.04\n", "requirements.txt": "numpy\n"}, Status.FAILED),
    ],
)
def test_python_version_declared(make_repo, run_rule, files, status):
    assert run_rule("ENV003", make_repo(files)).status is status


@pytest.mark.parametrize(
    ("readme", "extra", "missing"),
    [
        ("```bash\npip install -r requirements.txt\n```\n", {"requirements.txt": "x\n"}, []),
        ("```bash\npip install -r requirements.txt\n```\n", {}, ["requirements.txt"]),
        ("```bash\nconda env create -f env/conda.yml\n```\n", {}, ["env/conda.yml"]),
        ("```bash\nconda env create\n```\n", {"environment.yaml": "name: a\n"}, []),
        (
            "```bash\npython src/train.py\nbash scripts/run.sh\n```\n",
            {"src/train.py": ""},
            ["scripts/run.sh"],
        ),
        ("```bash\ncp .env.example .env\n```\n", {}, [".env.example"]),
        ("```bash\ndocker compose -f deploy/compose.yml up\n```\n", {}, ["deploy/compose.yml"]),
        ("```bash\ndocker compose up\n```\n", {"docker-compose.yaml": "services: {}\n"}, []),
        ("```bash\nmake train\n```\n", {}, ["Makefile"]),
        ("```bash\npip install -e .\n```\n", {"pyproject.toml": "[project]\nname='a'\n"}, []),
        ("```bash\ncd backend\npython app.py\n```\n", {"backend/app.py": ""}, []),
        ("```bash\ngit clone https://x/y.git\ncd y\npython app.py\n```\n", {"app.py": ""}, []),
        ("```bash\ncd /opt/somewhere\npython app.py\n```\n", {}, []),
        ("```bash\npython app.py\n```\n", {"src/app.py": ""}, ["app.py"]),
        ("```bash\npython <your_script>.py\npython path/to/x.py\n```\n", {"a.py": ""}, []),
        (
            "See [setup](docs/setup.md).\n",
            {"docs/setup.md": "```\npip install -r req.txt\n```\n"},
            ["req.txt"],
        ),
        (
            "- [house prices](house-prices/)\n",
            {
                "house-prices/README.md": (
                    "```\npip install -r requirements.txt\npython train.py\n```\n"
                ),
                "house-prices/requirements.txt": "pandas\n",
                "house-prices/train.py": "",
            },
            [],
        ),
        (
            "See [setup](docs/setup.md).\n",
            {
                "docs/setup.md": "```\npip install -r requirements.txt\n```\n",
                "requirements.txt": "",
            },
            [],
        ),
    ],
)
def test_readme_referenced_files_exist(make_repo, run_rule, readme, extra, missing):
    result = run_rule("ENV004", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    if result.status is Status.NOT_APPLICABLE:
        assert missing == []
        return
    assert [f.key for f in result.findings] == missing
    assert (result.status is Status.PASSED) is (not missing)


def test_referenced_file_finding_hints_at_the_real_location(make_repo, run_rule):
    repo = make_repo({"README.md": "# A\n\n```\npython app.py\n```\n", "src/app.py": ""})
    finding = run_rule("ENV004", repo).findings[0]
    assert finding.location.line == 4
    assert "src/app.py" in finding.message


@pytest.mark.parametrize(
    "files",
    [
        {"a.py": ""},
        {"README.md": "# A\n\nInstall the requirements.\n"},
        {"README.md": "# A\n\n```bash\npip install pandas\n```\n"},
    ],
)
def test_referenced_files_skip(make_repo, run_rule, files):
    assert run_rule("ENV004", make_repo(files)).status is Status.NOT_APPLICABLE


def test_dockerfile_patterns_start_on_the_instruction_line() -> None:
    """`^[ \\t]*`, not `^\\s*`: a match never swallows the blank lines before it (quadratic)."""
    from portfolio_lint.checks.env import DOCKER_PIP, DOCKER_PYTHON

    text = "\n\n\nFROM python:3.11-slim\n\n\n  RUN pip install torch==2.1.0\n"
    python = DOCKER_PYTHON.search(text)
    pip = DOCKER_PIP.search(text)
    assert python is not None and python.start() == 3 and python.group(1) == "3.11"
    assert pip is not None and text[pip.start() :].startswith("  RUN")
