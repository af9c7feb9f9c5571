"""The family table: code prefixes and display order."""

from __future__ import annotations

import pytest

from portfolio_lint.core.families import FAMILIES, display_order, family_of


def test_family_of_a_code_is_its_prefix():
    assert family_of("DOC001") == "DOC" and family_of("CI002") == "CI"
    with pytest.raises(ValueError, match="2-4 capitals"):
        family_of("doc001")


def test_display_order_is_the_table_order_then_the_code():
    codes = ["VCS002", "CAP001", "DOC010", "CI001", "DOC002"]
    assert sorted(codes, key=display_order) == ["DOC002", "DOC010", "CI001", "VCS002", "CAP001"]
    assert list(FAMILIES)[:2] == ["DOC", "ENV"]
