"""Rule selection: the one precedence rule (core.selection.decide), from config and CLI."""

from __future__ import annotations

from typing import Any

import pytest

from portfolio_lint.core.config import Config, apply_cli, cli_overrides, parse_config
from portfolio_lint.core.selection import decide, matches, validate_selectors

RUN, DROP = "run", "dropped"


def decided(code: str, config: Config) -> str:
    decision = decide(code, config)
    if decision.runs:
        assert decision.ignored_reason is None
        return RUN
    return DROP if decision.ignored_reason is None else f"ignored: {decision.ignored_reason}"


@pytest.mark.parametrize(
    ("table", "code", "expected"),
    [
        # select: codes, prefixes, ALL, any case; nothing selected runs nothing
        ({}, "DOC001", RUN),  # the default selection is ALL
        ({"select": ["DOC"]}, "DOC001", RUN),
        ({"select": ["DOC"]}, "ENV001", DROP),
        ({"select": ["doc001"]}, "DOC001", RUN),
        ({"select": []}, "DOC001", DROP),
        ({"select": ["DOC"], "extend-select": ["ENV001"]}, "ENV001", RUN),
        # select vs plain ignore: the more specific wins, a tie goes to ignore
        ({"ignore": ["DOC"]}, "DOC001", DROP),
        ({"ignore": ["ALL"]}, "CI001", DROP),
        ({"select": ["DOC001"], "ignore": ["DOC"]}, "DOC001", RUN),
        ({"select": ["DOC001"], "ignore": ["DOC"]}, "DOC002", DROP),
        ({"select": ["DOC"], "ignore": ["DOC"]}, "DOC001", DROP),
        ({"select": ["DOC"], "extend-ignore": ["DOC001"]}, "DOC001", DROP),
        ({"extend-select": ["DOC001"], "extend-ignore": ["DOC"]}, "DOC001", RUN),
        # ignore-with-reason: shown only when the rule would run and nothing more specific
        # selects it; it beats a plain ignore of the same rank
        ({"ignore": {"DOC": "later"}}, "DOC001", "ignored: later"),
        ({"ignore-with-reason": {"ALL": "off"}}, "SEC001", "ignored: off"),
        ({"select": ["SEC001"], "ignore": {"SEC": "later"}}, "SEC001", RUN),
        ({"select": ["SEC"], "ignore": {"SEC": "later"}}, "SEC001", "ignored: later"),
        ({"select": ["DOC"], "ignore": {"SEC": "later"}}, "SEC001", DROP),  # not selected
        (
            {"ignore-with-reason": {"DOC": "later"}, "extend-ignore": ["DOC001"]},
            "DOC001",
            DROP,  # the more specific plain ignore wins: no reason shown
        ),
        (
            {"ignore-with-reason": {"DOC001": "by hand"}, "extend-ignore": ["DOC"]},
            "DOC001",
            "ignored: by hand",
        ),
        (
            {"ignore-with-reason": {"DOC001": "tie"}, "extend-ignore": ["DOC001"]},
            "DOC001",
            "ignored: tie",
        ),
        (
            {"ignore-with-reason": {"DOC": "family", "DOC001": "code"}},
            "DOC001",
            "ignored: code",  # the most specific reason
        ),
        # `ignore` as a table and `ignore-with-reason` merge; `ignore`'s reason wins a clash
        (
            {"ignore": {"DOC001": "from ignore"}, "ignore-with-reason": {"doc001": "other"}},
            "DOC001",
            "ignored: from ignore",
        ),
    ],
)
def test_precedence_in_the_config(table: dict[str, Any], code: str, expected: str) -> None:
    assert decided(code, parse_config(table, "portfolio-lint.toml")) == expected


CLI_DEFAULTS: dict[str, list[str]] = {
    "select": [],
    "ignore": [],
    "extend_select": [],
    "extend_ignore": [],
}


@pytest.mark.parametrize(
    ("table", "cli", "code", "expected"),
    [
        ({"select": ["DOC"]}, {"select": ["SEC"]}, "DOC001", DROP),  # --select replaces
        ({"select": ["DOC"]}, {"select": ["sec,env"]}, "ENV001", RUN),  # commas split
        ({"select": ["DOC"]}, {"extend_select": ["SEC"]}, "DOC001", RUN),  # the rest extends
        ({"select": ["DOC"]}, {"extend_select": ["SEC"]}, "SEC001", RUN),
        ({}, {"ignore": ["DOC001"]}, "DOC001", DROP),
        ({"select": ["DOC001"]}, {"ignore": ["DOC"]}, "DOC001", RUN),  # specificity still rules
        ({"ignore": {"SEC": "later"}}, {"select": ["SEC001"]}, "SEC001", RUN),
        ({"ignore": {"SEC": "later"}}, {"select": ["SEC"]}, "SEC001", "ignored: later"),
        ({"ignore": {"SEC001": "later"}}, {"ignore": ["SEC"]}, "SEC001", "ignored: later"),
        ({"ignore": {"SEC": "later"}}, {"extend_ignore": ["SEC001"]}, "SEC001", DROP),
    ],
)
def test_precedence_with_the_command_line_on_top(
    table: dict[str, Any], cli: dict[str, list[str]], code: str, expected: str
) -> None:
    given = {**CLI_DEFAULTS, **cli}
    selection = cli_overrides(
        given["select"], given["ignore"], given["extend_select"], given["extend_ignore"], None
    )
    config = apply_cli(parse_config(table, "portfolio-lint.toml"), selection)
    assert decided(code, config) == expected


@pytest.mark.parametrize(
    ("selectors", "code", "matched"),
    [
        (["ALL"], "DOC001", True),
        (["doc"], "DOC001", True),
        (["DOC001"], "DOC001", True),
        (["DOC002", "SEC"], "DOC001", False),
        ([], "DOC001", False),
    ],
)
def test_matches(selectors: list[str], code: str, matched: bool) -> None:
    assert matches(selectors, code) is matched


def test_validate_selectors_reports_typos_only() -> None:
    codes = ["DOC001", "DOC002", "SEC001"]
    assert validate_selectors(["ALL", "DOC", "DOC00", "SEC001", "DCO", "DOC009"], codes) == [
        "DCO",
        "DOC009",
    ]
