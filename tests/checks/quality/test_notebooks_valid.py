"""Tests of QUA008 notebooks-valid: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import cell, nb


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n "cells": [\n<<<<<<< HEAD\n ]\n}\n', 3),  # merge conflict left in
        ('{\n "cells": [\n  {"source": [\n', None),  # truncated JSON
        ('{"metadata": {}}', None),  # JSON but not a notebook
        ('{"cells": ' + "[" * 20_000 + "]" * 20_000 + "}", None),  # deep nesting
        (b"\x00\x01binary", None),
    ],
)
def test_invalid_notebooks_fire(make_repo, run_rule, text, line):
    result = run_rule("QUA008", make_repo({"ok.ipynb": nb(cell("a\n")), "bad.ipynb": text}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(0.5)
    [finding] = result.findings
    assert finding.location.path == "bad.ipynb"
    if line is not None:
        assert finding.location.line == line
