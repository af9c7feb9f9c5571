"""Tests of DAT002 no-committed-data-files: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.data.conftest import README

LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 99999999\n"


BIG_CSV = "a,b,c\n" + "1,2,3\n" * 2_000_000  # 12 MB


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"data/train.csv": BIG_CSV}, Status.FAILED),
        ({"raw.parquet": b"PAR1" + b"\0" * 11_000_000}, Status.FAILED),
        ({f"data/images/{i}.png": b"\x89PNG\0" for i in range(201)}, Status.FAILED),
        ({"data/sample.csv": "a,b\n1,2\n"}, Status.PASSED),  # small sample data
        ({f"data/images/{i}.png": b"\x89PNG\0" for i in range(20)}, Status.PASSED),
        ({f"docs/img/{i}.png": b"\x89PNG\0" for i in range(300)}, Status.PASSED),  # not data
        (
            {"data/train.csv": BIG_CSV, ".gitattributes": "*.csv filter=lfs diff=lfs -text\n"},
            Status.PASSED,
        ),
        (
            {"data/train.csv": BIG_CSV, "data/.gitattributes": "*.csv filter=lfs -text\n"},
            Status.PASSED,
        ),
        ({"data/train.csv": LFS_POINTER}, Status.PASSED),
        (
            {"data/train.csv": BIG_CSV, "data/train.csv.dvc": "outs:\n- path: train.csv\n"},
            Status.PASSED,
        ),
        (
            {
                "data/train.csv": BIG_CSV,
                "dvc.yaml": "stages:\n  prep:\n    cmd: x\n    outs:\n    - data\n",
            },
            Status.PASSED,
        ),
        ({"src/model.py": "x = 1\n" * 2_000_000}, Status.PASSED),  # big code is not data
    ],
)
def test_no_committed_data_files(make_repo, run_rule, files, status):
    result = run_rule("DAT002", make_repo({**README, **files}))
    assert result.status is status


def test_lfs_pattern_for_other_files_does_not_cover_csv(make_repo, run_rule):
    files = {"data/train.csv": BIG_CSV, ".gitattributes": "*.bin filter=lfs -text\n"}
    result = run_rule("DAT002", make_repo(files))
    assert result.status is Status.FAILED
    assert result.findings[0].location.path == "data/train.csv"


def test_untracked_data_is_not_committed(make_repo, run_rule, tmp_path):
    repo = make_repo({**README, ".gitignore": "data/\n"}, git_repo=True)
    (repo.source.root / "data").mkdir()
    (repo.source.root / "data" / "train.csv").write_text(BIG_CSV)
    assert run_rule("DAT002", repo).status is Status.PASSED


def test_many_mid_sized_files_exceed_the_total(make_repo, run_rule):
    files = {f"data/part{i}.csv": "1,2,3\n" * 1_500_000 for i in range(6)}  # 9 MB each
    result = run_rule("DAT002", make_repo(files))
    assert result.status is Status.FAILED and "MB of data" in result.findings[0].message


def test_hostile_dvc_yaml_does_not_crash(make_repo, run_rule):
    bomb = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    files = {"data/train.csv": BIG_CSV, "dvc.yaml": bomb + "stages: [1, 2]\n"}
    assert run_rule("DAT002", make_repo(files)).status is Status.FAILED


def test_an_outputs_folder_over_the_total_limit_fails(make_repo, run_rule):
    # DAT003's last case of its own: 60 MB of run outputs that are not data files by name
    files = {f"outputs/run-{i}/preds.txt": b"0.1\n" * 250_000 for i in range(60)}
    result = run_rule("DAT002", make_repo({**README, **files}))
    assert result.status is Status.FAILED
    [finding] = result.findings
    assert "60.0 MB of files committed under outputs/" in finding.message


def test_a_small_models_folder_and_code_in_outputs_pass(make_repo, run_rule):
    files = {
        "models/model.joblib": b"\0" * 2_000_000,
        "outputs/report.py": "x = 1\n" * 2_000_000,  # code, not output
    }
    assert run_rule("DAT002", make_repo({**README, **files})).status is not Status.FAILED


@pytest.mark.parametrize(
    ("files", "code"),
    [
        # what DAT003 used to fail, and the rule that fails it now
        ({f"data/images/{i}.png": b"\x89PNG" for i in range(201)}, "DAT002"),
        ({"data/iris.csv": "a\n", "models/best.pt": b"\x80\x04" + b"\0" * 11_000_000}, "VCS004"),
        ({"models/best.pt": b"\x80\x04" + b"\0" * 2_000_000}, "VCS005"),
    ],
)
def test_what_data_dirs_ignored_failed_another_rule_fails(make_repo, run_rule, files, code):
    assert run_rule(code, make_repo({**README, **files})).status is Status.FAILED
