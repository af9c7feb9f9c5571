"""Rule selection: codes, family prefixes and ALL; the most specific selector wins."""

from __future__ import annotations

import pytest

from portfolio_lint.core.selection import is_selected, validate_selectors


@pytest.mark.parametrize(
    ("code", "select", "ignore", "extend", "selected"),
    [
        ("DOC001", ["ALL"], [], [], True),
        ("DOC001", ["DOC"], [], [], True),
        ("ENV001", ["DOC"], [], [], False),
        ("ENV001", ["DOC"], [], ["ENV001"], True),  # extend-select adds to select
        ("DOC001", ["ALL"], ["DOC"], [], False),
        ("DOC001", ["ALL"], ["DOC001"], [], False),
        ("DOC001", ["DOC001"], ["DOC"], [], True),  # the code beats its family
        ("DOC002", ["DOC001"], ["DOC"], [], False),
        ("DOC001", ["DOC"], ["DOC"], [], False),  # a tie goes to ignore
        ("DOC001", ["doc"], [], [], True),  # case does not matter
        ("DOC001", [], [], [], False),  # an empty selection runs nothing
        ("CI001", ["ALL"], ["ALL"], [], False),
    ],
)
def test_is_selected(code, select, ignore, extend, selected):
    assert is_selected(code, select, ignore, extend) is selected


def test_validate_selectors_reports_typos_only():
    codes = ["DOC001", "DOC002", "SEC001"]
    assert validate_selectors(["ALL", "DOC", "DOC00", "SEC001", "DCO", "DOC009"], codes) == [
        "DCO",
        "DOC009",
    ]
