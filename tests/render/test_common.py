"""Helpers shared by the renderers."""

from __future__ import annotations

import pytest

from portfolio_lint.model import Finding
from portfolio_lint.render.common import extra_evidence


@pytest.mark.parametrize(("message", "evidence", "shown"), [
    ("Absolute path: /Users/ada/x.csv", "/Users/ada/x.csv", ""),
    ("Hard-coded OpenAI key", "sk-…c3Fz", "sk-…c3Fz"),
    ("No README", None, ""),
])
def test_evidence_is_shown_once(message: str, evidence: str | None, shown: str) -> None:
    assert extra_evidence(Finding(message, evidence=evidence)) == shown
