"""Tests of VCS005 no-committed-binaries: where it fires and where it stays quiet."""

from __future__ import annotations

import pickle

import pytest

from portfolio_lint.core.model import Status
from tests.checks.vcs.conftest import LFS_POINTER, PICKLE, README

DVC_FILE = "outs:\n- md5: abc\n  path: model.pkl\n"


NPY = b"\x93NUMPY\x01\x00v\x00{'descr': '<f8'}" + b"\x00" * 200_000


@pytest.mark.parametrize(
    "files",
    [
        {"models/model.pkl": PICKLE},
        {"features.npy": NPY},
        {"weights/best.pt": b"PK\x03\x04" + bytes(range(256)) * 800},
        {"data/train.csv.gz": b"\x1f\x8b\x08\x00" + b"x" * 200_000},  # magic bytes, no NUL
        {"models/model.pkl": PICKLE, "README.md": "# Model\n"},
    ],
)
def test_committed_binaries_fire(make_repo, run_rule, files):
    result = run_rule("VCS005", make_repo({**README, **files}))
    assert result.status is Status.FAILED
    assert "Git LFS or DVC" in result.findings[0].message


@pytest.mark.parametrize(
    "files",
    [
        {"models/model.pkl": "import pickle\n" + "# notes\n" * 20_000},  # Python text, not pickle
        {"models/model.pkl": LFS_POINTER},
        {"models/model.pt": PICKLE, ".gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\n"},
        {"models/model.pkl": PICKLE, "models/model.pkl.dvc": DVC_FILE},
        {"models/tiny.pkl": pickle.dumps({"a": 1}, protocol=4)},  # under the size floor
        {"train.py": "import torch\n"},
    ],
)
def test_committed_binaries_quiet(make_repo, run_rule, files):
    assert run_rule("VCS005", make_repo({**README, **files})).status is Status.PASSED
