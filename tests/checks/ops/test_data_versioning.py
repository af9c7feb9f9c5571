"""Tests of OPS002 data-versioning: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import TRAIN

REMOTE = "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://loans/dvc\n"


@pytest.mark.parametrize(
    "extra",
    [
        {"data/loans.csv.dvc": "outs:\n- md5: 3f2a\n  path: loans.csv\n", ".dvc/config": REMOTE},
        {".gitattributes": "*.pkl filter=lfs diff=lfs merge=lfs -text\n"},
        {"register.py": "import mlflow\n\nmlflow.register_model('runs:/1/model', 'loans')\n"},
        {"scripts/download_data.py": "import hashlib\nimport urllib.request\n"},
    ],
)
def test_dvc_lfs_a_registry_or_checksums_pass(make_repo, run_rule, extra):
    result = run_rule("OPS002", make_repo({"train.py": TRAIN, **extra}))
    assert result.status is Status.PASSED


def test_dvc_without_a_remote_is_half_done(make_repo, run_rule):
    files = {"train.py": TRAIN, "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n"}
    result = run_rule("OPS002", make_repo(files))
    assert result.status is Status.PARTIAL
    assert "dvc remote add" in result.findings[0].message


def test_committed_data_in_plain_git_fails(make_repo, run_rule):
    files = {"train.py": TRAIN, "data/loans.csv": "income,default\n12,0\n"}
    result = run_rule("OPS002", make_repo(files))
    assert result.status is Status.FAILED
    assert "dvc add" in result.findings[0].message


def test_a_service_with_no_data_or_model_is_not_applicable(make_repo, run_rule):
    app = "from flask import Flask\n\napp = Flask(__name__)\n"
    result = run_rule("OPS002", make_repo({"app.py": app}))
    assert result.status is Status.NOT_APPLICABLE
