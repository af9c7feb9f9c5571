"""`portfolio-lint fix [PATH]`: show (or, with --apply, write) what the repository is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from portfolio_lint.app.fix.change import LICENSES, FixSettings

EPILOG = """\b
Dry run by default: prints a unified diff of every change and the score the repository
would reach; --apply writes. fix never overwrites or deletes a file: it creates missing
files and appends text at the end of .gitignore, README.md and pyproject.toml (and, only
with --notebooks, rewrites notebooks without their error and huge outputs).

\b
Exit codes: 0 nothing to do, or written (--apply); 1 changes proposed (dry run);
2 refused (dirty work tree, symlink, read-only folder, not a local repository) or usage.
"""


@click.command(
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("path", default=".", required=False, metavar="[PATH]")
@click.option("--apply", "write", is_flag=True, help="Write the changes (default: a dry run).")
@click.option(
    "--license",
    "license_name",
    type=click.Choice(LICENSES),
    help="Add a LICENSE with this standard text when the repository has none.",
)
@click.option(
    "--holder", metavar="NAME", help="The LICENSE's copyright holder (default: git user.name)."
)
@click.option(
    "--notebooks",
    is_flag=True,
    help="Also clear error outputs and huge outputs in notebooks, and suggest relative paths.",
)
@click.option("--allow-dirty", is_flag=True, help="Run even with uncommitted changes.")
@click.option("--no-score", is_flag=True, help="Do not lint to show the score gain (faster).")
def fix(
    path: str,
    write: bool,
    license_name: str | None,
    holder: str | None,
    notebooks: bool,
    allow_dirty: bool,
    no_score: bool,
) -> None:
    """Create what a repository is missing, from its own files."""
    from portfolio_lint.app.fix.run import FixRequest, run

    settings = FixSettings(license_name, holder, notebooks)
    request = FixRequest(Path(path), settings, write, allow_dirty, not no_score)
    sys.exit(run(request, click.echo, lambda message: click.echo(message, err=True)))
