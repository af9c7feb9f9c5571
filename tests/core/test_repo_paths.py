"""Path names and suffixes by string operations: the same answers as PurePosixPath."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from portfolio_lint.core.repo_paths import parent_parts, path_name, path_suffix

PIECES = ["a", "data", ".env", "x.py", "archive.tar.gz", ".", "..", "", "file.", ".git", "b c"]


def test_the_same_answers_as_pure_posix_path() -> None:
    paths = {"/".join(parts) for n in range(1, 4) for parts in itertools.product(PIECES, repeat=n)}
    paths |= {"/" + p for p in list(paths)[:500]} | {p + "/" for p in list(paths)[:500]}
    for path in paths:
        pure = PurePosixPath(path)
        assert path_name(path) == pure.name, path
        assert path_suffix(path) == pure.suffix, path
        assert parent_parts(path) == pure.parts[:-1], path


def test_common_repository_paths() -> None:
    assert path_name("src/model/train.py") == "train.py"
    assert path_suffix("data/raw/train.CSV") == ".CSV"
    assert path_suffix(".env") == ""
    assert parent_parts("data/raw/train.csv") == ("data", "raw")
