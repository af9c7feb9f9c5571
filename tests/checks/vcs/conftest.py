"""Fixtures and samples shared by the tests of several vcs rules."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from tests.conftest import EPOCH, FileContent, commit_all, write_tree

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


Step = tuple[dict[str, FileContent], Sequence[str], str, int]  # write, remove, message, day


@pytest.fixture
def history_repo(tmp_path: Path) -> Callable[..., Repo]:
    """A repository built commit by commit: steps of (files, removed paths, message, day)."""

    def build(steps: Sequence[Step], **options: object) -> Repo:
        root = tmp_path / "repo"
        root.mkdir(exist_ok=True)
        for files, removed, message, day in steps:
            write_tree(root, files)
            for path in removed:
                (root / path).unlink()
            commit_all(root, message, EPOCH + timedelta(days=day, minutes=len(message)))
        run = RunOptions(use_cache=False, **options)  # type: ignore[arg-type]
        return Repo(LocalSource(root), options=run)

    return build


def _linear(messages: Sequence[str], days: Sequence[int]) -> list[Step]:
    pairs = enumerate(zip(messages, days, strict=True))
    return [({"log.md": f"{i}\n"}, (), message, day) for i, (message, day) in pairs]


README = {"README.md": "# Churn model\n\nPredicts churn.\n"}


LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 99999999\n"


PICKLE = pickle.dumps({"weights": list(range(40_000))}, protocol=4)


@pytest.fixture
def project_folder(tmp_path: Path) -> Callable[..., Repo]:
    """The folder `projects/app` of a committed repository, linted as that subtree of it:
    `project_folder(above={".gitignore": ...}, inside={"README.md": ...})`."""

    def build(
        above: dict[str, FileContent], inside: dict[str, FileContent], **options: object
    ) -> Repo:
        root = tmp_path / "portfolio"
        folder = root / "projects" / "app"
        write_tree(root, above)
        write_tree(folder, inside)
        commit_all(root, "Add the app", EPOCH)
        run = RunOptions(use_cache=False, **options)  # type: ignore[arg-type]
        return Repo(LocalSource(folder, top=root), options=run)

    return build
