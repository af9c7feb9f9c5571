"""The regex line scanner gives tokenize's (and radon's) raw counts on valid source."""

from __future__ import annotations

import time

import pytest
from radon.raw import analyze

from portfolio_lint.analysis.raw_lines import (
    RawCounts,
    gap_tokens,
    part_lloc,
    raw_counts,
    tokenize_counts,
)
from tests.analysis.corpus import EDGE_SOURCES, stdlib_sample


def radon_counts(text: str) -> RawCounts:
    raw = analyze(text)
    return RawCounts(raw.sloc, raw.comments + raw.multi, raw.lloc)


@pytest.mark.parametrize("name", sorted(EDGE_SOURCES))
def test_edge_cases_match_radon(name: str) -> None:
    text = EDGE_SOURCES[name]
    assert raw_counts(text) == radon_counts(text)


@pytest.mark.parametrize("name", sorted(EDGE_SOURCES))
def test_tokenize_reference_matches_radon(name: str) -> None:
    text = EDGE_SOURCES[name].replace("\r\n", "\n")
    assert tokenize_counts(text) == radon_counts(text)


def test_standard_library_matches_tokenize() -> None:
    sample = stdlib_sample(150)
    assert len(sample) >= 120
    differing = [
        name
        for name, text in sample
        if "\r" not in text and raw_counts(text) != tokenize_counts(text)
    ]
    assert differing == []


def test_standard_library_logical_lines_match_radon() -> None:
    sample = [(name, text) for name, text in stdlib_sample(60) if len(text) < 60_000]
    assert len(sample) >= 40
    assert [name for name, text in sample if raw_counts(text) != radon_counts(text)] == []


# radon's LLOC: each `;`-separated part of a logical line counts 1, or 2 when a `:` token is
# not its last token; before a `;` radon's test looks one token early.
LLOC_CASES = {
    "compound on one line": "if x: pass\nclass C: pass\nwhile x: x -= 1\n",
    "compound headers": "if x:\n    pass\nelif y:\n    pass\nelse:\n    pass\n",
    "dict, slice, lambda": "d = {1: 2}\ns = a[1:]\nt = a[::2]\nf = lambda: 0\n",
    "annotations": "x: int\ny: int = 1\ndef f(a: int, *, b: str = 'x') -> int:\n    return a\n",
    "walrus is not a colon": "if (n := 10) > 5:\n    pass\nx[a:=1]\n",
    "semicolons": "a = 1; b = 2\na = 1;\na = 1;  # c\nif x: pass; y = 1\n",
    "one token before a semicolon": "x = y[1:]; z = 1\nf = lambda: 0; g = 1\nh = {1: 2}; k = 1\n",
    "numbers after a colon": "d = {1: 1.5e-3}; e = {2: 0x_1F}; g = {3: -1}\nh = {1: 1j}\n",
    "operators after a colon": "f = lambda: ...; g = 1\ns = a[:-1]; t = 2\nu = a[1:] ; v = 3\n",
    "string after a colon": "x = {'a': rb'b'}; y = 1\nz: u'a'; w = 2\nq: 'a' 'b'; r = 3\n",
    "brackets after a colon": "d = {1: (2)}; e = 1\nf = {1: []}; g = 2\nh = a[1:]; k = 3\n",
    "multi-line statements": (
        "d = {\n    'a': 1,  # one\n    'b': [\n        2],\n}\nx = (1 +\n     2)\n"
    ),
    "continuations": "x = 1 + \\\n    2; y = 3\nif x: \\\n    pass\n",
    "docstrings and comments": '"""Doc.\n\nMore."""\n# alone\n\'one\'\nx = 1  # c\n',
    "colon at end of text": "if x:",
    "colon then name at end of text": "if x: y",
    "keywords before strings": 'if"x": pass\nassert"a"; x = 1\n',
}


@pytest.mark.parametrize("name", sorted(LLOC_CASES))
def test_logical_lines_match_radon(name: str) -> None:
    text = LLOC_CASES[name]
    assert raw_counts(text) == radon_counts(text)
    assert tokenize_counts(text) == radon_counts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"""one\ntwo\n\nthree"""\n', (0, 3, 1)),  # a lone multi-line string: its non-blank lines
        ("'single'\n", (0, 0, 1)),  # a lone one-line string counts nothing, but is a statement
        ("x = 1  # c\n# alone\n", (1, 2, 1)),
        ("call(\n    # inside a bracket the comment line is code\n)\n", (3, 1, 1)),
        ("if x: return 0\n", (1, 0, 2)),
        ("if x:\n    return 0\n", (2, 0, 2)),
        ("a = 1; b = 2\n", (1, 0, 2)),
        ("d = {'k': 1}\n", (1, 0, 2)),  # radon counts a dict's colon like a compound statement
    ],
)
def test_counting_rules(text: str, expected: tuple[int, int, int]) -> None:
    assert raw_counts(text) == expected


@pytest.mark.parametrize(
    ("tokens", "after", "before_semicolon", "lloc"),
    [
        (0, -1, False, 0),
        (1, -1, False, 1),
        (1, 0, False, 1),
        (1, 1, False, 2),
        (1, 2, False, 2),
        (1, 0, True, 2),
        (1, 1, True, 1),
        (1, 2, True, 2),
        (0, -1, True, 0),
    ],
)
def test_part_lloc(tokens: int, after: int, before_semicolon: bool, lloc: int) -> None:
    assert part_lloc(tokens, after, before_semicolon) == lloc


@pytest.mark.parametrize(
    ("gap", "before_string", "count"),
    [
        ("  ", False, 0),
        (" pass ", False, 1),
        ("1.5e-3", False, 1),
        (" -1", False, 2),
        ("...", False, 1),
        ("**=", False, 1),
        ("1if", False, 2),
        (" rb", True, 0),
        (" x rb", True, 1),
        (" rb", False, 1),
        (" xrb", True, 1),
        ("a.b", False, 2),
    ],
)
def test_gap_tokens(gap: str, before_string: bool, count: int) -> None:
    assert gap_tokens(gap, before_string) == count


def test_exotic_line_breaks_fall_back_to_radon() -> None:
    text = "a = 1\x0cb = 2\n"
    assert raw_counts(text) == radon_counts(text)


def test_long_statements_stay_linear() -> None:
    # radon's own raw analysis re-tokenises each line of an open bracket: quadratic
    text = "DATA = [\n" + "    1,\n" * 20_000 + "]\n"
    assert raw_counts(text) == (20_002, 0, 1)


@pytest.mark.parametrize("tail", [" 'a'}\n", "rb'a'}\n", " rb'a'}; y = 2\n"])
def test_long_names_after_a_colon_stay_linear(tail: str) -> None:
    # a name before a string is checked for a string prefix: `\w+$` took 1.5 s at 20,000
    # characters and grew with the square of the length
    text = "d = {1: " + "x" * 2_000_000 + tail
    started = time.perf_counter()
    counts = raw_counts(text)
    assert time.perf_counter() - started < 3
    assert counts == (1, 0, 3 if ";" in tail else 2)
    short = "d = {1: " + "x" * 50 + tail
    assert raw_counts(short) == tokenize_counts(short) == radon_counts(short)
