"""One lint run for the command line: target → source, config and rubric → report."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portfolio_lint.app.request import LintRequest
    from portfolio_lint.core.config import CommandLineSelection, Config
    from portfolio_lint.core.model import Report
    from portfolio_lint.core.rubric import Rubric
    from portfolio_lint.facts.repo import Repo
    from portfolio_lint.sources.base import Source
    from portfolio_lint.sources.targets import Target


# Allocations (net) between collections of the youngest generation while linting (default 700).
GC_THRESHOLD = 50_000


class UserError(Exception):
    """A mistake on the user's side: printed as one line, exit 2."""


def load_rubric(path: Path | None) -> Rubric:
    """The rubric at `path`, or the default one."""
    from portfolio_lint.engine.rubric import RubricError
    from portfolio_lint.engine.rubric import load_rubric as load

    try:
        return load(path)
    except RubricError as error:
        raise UserError(str(error)) from None


def open_source(raw: str, *, api: bool, history: bool = True) -> Source:
    """The Source for a local path, or a remote target (cloned, or through the API), with
    the command line's wording for every way it can fail.

    Without `history`, a clone fetches only the blobs of the commit it grades.
    """
    from portfolio_lint.sources.targets import TargetError, parse_target

    try:
        target = parse_target(raw)
    except TargetError as error:
        raise UserError(str(error)) from None
    if target.local is not None:
        return _local_source(target, target.local.resolve())
    return _remote_source(target, api=api, history=history)


def _local_source(target: Target, path: Path) -> Source:
    """A work tree or plain folder; a bare repository is read at its HEAD commit."""
    from portfolio_lint.sources.gittree import GitTreeSource
    from portfolio_lint.sources.open import open_source as open_target
    from portfolio_lint.untrusted.hardened_git import GitError
    from portfolio_lint.untrusted.reads import display_name

    shown = display_name(str(path))
    try:
        source = open_target(target)
    except GitError as error:
        raise UserError(f"{shown}: {error}") from None
    if not isinstance(source, GitTreeSource):
        return source
    try:
        source.files()  # a damaged repository (a missing tree object) is the user's to fix
    except GitError as error:
        source.close()
        raise UserError(f"{shown}: cannot read the repository's files: {error}") from None
    return source


def _remote_source(target: Target, *, api: bool, history: bool) -> Source:
    from portfolio_lint.sources.open import NotOnGitHubError
    from portfolio_lint.sources.open import open_source as open_target
    from portfolio_lint.sources.targets import redact_credentials

    try:
        return open_target(target, api=api, history=history)
    except NotOnGitHubError as error:
        named = redact_credentials(target.raw)
        if error.other_host:
            where = redact_credentials(target.url or "")
            raise UserError(f"{named}: --api reads GitHub repositories only, not {where}") from None
        raise UserError(f"{named}: --api needs a GitHub owner/repo target") from None
    except Exception as error:  # network, auth, missing ref: the user's to fix
        raise UserError(redact_credentials(f"{target.raw}: cannot fetch: {error}")) from None


def load_config(
    source: Source, request: LintRequest
) -> tuple[Config, list[str], CommandLineSelection]:
    """The repository's config (unless --isolated) with the command line applied on top."""
    from portfolio_lint.core.config import (
        MAX_CONFIG_BYTES,
        Config,
        ConfigError,
        apply_cli,
        config_from_files,
    )

    config, warnings = Config(), list[str]()
    if not request.isolated:
        try:
            config, warnings = config_from_files(
                lambda name: source.read_bytes(name, MAX_CONFIG_BYTES + 1)
            )
        except ConfigError as error:
            raise UserError(f"config: {error}") from None
    selection = request.selection
    return apply_cli(config, selection), warnings, selection


def bind(rubric: Rubric, config: Config, selection: CommandLineSelection) -> tuple[Rubric, Config]:
    """Reject selectors and options that name no rule, and bind config options to the rubric."""
    from dataclasses import replace

    from portfolio_lint.core.config import ConfigError, check_selectors
    from portfolio_lint.engine.rubric import RubricError, with_options

    codes = [rule.code for rule in rubric.rules]
    where = f"config: {config.source or 'defaults'}"
    try:
        check_selectors(selection.selectors(), codes, "command line")
        check_selectors(config.selectors(), codes, where, exact=["options"])
    except ConfigError as error:
        raise UserError(str(error)) from None
    try:
        rubric = with_options(rubric, config.options) if config.options else rubric
    except RubricError as error:
        raise UserError(f"{where}: {error}") from None
    return rubric, replace(config, options={})


def lint_report(
    source: Source, rubric: Rubric, config: Config, warnings: list[str], request: LintRequest
) -> Report:
    """Lint with the run options, a status line on a terminal, and known findings removed."""
    from portfolio_lint.engine.run import lint
    from portfolio_lint.facts.repo import Repo, RunOptions

    run = RunOptions(
        use_cache=not request.no_cache,
        jobs=request.jobs,
        history=not request.no_history,
        coverage_file=request.coverage_file.resolve() if request.coverage_file else None,
    )
    repo = Repo(source, config, run)
    for warning in warnings:
        repo.warn(warning)
    if not sys.stderr.isatty() or request.quiet:
        with fewer_collections():
            report = lint(repo, rubric, config)
        return _known_findings_removed(report, repo, rubric, config, request)
    from rich.console import Console
    from rich.text import Text

    # Text, not a markup string: a folder named `x[/]` must not break the status line.
    with Console(stderr=True).status(Text(f"Linting {source.name}…")), fewer_collections():
        report = lint(repo, rubric, config)
        return _known_findings_removed(report, repo, rubric, config, request)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while linting (forked workers inherit it).

    Parsing, the AST walks and unpickling the workers' facts create millions of objects, and
    almost none of them sit in reference cycles (a full collection after a lint of the
    benchmark repository finds none); at the default thresholds the collector kept re-scanning
    them (unpickling the benchmark's facts took 0.34 s, 0.09 s without it).
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _known_findings_removed(
    report: Report, repo: Repo, rubric: Rubric, config: Config, request: LintRequest
) -> Report:
    """Baselines and --diff-base: keep only new findings (the score stays the whole repo's)."""
    from portfolio_lint.engine.baseline import (
        BaselineError,
        only_new,
        read_baseline,
        write_baseline,
    )
    from portfolio_lint.engine.diff_base import DiffBaseError, introduced_since

    try:
        if request.write_baseline:
            write_baseline(report, request.write_baseline)
        if request.diff_base:
            report = introduced_since(report, repo, rubric, config, request.diff_base)
        if request.baseline:
            report = only_new(report, read_baseline(request.baseline))
    except (BaselineError, DiffBaseError) as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"cannot write baseline: {error}") from None
    return report
