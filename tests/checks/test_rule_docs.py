"""Parsing a rule's documentation out of its check's docstring."""

from __future__ import annotations

import inspect

import pytest

from portfolio_lint.checks.rule_docs import RuleDoc, parse_rule_doc


def documented() -> None:
    """Notebooks ran top to bottom.

    Checked on the committed outputs only.

    Why it matters:
        Outputs from cells run out of order
        may not come from the code.

    How to fix:
        Restart the kernel and run all.

    Bad:
        Cells numbered [3], [1].

    Good:
        ## Usage
        ```bash
        jupyter nbconvert --execute
        ```
    """


def test_sections_are_parsed_prose_rewrapped_examples_kept():
    doc = parse_rule_doc(inspect.getdoc(documented) or "")
    assert doc == RuleDoc(
        title="Notebooks ran top to bottom",
        description="Checked on the committed outputs only.",
        why="Outputs from cells run out of order may not come from the code.",
        fix="Restart the kernel and run all.",
        bad="Cells numbered [3], [1].",
        good="## Usage\n```bash\njupyter nbconvert --execute\n```",
    )
    assert doc.complete


def test_a_title_alone_is_a_check_without_rule_docs():
    doc = parse_rule_doc("A file exists.")
    assert doc.title == "A file exists" and not doc.complete


@pytest.mark.parametrize(
    ("docstring", "message"),
    [
        ("Title.\n\nHow to fix it:\n    y\n", "unknown docstring section"),
        ("Title.\n\nBad:\n    x\n\nBad:\n    y\n", "appears twice"),
        ("Title.\n\nBad:\n    x\nnot indented\n", "outside an indented section"),
        ("", "one-line title"),
    ],
)
def test_malformed_docstrings_are_errors(docstring, message):
    with pytest.raises(ValueError, match=message):
        parse_rule_doc(docstring)
