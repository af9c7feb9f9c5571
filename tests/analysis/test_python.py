"""Python facts from one parse: structure, tests, imports, and radon-identical MI counts."""

from __future__ import annotations

import pytest
from radon.raw import analyze

from portfolio_lint.analysis.python import analyze_python, raw_counts

SOURCES = {
    "plain": "x = 1\ny = 2\n",
    "comments": "# header\nx = 1  # trailing\n\n# alone\n",
    "docstrings": (
        '"""Module.\n\nMore text.\n"""\n\n\ndef f():\n    """One line."""\n    return 1\n'
    ),
    "multiline call": "result = call(\n    1,\n\n    # inside\n    2,\n)\n",
    "continuation": "total = 1 + \\\n    2\nif total: print(total)\n",
    "string statement": 'x = 1\n"""not a docstring\nbut a string\n"""\n',
    "crlf": "def f():\r\n    # note\r\n    return 1\r\n",
    "no final newline": "a = 1\n# end",
    "semicolons": "a = 1; b = 2\nclass C: pass\n",
    "empty": "",
}


@pytest.mark.parametrize("name", SOURCES)
def test_raw_counts_match_radon(name: str) -> None:
    text = SOURCES[name]
    raw = analyze(text)
    assert raw_counts(text) == (raw.sloc, raw.comments + raw.multi)


def test_raw_counts_stay_linear_on_long_statements() -> None:
    # radon's own raw analysis re-tokenises each line of an open bracket: quadratic
    text = "DATA = [\n" + "    1,\n" * 20_000 + "]\n"
    assert raw_counts(text) == (20_002, 0)


def test_structure_tests_and_imports() -> None:
    facts = analyze_python(
        '"""Doc."""\nimport os.path\nfrom numpy import array\nfrom . import local\n\n\n'
        "def public(x):\n    \"\"\"Doc.\"\"\"\n    if x:\n        return 1\n    return 2\n\n\n"
        "def _private():\n    import json\n    return json\n\n\n"
        "def test_public():\n    assert public(1) == 1\n\n\n"
        "class TestThing:\n    def test_a(self):\n        assert True\n\n    def helper(self):\n"
        "        pass\n"
    )
    assert facts.parse_error is None
    assert facts.module_docstring
    assert facts.imports == ("json", "numpy", "os")
    assert facts.test_functions == ("test_public", "TestThing.test_a")
    by_name = {f.qualname: f for f in facts.functions}
    assert by_name["public"].complexity == 2 and by_name["public"].has_docstring
    assert not by_name["_private"].is_public and not by_name["_private"].has_docstring
    assert facts.maintainability is not None and 0 < facts.maintainability <= 100


@pytest.mark.parametrize(
    "text",
    ["def broken(:\n", "x = (" * 300 + ")" * 300 + "\n", "\0\0 not python"],
)
def test_bad_sources_are_recorded_not_raised(text: str) -> None:
    facts = analyze_python(text)
    assert facts.parse_error
    assert facts.functions == ()
