"""Tests of ENV002 dependencies-pinned: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


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


def test_pins_are_not_shown_without_dependencies(make_repo, run_rule):
    result = run_rule("ENV002", make_repo({"a.py": ""}))
    assert (result.status, result.score) == (Status.FAILED, 0.0)
    assert "dependencies-declared" in (result.reason or "")


def test_names_are_compared_pep503_normalised(make_repo, run_rule):
    files = {
        "pyproject.toml": "[project]\nname='a'\ndependencies=['Prometheus_Client>=0.1']\n",
        "requirements.txt": "prometheus-client==0.20.0\n",
    }
    assert run_rule("ENV002", make_repo(files)).score == pytest.approx(1.0)


@pytest.mark.parametrize(
    "lock",
    [
        {"requirements.lock.txt": "pandas==2.2.2\nnumpy==1.26.4\n"},
        {"requirements-lock.txt": "pandas==2.2.2\n"},
        {"requirements_frozen.txt": "pandas==2.2.2\n"},
        {"constraints.txt": "pandas==2.2.2\n"},
        {"pdm.lock": "# generated\n"},
        {"pixi.lock": "version: 5\n"},
        {"conda-lock.yml": "version: 1\n"},
        {"pylock.toml": "lock-version = '1.0'\n"},
    ],
)
def test_lock_files_under_common_names_pass(make_repo, run_rule, lock):
    result = run_rule("ENV002", make_repo({"requirements.txt": "pandas\n", **lock}))
    assert result.status is Status.PASSED


def test_constraints_of_ranges_are_not_a_lock(make_repo, run_rule):
    files = {"requirements.txt": "pandas\n", "constraints.txt": "pandas<3\n"}
    assert run_rule("ENV002", make_repo(files)).status is not Status.PASSED


INSTALL_API = "# Churn API\n\n```bash\npip install -r api/requirements.txt\n```\n"


def test_judged_on_the_file_the_readme_installs_from(make_repo, run_rule):
    files = {
        "README.md": INSTALL_API,
        "api/requirements.txt": "fastapi==0.111.0\nscikit-learn==1.5.0\n",
        "experiments/old/requirements.txt": "pandas\nmatplotlib\nseaborn\n",
    }
    result = run_rule("ENV002", make_repo(files))
    assert result.status is Status.PASSED
    assert "api/requirements.txt" in (result.summary or "")


def test_unpinned_install_file_fails_even_with_pinned_subfolders(make_repo, run_rule):
    files = {
        "README.md": "# Churn\n\n1. pip install -r requirements.txt\n",
        "requirements.txt": "pandas\nscikit-learn\n",
        "serving/requirements.txt": "fastapi==0.111.0\npandas==2.2.2\n",
    }
    result = run_rule("ENV002", make_repo(files))
    assert result.score == pytest.approx(0.0)
    assert [f.location.path for f in result.findings] == ["requirements.txt"]


def test_without_an_install_command_the_root_files_are_judged(make_repo, run_rule):
    files = {
        "README.md": "# Churn\n",
        "requirements.txt": "pandas==2.2.2\n",
        "archive/v1/requirements.txt": "pandas\ntensorflow\n",
    }
    assert run_rule("ENV002", make_repo(files)).status is Status.PASSED


def test_a_lock_in_an_unrelated_folder_does_not_pin_the_root(make_repo, run_rule):
    files = {"requirements.txt": "pandas\n", "tools/docs/poetry.lock": "# lock\n"}
    assert run_rule("ENV002", make_repo(files)).score == pytest.approx(0.0)


def test_the_install_file_includes_its_base(make_repo, run_rule):
    files = {
        "README.md": "```\npip install -r requirements/prod.txt\n```\n",
        "requirements/prod.txt": "-r base.txt\ngunicorn==22.0.0\n",
        "requirements/base.txt": "flask\n",
    }
    result = run_rule("ENV002", make_repo(files))
    assert result.score == pytest.approx(0.5)
    assert result.findings[0].location.path == "requirements/base.txt"
