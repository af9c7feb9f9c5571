"""Git LFS patterns and DVC outputs: what they cover, what they do not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portfolio_lint.facts.large_files import large_file_storage, lfs_patterns
from portfolio_lint.facts.repo import Repo


@pytest.mark.parametrize(
    ("files", "path", "covered"),
    [
        ({".gitattributes": "*.csv filter=lfs diff=lfs -text\n"}, "data/train.csv", True),
        ({".gitattributes": "*.bin filter=lfs -text\n"}, "data/train.csv", False),
        ({".gitattributes": "# *.csv filter=lfs\n"}, "data/train.csv", False),
        ({".gitattributes": "*.csv diff=csv\n"}, "data/train.csv", False),
        ({"data/.gitattributes": "*.csv filter=lfs -text\n"}, "data/raw/train.csv", True),
        ({"data/.gitattributes": "*.csv filter=lfs -text\n"}, "train.csv", False),
        ({"data/.gitattributes": "raw/*.csv filter=lfs\n"}, "data/raw/a.csv", True),
        ({"data/.gitattributes": "raw/*.csv filter=lfs\n"}, "data/x/raw/a.csv", False),
        ({"data/train.csv.dvc": "outs:\n- path: train.csv\n"}, "data/train.csv", True),
        ({"dvc.yaml": "stages:\n  p:\n    cmd: x\n    outs:\n    - data\n"}, "data/a.csv", True),
        (
            {"dvc.yaml": "stages:\n  p:\n    outs:\n    - ./models/m.pt:\n        cache: true\n"},
            "models/m.pt",
            True,
        ),
        ({"dvc.yaml": "stages:\n  p:\n    cmd: x\n    outs:\n    - data\n"}, "dataset.csv", False),
        ({"dvc.yaml": "stages: [1, 2]\n"}, "data/a.csv", False),
        ({}, "data/a.csv", False),
    ],
)
def test_storage_covers(
    make_repo: Callable[..., Repo], files: dict[str, str], path: str, covered: bool
) -> None:
    repo = make_repo({"README.md": "# x\n", **files}, git_repo=False)
    assert large_file_storage(repo).covers(path) is covered


def test_storage_is_read_once(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo({".gitattributes": "*.csv filter=lfs\n"}, git_repo=False)
    assert large_file_storage(repo) is large_file_storage(repo)


def test_lfs_patterns_anchor_to_their_folder() -> None:
    text = "*.csv filter=lfs\nraw/*.bin filter=lfs\n*.md text\n"
    assert lfs_patterns(text, "data/") == ["/data/**/*.csv", "/data/raw/*.bin"]
    assert lfs_patterns(text, "") == ["*.csv", "/raw/*.bin"]
