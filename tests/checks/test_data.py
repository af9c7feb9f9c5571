"""DAT rules on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import json

import pytest

from portfolio_lint.core.model import Severity, Status


def notebook(source: list[str], outputs: list[dict] | None = None) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": outputs or [],
            "source": source,
        }
    ]
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


README = {"README.md": "# Project\n"}
LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 99999999\n"


# --- DAT001 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"train.py": 'df = pd.read_csv("/Users/ann/Desktop/churn.csv")\n'}, Status.FAILED),
        ({"train.py": 'df = pd.read_csv(r"C:\\Users\\ann\\churn.csv")\n'}, Status.FAILED),
        (
            {"eda.ipynb": notebook(["df = pd.read_csv('/kaggle/input/titanic/train.csv')\n"])},
            Status.FAILED,
        ),
        ({"params.yaml": "data: /content/drive/MyDrive/data\n"}, Status.FAILED),
        ({"run.sh": "python train.py --data /home/ann/data\n"}, Status.FAILED),
        ({"train.py": 'BASE = Path(__file__).parent / "data"\n'}, Status.PASSED),
        ({"tests/test_io.py": 'def test_x():\n    open("/tmp/out.csv", "w")\n'}, Status.PASSED),
        (
            {"tests/test_io.py": 'def test_x():\n    assert norm("/Users/ann/x") == "x"\n'},
            Status.PASSED,
        ),  # fake machine paths as test inputs: info only
        ({"dags/etl.py": 'RAW = "/opt/airflow/data/raw.csv"\n'}, Status.PASSED),
        (
            {"Dockerfile": "WORKDIR /root/app\n", "docker-compose.yml": "volumes: [/home/a:/a]\n"},
            Status.PASSED,
        ),
        ({"train.py": '"""Expects data in /Users/<you>/data."""\n# /home/ann/x\n'}, Status.PASSED),
        (
            {"docs/setup.md": "Put the data in /Users/you/data\n", "train.py": "x = 1\n"},
            Status.PASSED,
        ),
        ({"train.py": 'URL = "https://host.org/home/ann/data.csv"\n'}, Status.PASSED),
    ],
)
def test_no_absolute_paths(make_repo, run_rule, files, status):
    result = run_rule("DAT001", make_repo({**README, **files}))
    assert result.status is status


def test_absolute_path_finding_has_line_cell_and_partial_score(make_repo, run_rule):
    nb = notebook(["import pandas as pd\n", "df = pd.read_csv('/content/drive/MyDrive/x.csv')\n"])
    repo = make_repo({"eda.ipynb": nb, "a.py": "x = 1\n", "b.py": "y = 2\n", "c.py": "z = 3\n"})
    result = run_rule("DAT001", repo)
    assert result.status is Status.PARTIAL and result.score == pytest.approx(0.75)
    [finding] = result.findings
    expected_line = next(n for n, line in enumerate(nb.split("\n"), 1) if "/content/drive" in line)
    assert (finding.location.path, finding.location.line, finding.location.cell) == (
        "eda.ipynb",
        expected_line,
        0,
    )
    assert finding.severity is Severity.WARNING


def test_paths_in_notebook_outputs_are_info_only(make_repo, run_rule):
    outputs = [
        {
            "name": "stderr",
            "output_type": "stream",
            "text": [
                "/usr/local/lib/python3.10/dist-packages/x.py:3: Warning\n",
                "Saved to /home/ann/run/model.pt\n",
            ],
        }
    ]
    result = run_rule("DAT001", make_repo({"train.ipynb": notebook(["fit()\n"], outputs)}))
    assert result.score == 1.0
    [finding] = result.findings
    assert finding.severity is Severity.INFO and "/home/ann/run" in finding.message


def test_inline_ignore_silences_a_path(make_repo, run_rule):
    code = 'DATA = "/Users/ann/x.csv"  # portfolio-lint: ignore[DAT001]\n'
    assert run_rule("DAT001", make_repo({"a.py": code})).status is Status.PASSED


# --- DAT002 ------------------------------------------------------------------------------------

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
    repo = make_repo({**README, ".gitignore": "data/\n"})
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


# --- DAT003 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"data/train.csv": "a\n"}, Status.FAILED),
        ({"models/best.pt": b"\0weights"}, Status.FAILED),
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
    repo = make_repo({"data/a.csv": "a\n", "outputs/run1/preds.csv": "p\n"})
    # outputs/ committed first, ignored later: its files are still listed, the folder is ignored
    (repo.source.root / ".gitignore").write_text("outputs/\n")
    result = run_rule("DAT003", repo)
    assert result.status is Status.PARTIAL and result.score == pytest.approx(0.5)
    [finding] = result.findings
    assert finding.location.path == "data/a.csv" and "data/" in finding.message
