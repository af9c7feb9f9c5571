"""README parsing: headings, code blocks with their lines, links, tables, word counts."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.readme import count_words, parse_readme

TEXT = """# Title

Intro with [a link](docs/a.md)
and ![an image](img/b.png) on line four.

| Model | F1 |
|---|---|
| LR | 0.81 |

```bash
pip install x
```

    indented
"""


def test_markdown_structure():
    readme = parse_readme("README.md", TEXT)
    assert [(h.level, h.text, h.line) for h in readme.headings] == [(1, "Title", 1)]
    assert [(link.target, link.text, link.line, link.is_image) for link in readme.links] == [
        ("docs/a.md", "a link", 3, False),
        ("img/b.png", "an image", 4, True),
    ]
    assert readme.tables[0].header == ("Model", "F1")
    assert readme.tables[0].rows == (("LR", "0.81"),)
    fenced, indented = [b for b in readme.code_blocks if not b.inline]
    assert (fenced.content_line, fenced.content) == (11, "pip install x\n")
    assert (indented.content_line, indented.content) == (14, "indented\n")


def test_html_links_keep_their_line():
    readme = parse_readme("README.md", '<p>\n<img src="a.png">\n</p>\n')
    assert [(link.target, link.line) for link in readme.links] == [("a.png", 2)]


def test_rst_readme():
    text = "Title\n=====\n\nSome prose here.\n\n::\n\n    pip install x\n"
    readme = parse_readme("README.rst", text)
    assert readme.headings[0].text == "Title"
    assert any("pip install x" in b.content for b in readme.code_blocks)
    assert "prose" in readme.prose


@pytest.mark.parametrize(
    ("text", "words"), [("", 0), ("two words", 2), ("项目简介", 4), ("Описание проекта", 2)]
)
def test_count_words(text, words):
    assert count_words(text) == words


def test_rst_simple_and_grid_tables():
    text = (
        "Results\n=======\n\n=======  =====  ======\nModel    F1     Recall\n"
        "=======  =====  ======\nLogReg   0.71   0.62\nGBM      0.86   0.81\n"
        "=======  =====  ======\n\n+-------+------+\n| Model | AUC  |\n+=======+======+\n"
        "| CNN   | 0.93 |\n| (big) |      |\n+-------+------+\n\nAfter the tables.\n"
    )
    readme = parse_readme("README.rst", text)
    simple, grid = readme.tables
    assert simple.header == ("Model", "F1", "Recall") and simple.line == 4
    assert simple.rows == (("LogReg", "0.71", "0.62"), ("GBM", "0.86", "0.81"))
    assert grid.header == ("Model", "AUC") and grid.rows == (("CNN (big)", "0.93"),)
    assert "=====" not in readme.prose and "After the tables." in readme.prose


def test_unclosed_tags_are_parsed_in_linear_time() -> None:
    # `<[^>]+>` and the HTML link pattern rescanned to the end from every `<`: a 300 KB README
    # of unclosed tags took minutes (hours at the 512 KB cap).
    hostile = "<p>\n" + "<a " * 30_000 + "\n\n<!--" * 25_000 + "\n\n" + "<" * 100_000 + "\n"
    doc = parse_readme("README.md", "# T\n\n" + hostile + '\n<a href="docs/x.md">x</a>\n')
    assert [link.target for link in doc.links] == ["docs/x.md"]


def test_html_links_still_found_in_html_blocks() -> None:
    text = '# T\n\n<p align="center">\n<img alt="a" src="img/logo.png" width=80>\n</p>\n'
    doc = parse_readme("README.md", text)
    assert [(link.target, link.is_image) for link in doc.links] == [("img/logo.png", True)]
