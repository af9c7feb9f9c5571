"""One lint run: the garbage collector runs less often during it, and is restored after."""

from __future__ import annotations

import gc

import pytest

from portfolio_lint.app import lint_run


def test_fewer_collections_raises_the_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with lint_run.fewer_collections():
        assert gc.get_threshold()[0] == lint_run.GC_THRESHOLD
    assert gc.get_threshold() == before


def test_fewer_collections_restores_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), lint_run.fewer_collections():
        raise RuntimeError("a check blew up")
    assert gc.get_threshold() == before
