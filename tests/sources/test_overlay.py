"""OverlaySource: a source with files replaced or added in memory, history from the base."""

from __future__ import annotations

import pytest

from portfolio_lint.sources.memory import MemorySource
from portfolio_lint.sources.overlay import OverlaySource


def test_overlaid_files_replace_and_add_and_are_listed_in_git_order():
    base = MemorySource({"b.py": "old\n", "README.md": "# A\n"})

    source = OverlaySource(base, {"b.py": b"new\n", ".gitignore": b".env\n"})

    assert [e.path for e in source.files()] == [".gitignore", "README.md", "b.py"]
    assert source.read_bytes("b.py", 100) == b"new\n"
    assert source.read_bytes("b.py", 2) == b"ne"
    assert source.read_bytes("README.md", 100) == b"# A\n"
    assert next(e for e in source.files() if e.path == "b.py").size == 4
    assert base.read_bytes("b.py", 100) == b"old\n"  # the base is untouched


def test_history_and_metadata_are_the_bases():
    base = MemorySource({"a.py": "x\n"})
    source = OverlaySource(base, {})

    assert source.git_root() is None and source.unavailable() == base.unavailable()
    assert source.name == base.name


@pytest.mark.parametrize("path", ["../x", ".git/config", "/abs"])
def test_a_path_that_cannot_name_a_file_of_the_repository_is_refused(path):
    with pytest.raises(ValueError, match="cannot overlay"):
        OverlaySource(MemorySource({}), {path: b""})
