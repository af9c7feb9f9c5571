"""Tests of facts/code_texts: the author's code as capped text."""

from __future__ import annotations

import pytest

from portfolio_lint.facts import code_texts as module
from portfolio_lint.facts.code_texts import code_texts


def test_reads_the_authors_python_and_notebooks_only(memory_repo) -> None:
    repo = memory_repo(
        {
            "app.py": "import os\n",
            "nb/eda.ipynb": '{"cells": []}',
            "README.md": "# not code\n",
            ".venv/lib/site.py": "vendored = 1\n",
            "empty.py": "",
        }
    )
    assert sorted(path for path, _ in code_texts(repo)) == ["app.py", "nb/eda.ipynb"]


def test_files_and_bytes_are_capped(memory_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MAX_SCANNED_FILES", 2)
    monkeypatch.setattr(module, "SCAN_BYTES", 10)
    repo = memory_repo({f"m{i}.py": "x = 1  # " + "long " * 50 for i in range(5)})
    texts = list(code_texts(repo))
    assert len(texts) == 2 and all(len(text.encode()) <= 10 for _, text in texts)
