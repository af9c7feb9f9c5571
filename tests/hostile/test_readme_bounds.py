"""A crafted README cannot make DOC006 or the sub-README fact run for long.

Before the bound, 20,000 `## Architecture` sections took over six minutes (each section
re-read the whole README); each case below is now well under a second.
"""

from __future__ import annotations

import time

import pytest

from portfolio_lint.facts.architecture import architecture_evidence
from portfolio_lint.facts.linked_docs import linked_readmes
from portfolio_lint.facts.readme import parse_readme
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.memory import MemorySource

CRAFTED = {
    "many architecture sections": "## Architecture\n\nThe project.\n\n" * 20_000,
    "one section of numbered setup steps": "## Architecture\n\n" + "1. Clone\n" * 50_000,
    "one section over thousands of subsections": "## Architecture\n" + "### x\n" * 30_000,
}


@pytest.mark.parametrize("body", CRAFTED.values(), ids=CRAFTED.keys())
def test_architecture_sections_are_bounded(body: str) -> None:
    text = "# T\n\n" + body
    readme = parse_readme("README.md", text)
    repo = Repo(MemorySource({"README.md": text}))
    start = time.perf_counter()
    assert architecture_evidence(repo, readme, readme.headings[1:]) is None
    assert time.perf_counter() - start < 10


def test_sub_readme_links_are_bounded() -> None:
    files: dict[str, str | bytes] = {f"p{i}/README.md": "# P\n" for i in range(2_000)}
    files["README.md"] = "".join(f"[p{i}](p{i}/) [x](nowhere{i}/)\n" for i in range(20_000))
    repo = Repo(MemorySource(files))
    start = time.perf_counter()
    assert len(linked_readmes(repo)) == 30
    assert time.perf_counter() - start < 10


def test_sub_readmes_are_read_within_a_total_size() -> None:
    big = "# P\n\n" + "Predicts churn for a telecom operator. " * 25_000  # ~1 MB each
    files: dict[str, str | bytes] = {f"p{i}/README.md": big for i in range(30)}
    files["README.md"] = "".join(f"[p{i}](p{i}/)\n" for i in range(30))
    assert len(linked_readmes(Repo(MemorySource(files)))) == 2


def test_architecture_pages_are_read_within_a_total_size() -> None:
    from portfolio_lint.facts.architecture import page_evidence

    big = "# Pipeline\n\n" + "Notes on the project. " * 50_000  # ~1 MB, no flow in it
    files: dict[str, str | bytes] = {f"docs/pipeline_{i}.md": big for i in range(10)}
    files["docs/pipeline_9.md"] = "# Pipeline\n\nraw -> clean -> train -> serve\n"
    repo = Repo(MemorySource(files))
    start = time.perf_counter()
    assert page_evidence(repo) is None  # the 2 MB were spent before the last page
    assert time.perf_counter() - start < 10
