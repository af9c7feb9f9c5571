"""Bounded TOML/YAML loading: hostile documents become error messages, quickly."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.ci import compose_yaml
from portfolio_lint.untrusted.parsers import MAX_YAML_FLOW_DEPTH, load_yaml


def nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return "x: " + opener * depth + closer * depth + "\n"


@pytest.mark.parametrize("text", [nested(2_000), nested(2_000, "[", ""), "k: " + "[a, " * 2_000])
def test_deep_flow_nesting_is_refused_before_the_quadratic_scan(text: str) -> None:
    # PyYAML's scanner costs depth**2 on `[[[[...`: 50,000 levels took a minute before.
    data, error = load_yaml(text)
    assert data is None and f"more than {MAX_YAML_FLOW_DEPTH} levels" in (error or "")
    nodes, ci_error, line = compose_yaml(text)
    assert nodes == [] and f"more than {MAX_YAML_FLOW_DEPTH} levels" in (ci_error or "")
    assert line == 1


def test_ordinary_nesting_and_brackets_in_strings_still_parse() -> None:
    text = nested(MAX_YAML_FLOW_DEPTH) + 'run: "[[[[" # [[[[\nmap: {a: [1, {b: 2}]}\n'
    data, error = load_yaml(text)
    assert error is None and data["run"] == "[[[[" and data["map"] == {"a": [1, {"b": 2}]}
    assert compose_yaml(text)[1] is None
