"""One walk gives radon's complexity blocks and Halstead volume exactly."""

from __future__ import annotations

import ast

import pytest
from radon.metrics import h_visit_ast
from radon.visitors import ComplexityVisitor

from portfolio_lint.analysis.metrics import measure
from tests.analysis.corpus import EDGE_SOURCES, stdlib_sample


def _radon(tree: ast.Module) -> tuple[list[tuple[object, ...]], int, float]:
    visitor = ComplexityVisitor.from_ast(tree)
    blocks = [
        (
            block.name,
            block.lineno,
            block.endline,
            block.complexity,
            "class"
            if not hasattr(block, "is_method")
            else ("method" if block.is_method else "function"),
            getattr(block, "classname", None),
        )
        for block in visitor.blocks
    ]
    return blocks, int(visitor.total_complexity), float(h_visit_ast(tree).total.volume)


def _ours(tree: ast.Module) -> tuple[list[tuple[object, ...]], int, float]:
    metrics = measure(tree)
    blocks = [
        (block.name, block.line, block.end_line, block.complexity, block.kind, block.classname)
        for block in metrics.blocks
    ]
    return blocks, metrics.total_complexity, metrics.halstead_volume


@pytest.mark.parametrize("name", sorted(EDGE_SOURCES))
def test_edge_cases_match_radon(name: str) -> None:
    tree = ast.parse(EDGE_SOURCES[name])
    blocks, complexity, volume = _radon(tree)
    assert _ours(tree) == (blocks, complexity, pytest.approx(volume, rel=1e-12))


def test_standard_library_matches_radon() -> None:
    sample = stdlib_sample(120)
    assert len(sample) >= 100
    differing = []
    for name, text in sample:
        tree = ast.parse(text)
        try:
            expected = _radon(tree)
        except RecursionError:  # radon recurses twice as deep as we do
            continue
        blocks, complexity, volume = expected
        if _ours(tree) != (blocks, complexity, pytest.approx(volume, rel=1e-12)):
            differing.append(name)
    assert differing == []


def test_blocks_carry_docstrings_and_kinds() -> None:
    metrics = measure(ast.parse(EDGE_SOURCES["classes"]))
    by_name = {block.name: block for block in metrics.blocks}
    assert by_name["A"].kind == "class" and by_name["A"].has_docstring
    assert by_name["m"].kind == "method" and by_name["m"].classname == "A"
    assert not by_name["m"].has_docstring
    assert "Inner" not in by_name and "deep" not in by_name  # radon omits inner classes


def test_imports_are_top_level_absolute_names() -> None:
    metrics = measure(ast.parse(EDGE_SOURCES["control flow"]))
    assert metrics.imports == {"os", "json", "a"}


def test_closures_are_not_blocks_and_do_not_add_complexity() -> None:
    metrics = measure(ast.parse(EDGE_SOURCES["nested functions"]))
    names = [block.name for block in metrics.blocks]
    assert names == ["outer", "fetch"]
    assert metrics.blocks[0].complexity == 1  # inner's `if` belongs to inner
