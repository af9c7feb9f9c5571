"""Per-repository similarity signatures: normalised names, notebooks, caps on hostile input."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Sequence

import pytest

from portfolio_lint.app.batch import signature as sig
from portfolio_lint.app.batch.signature import (
    code_tokens,
    notebook_code,
    pack,
    signature,
    unpack,
)
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.base import FileEntry
from portfolio_lint.sources.memory import MemorySource

SCRIPT = """\
import numpy as np

def normalise(values, eps=1e-9):
    mean = np.mean(values)
    spread = np.std(values) + eps
    return [(v - mean) / spread for v in values]

result = normalise([1.0, 2.0, 3.0])
print(len(result))
"""

RENAMED = """\
import numpy as numeric
# scale the list
def scale(xs, tiny=1e-9):
    m = numeric.mean(xs)

    s = numeric.std(xs) + tiny
    return [(x - m) / s for x in xs]
out = scale([1.0, 2.0, 3.0])
print(len(out))
"""


def repo_of(files: dict[str, str | bytes]) -> Repo:
    return Repo(MemorySource(files), options=RunOptions(history=False, use_cache=False))


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "source": text, "metadata": {}, "outputs": []}
                for kind, text in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_renamed_names_comments_and_blank_lines_give_the_same_tokens() -> None:
    assert code_tokens(SCRIPT) == code_tokens(RENAMED)


def test_library_names_and_attributes_are_kept() -> None:
    tokens = code_tokens(SCRIPT)
    assert {"mean", "std", "print", "len"} <= set(tokens)
    assert "values" not in tokens and "normalise" not in tokens
    # Another program over the same names is not the same token stream.
    assert code_tokens(SCRIPT.replace("np.std", "np.var")) != code_tokens(SCRIPT)


def test_text_that_does_not_parse_still_gives_tokens() -> None:
    tokens = code_tokens("total = price * count\nif total >\n")
    assert tokens == ["V", "=", "V", "*", "V", ";", "if", "V", ">", ";"]


def test_notebook_code_cells_count_and_markdown_and_magics_do_not() -> None:
    text = notebook(
        ("markdown", "# Heading with words"),
        ("code", "%matplotlib inline\n!pip install numpy\n" + SCRIPT),
    )
    assert notebook_code(text).strip() == SCRIPT.strip()
    one = signature(repo_of({"analysis.ipynb": text}))
    other = signature(repo_of({"work/renamed.py": RENAMED}))
    assert one["shingles"] == other["shingles"] and one["shingles"]


def test_file_digests_ignore_line_ends_and_trailing_space_but_skip_boilerplate() -> None:
    body = "A longer note about the project, its data and how the model was trained."
    found = signature(
        repo_of(
            {
                "NOTES.md": f"# Notes\r\n\r\n{body}   \r\n",
                "docs/notes.md": f"# Notes\n{body}\n",
                "LICENSE.txt": "MIT License\n" + "Permission is hereby granted. " * 10,
                "src/__init__.py": "",
                "data/train.csv": "a,b\n" + "1,2\n" * 100,
                ".venv/lib/site.py": SCRIPT,
            }
        )
    )
    assert set(found["files"]) == {"NOTES.md", "docs/notes.md"}
    assert found["files"]["NOTES.md"] == found["files"]["docs/notes.md"]
    assert found["commits"] == []


def test_hostile_code_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sig, "MAX_SHINGLES", 500)
    monkeypatch.setattr(sig, "MAX_TOKENS_PER_FILE", 2000)
    monkeypatch.setattr(sig, "MAX_TOKENS", 20_000)
    nested = "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    long_file = "".join(f"value_{i} = value_{i - 1} + {i}\n" for i in range(1, 20_000))
    files: dict[str, str | bytes] = {"deep.py": nested, "long.py": long_file}
    files.update({f"pkg/m{i}.py": f"n = {i} * 2 + {i}\n" * 50 for i in range(50)})
    started = time.monotonic()
    found = signature(repo_of(files))
    assert time.monotonic() - started < 3
    shingles = unpack(found["shingles"])
    assert 0 < len(shingles) <= 500 and shingles == sorted(shingles)
    # Many tiny files: only MAX_FILES_READ of them are read.
    monkeypatch.setattr(sig, "MAX_FILES_READ", 10)
    reads: list[str] = []
    repo = repo_of({f"tiny/t{i:03d}.py": "x = 1\n" for i in range(200)})
    real = repo.read_bytes
    monkeypatch.setattr(
        repo, "read_bytes", lambda path, limit=None: reads.append(path) or real(path, limit)
    )
    signature(repo)
    assert len(reads) == 10
    # The token cap keeps only the start of a long file.
    assert code_tokens(long_file)[:6] == ["V", "=", "V", "+", "1", ";"]
    assert len(code_tokens(long_file)) == 2000


class ApiLikeSource(MemorySource):
    """Files listed with their git blob ids and no local git, as the GitHub API source lists
    them; every read is recorded (each would be a request)."""

    def __init__(self, files: dict[str, str | bytes]) -> None:
        super().__init__(files)
        self.reads: list[str] = []

    def files(self) -> Sequence[FileEntry]:
        return [
            dataclasses.replace(e, blob=hashlib.sha1(e.path.encode()).hexdigest())
            for e in super().files()
        ]

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        self.reads.append(path)
        return super().read_bytes(path, limit)


def test_through_an_api_only_code_is_read_and_prose_is_known_by_its_blob_id() -> None:
    source = ApiLikeSource(
        {
            "README.md": "# Project\n\n" + "A description of the work and its results. " * 4,
            "docs/notes.txt": "Notes. " * 30,
            "train.py": SCRIPT,
        }
    )
    found = signature(Repo(source, options=RunOptions(history=False, use_cache=False)))
    assert source.reads == ["train.py"]
    assert found["files"]["README.md"].startswith("blob:")
    assert found["files"]["docs/notes.txt"].startswith("blob:")
    assert found["shingles"]


def test_shingles_are_stored_packed_and_read_back() -> None:
    values = [0, 1, 2**31, 2**32 - 1]
    assert unpack(pack(values)) == values
    assert unpack("not base64!") == [] and unpack(None) == [] and unpack(pack([])) == []
