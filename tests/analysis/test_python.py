"""Python facts from one parse: structure, tests, imports, and radon-identical MI counts."""

from __future__ import annotations

import ast

import pytest
from radon.metrics import mi_compute, mi_visit

from portfolio_lint.analysis.metrics import measure
from portfolio_lint.analysis.python import analyze_python
from tests.analysis.corpus import EDGE_SOURCES, stdlib_sample


def test_structure_tests_and_imports() -> None:
    facts = analyze_python(
        '"""Doc."""\nimport os.path\nfrom numpy import array\nfrom . import local\n\n\n'
        'def public(x):\n    """Doc."""\n    if x:\n        return 1\n    return 2\n\n\n'
        "def _private():\n    import json\n    return json\n\n\n"
        "def test_public():\n    assert public(1) == 1\n\n\n"
        "class TestThing:\n    def test_a(self):\n        assert True\n\n    def helper(self):\n"
        "        pass\n"
    )
    assert facts.parse_error is None
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


# --- maintainability index: radon's mi_visit(text, multi=True), exactly ---------------------


def _mi(text: str) -> float | None:
    return analyze_python(text).maintainability


@pytest.mark.parametrize("name", sorted(EDGE_SOURCES))
def test_maintainability_is_radons_on_edge_cases(name: str) -> None:
    text = EDGE_SOURCES[name]
    assert _mi(text) == mi_visit(text, True)


def test_maintainability_is_radons_on_the_standard_library() -> None:
    sample = [(name, text) for name, text in stdlib_sample(150) if len(text) < 60_000]
    assert len(sample) >= 100
    differing = []
    for name, text in sample:
        try:
            expected = mi_visit(text, True)
        except RecursionError:  # radon recurses twice as deep as we do
            continue
        if _mi(text) != expected:
            differing.append((name, _mi(text), expected))
    assert differing == []


def branchy(name: str, branches: int, comments: bool = False) -> str:
    """A function with complexity `branches + 1`, each branch commented if asked."""
    note = "  # case {}" if comments else ""
    body = "".join(
        f"    if x == {i}:{note.format(i)}\n        return {i}\n" for i in range(branches)
    )
    return f'def {name}(x):\n    """Pick."""\n{body}    return -1\n'


# Modules on either side of QUA002's threshold (19) where the old formula (SLOC and a comment
# count instead of radon's LLOC and comment percentage) put them on the other side.
LARGE_FEW_COMMENTS = "# Steps of the pipeline.\n" * 30 + "".join(
    branchy(f"step{i}", 12) for i in range(13)
)
WELL_COMMENTED = "".join(branchy(f"step{i}", 12, comments=True) for i in range(14))


def _old_formula(text: str) -> float:
    from radon.raw import analyze

    raw, metrics = analyze(text), measure(ast.parse(text))
    return float(
        mi_compute(
            metrics.halstead_volume, metrics.total_complexity, raw.sloc, raw.comments + raw.multi
        )
    )


@pytest.mark.parametrize(("text", "low"), [(LARGE_FEW_COMMENTS, True), (WELL_COMMENTED, False)])
def test_maintainability_near_the_threshold_is_radons(text: str, low: bool) -> None:
    index = _mi(text)
    assert index == mi_visit(text, True)
    assert index is not None and (index <= 19) is low
    assert (_old_formula(text) <= 19) is not low  # the example tells the formulas apart
