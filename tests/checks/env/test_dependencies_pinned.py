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


def test_pinned_skips_without_dependencies(make_repo, run_rule):
    assert run_rule("ENV002", make_repo({"a.py": ""})).status is Status.NOT_APPLICABLE
