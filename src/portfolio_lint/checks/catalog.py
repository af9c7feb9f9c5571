"""Every check module, imported once so that each registers its checks."""

from __future__ import annotations

from collections.abc import Mapping

from portfolio_lint.checks import (
    ci,
    data,
    declarative,
    docs,
    env,
    history,
    notebooks,
    quality,
    secrets,
    tests,
    vcs,
)
from portfolio_lint.checks.registry import CheckSpec, registered_checks

FAMILY_MODULES = (
    ci,
    data,
    declarative,
    docs,
    env,
    history,
    notebooks,
    quality,
    secrets,
    tests,
    vcs,
)


def all_checks() -> Mapping[str, CheckSpec]:
    """Every check of the catalog by name."""
    return registered_checks()
