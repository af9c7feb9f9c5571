"""The one tomllib shim parses TOML and raises its decode error on malformed text."""

from __future__ import annotations

import pytest

from portfolio_lint.untrusted import toml


def test_loads_and_decode_error():
    assert toml.loads('[rubric]\nname = "x"\n') == {"rubric": {"name": "x"}}
    with pytest.raises(toml.TOMLDecodeError):
        toml.loads("[[rule]\n")
