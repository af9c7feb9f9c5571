"""The regex line scanner gives tokenize's (and radon's) raw counts on valid source."""

from __future__ import annotations

import pytest
from radon.raw import analyze

from portfolio_lint.analysis.raw_lines import raw_counts, tokenize_counts
from tests.analysis.corpus import EDGE_SOURCES, stdlib_sample


@pytest.mark.parametrize("name", sorted(EDGE_SOURCES))
def test_edge_cases_match_radon(name: str) -> None:
    text = EDGE_SOURCES[name]
    raw = analyze(text)
    assert raw_counts(text) == (raw.sloc, raw.comments + raw.multi)


def test_standard_library_matches_tokenize() -> None:
    sample = stdlib_sample(150)
    assert len(sample) >= 120
    differing = [
        name for name, text in sample
        if "\r" not in text and raw_counts(text) != tokenize_counts(text)
    ]
    assert differing == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"""one\ntwo\n\nthree"""\n', (0, 3)),  # a lone multi-line string: its non-blank lines
        ("'single'\n", (0, 0)),  # a lone one-line string counts nothing
        ("x = 1  # c\n# alone\n", (1, 2)),
        ("call(\n    # inside a bracket the comment line is code\n)\n", (3, 1)),
    ],
)
def test_counting_rules(text: str, expected: tuple[int, int]) -> None:
    assert raw_counts(text) == expected


def test_exotic_line_breaks_fall_back_to_radon() -> None:
    text = "a = 1\x0cb = 2\n"
    raw = analyze(text)
    assert raw_counts(text) == (raw.sloc, raw.comments + raw.multi)


def test_long_statements_stay_linear() -> None:
    # radon's own raw analysis re-tokenises each line of an open bracket: quadratic
    text = "DATA = [\n" + "    1,\n" * 20_000 + "]\n"
    assert raw_counts(text) == (20_002, 0)
