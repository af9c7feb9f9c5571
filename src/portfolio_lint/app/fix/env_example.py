"""`.env.example`: the environment variables the code reads, with empty values."""

from __future__ import annotations

from portfolio_lint.app.fix.change import Change, FixContext
from portfolio_lint.facts.env_reads import environment_variables

EXAMPLE_NAMES = (".env.example", ".env.sample", ".env.template", ".env.dist", "example.env")


def propose(context: FixContext) -> list[Change]:
    """A new `.env.example` when the code reads variables and no example file exists."""
    repo = context.repo
    variables = environment_variables(repo)
    if not variables or any(repo.exists(name) for name in EXAMPLE_NAMES):
        return []
    lines = [
        "# The environment variables this project reads. Copy this file to .env (which git",
        "# ignores) and fill in the values; never commit the filled-in copy.",
        "",
    ]
    for name, path in variables:
        lines += [f"# read in {path}", f"{name}=", ""]
    if repo.is_ignored(".env.example"):
        context.notes.append(
            "env-example: .gitignore ignores .env.example; add the line `!.env.example`"
        )
    return [Change(".env.example", "env-example", "\n".join(lines[:-1]) + "\n")]
