"""Helpers for the fixer tests: a repository on disk and the context a fixer sees."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from portfolio_lint.app.fix.change import Change, FixContext, FixSettings
from portfolio_lint.facts.repo import Repo
from tests.conftest import FileContent


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No git config or cache of the machine's user: HOME and XDG folders in tmp_path."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def fix_context(make_repo: Callable[..., Repo]) -> Callable[..., FixContext]:
    """`fix_context(files, **settings)`: a committed repository of `files` and its context."""

    def build(files: Mapping[str, FileContent], **settings: object) -> FixContext:
        repo = make_repo(files, history=False)
        root = Path(repo.source.root)  # type: ignore[attr-defined]
        return FixContext(repo, root, FixSettings(**settings))  # type: ignore[arg-type]

    return build


def only(changes: list[Change]) -> Change:
    """The one change of a fixer."""
    assert len(changes) == 1, changes
    return changes[0]
