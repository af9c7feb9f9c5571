"""Planning: every fixer, in one place, and the changes they propose together."""

from __future__ import annotations

from portfolio_lint.app.fix.change import Change, FixContext, Fixer
from portfolio_lint.app.fix.safety import UnreadableError


def fixers() -> tuple[tuple[str, Fixer], ...]:
    """Every fixer, in the order their changes are listed (imported here, in one place)."""
    from portfolio_lint.app.fix import (
        ci_workflow,
        env_example,
        gitignore,
        license_file,
        notebooks,
        pytest_config,
        readme,
    )

    return (
        ("gitignore", gitignore.propose),
        ("env-example", env_example.propose),
        ("license", license_file.propose),
        ("readme", readme.propose),
        ("ci", ci_workflow.propose),
        ("pytest-config", pytest_config.propose),
        ("notebooks", notebooks.propose),
    )


def plan(context: FixContext) -> list[Change]:
    """Every fixer's changes; two fixers never change the same file."""
    changes: list[Change] = []
    seen: set[str] = set()
    for name, propose in fixers():
        try:
            proposed = propose(context)
        except UnreadableError as error:
            context.notes.append(f"{name}: skipped: {error}")
            continue
        for change in proposed:
            if change.path.lower() in seen:
                continue
            seen.add(change.path.lower())
            changes.append(change)
    return changes
