"""The author's code as text, capped: what the facts that grep code for a call read."""

from __future__ import annotations

from collections.abc import Iterator

from portfolio_lint.facts.repo import Repo

MAX_SCANNED_FILES = 300
SCAN_BYTES = 256 * 1024


def code_texts(repo: Repo) -> Iterator[tuple[str, str]]:
    """(path, text) of the author's .py files and notebooks, at most MAX_SCANNED_FILES of them,
    each read up to SCAN_BYTES; unreadable or empty files are left out."""
    sources = [
        e.path
        for e in repo.files
        if e.path.endswith((".py", ".ipynb")) and not repo.is_vendored(e.path)
    ][:MAX_SCANNED_FILES]
    for path in sources:
        text = repo.read_text(path, SCAN_BYTES)
        if text:
            yield path, text
