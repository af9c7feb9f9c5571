"""Python facts from one parse: structure, tests, imports, and radon-identical MI counts."""

from __future__ import annotations

import pytest

from portfolio_lint.analysis.python import analyze_python


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
