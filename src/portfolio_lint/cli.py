"""Command-line entry point (minimal; the full option set is being written)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from portfolio_lint import __version__
from portfolio_lint.engine import lint
from portfolio_lint.repo import Repo
from portfolio_lint.rubric import load_rubric
from portfolio_lint.sources.local import LocalSource


@click.command()
@click.argument("path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.version_option(__version__)
def main(path: Path) -> None:
    """Lint an AI/ML portfolio repository."""
    report = lint(Repo(LocalSource(path)), load_rubric())
    click.echo(json.dumps(asdict(report), indent=2, default=str))
    sys.exit(0 if report.passed else 1)
