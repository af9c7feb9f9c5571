"""Check functions, one module per family; importing this package registers them all."""

from portfolio_lint.checks import (  # noqa: F401 - imported for registration
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
