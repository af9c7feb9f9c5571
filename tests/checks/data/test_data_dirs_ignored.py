"""Tests of DAT003 data-dirs-ignored: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.data.conftest import README


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"data/train.csv": "a\n"}, Status.PASSED),  # small, committed on purpose (DAT002)
        ({"data/raw.bin": b"\0raw"}, Status.PASSED),  # small, within the limits
        ({"models/best.pt": b"\0weights"}, Status.PASSED),  # a small model the API loads
        ({"frontend/src/app/data/page.tsx": "export default 1\n"}, Status.NOT_APPLICABLE),
        ({"data/train.csv": "a\n", ".gitignore": "data/\n"}, Status.PASSED),
        ({"data/train.csv": "a\n", ".gitignore": "/data\n"}, Status.PASSED),
        ({"data/train.csv": "a\n", ".gitignore": "data/*\n!data/.gitkeep\n"}, Status.PASSED),
        ({"data/.gitkeep": "", "data/README.md": "Download here\n"}, Status.NOT_APPLICABLE),
        ({"src/models/resnet.py": "class Net: ...\n"}, Status.NOT_APPLICABLE),  # code package
        ({"src/models/resnet.py": "x = 1\n", ".gitignore": "models/\n"}, Status.PASSED),
        ({"README.md": "# P\n", ".gitignore": "*.pyc\n"}, Status.NOT_APPLICABLE),
        ({"src/data/make_dataset.py": "x = 1\n"}, Status.NOT_APPLICABLE),
        ({"train.py": "x = 1\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_data_dirs_ignored(make_repo, run_rule, files, status):
    result = run_rule("DAT003", make_repo({**README, **files}))
    assert result.status is status


def test_data_dirs_partial_and_located(make_repo, run_rule):
    big = b"\0" * 10_000_001  # over the 10 MB a file may have to be committed on purpose
    repo = make_repo({"data/a.bin": big, "outputs/run1/preds.bin": big}, git_repo=True)
    # outputs/ committed first, ignored later: its files are still listed, the folder is ignored
    (repo.source.root / ".gitignore").write_text("outputs/\n")
    result = run_rule("DAT003", repo)
    assert result.status is Status.PARTIAL and result.score == pytest.approx(0.5)
    [finding] = result.findings
    assert finding.location.path == "data/a.bin" and "data/" in finding.message


def test_small_data_committed_on_purpose_passes(make_repo, run_rule):
    files = {"data/iris.csv": "sepal,petal\n1,2\n", "data/labels.json": "{}\n"}
    result = run_rule("DAT003", make_repo({**README, **files}))
    assert result.status is Status.PASSED and "on purpose" in (result.summary or "")


def test_data_over_the_shared_limits_still_fails(make_repo, run_rule):
    # one policy: 201 images break no-committed-data-files' limit, so none is on purpose
    files = {f"data/images/{i}.png": b"\x89PNG" for i in range(201)}
    repo = make_repo({**README, **files})
    assert run_rule("DAT002", repo).status is Status.FAILED
    assert run_rule("DAT003", repo).status is Status.FAILED


def test_a_large_checkpoint_is_not_committed_on_purpose(make_repo, run_rule):
    files = {"data/iris.csv": "a,b\n1,2\n", "models/best.pt": b"\0" * 10_000_001}
    result = run_rule("DAT003", make_repo({**README, **files}))
    assert result.status is Status.FAILED and "models/" in result.findings[0].message


def test_dvc_tracked_data_folder_passes(make_repo, run_rule):
    big = "x" * 10_000_001
    files = {"data/raw/train.csv": big, "data/raw.dvc": "outs:\n- path: raw\n", "a.py": "x = 1\n"}
    result = run_rule("DAT003", make_repo({**README, **files}))
    assert result.status is not Status.FAILED
