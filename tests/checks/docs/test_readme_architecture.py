"""Tests of DOC006 readme-architecture: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.docs.conftest import INTRO


@pytest.mark.parametrize(
    ("readme", "extra", "passed"),
    [
        ("## Architecture\n\nThree services.\n", {}, True),
        ("## How it works\n\nA retriever and a generator.\n", {}, True),
        ("## Архитектура\n\nСервисы.\n", {}, True),
        ("```mermaid\ngraph LR; A-->B\n```\n", {}, True),
        ("![](assets/system_diagram.png)\n", {"assets/system_diagram.png": b"\x89PNG\0"}, True),
        ("Intro only.\n", {"docs/architecture.md": "# Architecture\n"}, True),
        ("## Usage\n\nRun it.\n", {}, False),
        ("![demo](assets/screenshot.png)\n", {"assets/screenshot.png": b"\x89PNG\0"}, False),
    ],
)
def test_readme_architecture(make_repo, run_rule, readme, extra, passed):
    result = run_rule("DOC006", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert (result.status is Status.PASSED) is passed


@pytest.mark.parametrize(
    ("files", "passed"),
    [
        ({"README.md": "# Sentiment Analysis Pipeline\n\n" + INTRO}, False),
        ({"README.rst": "Data pipeline\n=============\n\n" + INTRO}, False),
        ({"README.md": "# Churn\n\n" + INTRO + "\n# Pipeline\n\nIngest, train, serve.\n"}, True),
    ],
)
def test_readme_title_is_not_an_architecture_section(make_repo, run_rule, files, passed):
    assert (run_rule("DOC006", make_repo(files)).status is Status.PASSED) is passed
