"""One lint run for the command line: target → source, config and rubric → report."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio_lint.core.config import Config
    from portfolio_lint.core.model import Report
    from portfolio_lint.core.rubric import Rubric
    from portfolio_lint.facts.repo import Repo
    from portfolio_lint.sources.base import Source
    from portfolio_lint.sources.targets import Target


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
    """The Source for a local path, or a remote target (cloned, or through the API).

    Without `history`, a clone fetches only the blobs of the commit it grades.
    """
    from portfolio_lint.sources.targets import TargetError, parse_target

    try:
        target = parse_target(raw)
    except TargetError as error:
        raise UserError(str(error)) from None
    if target.local is not None:
        return _local_source(target.local.resolve())
    return _remote_source(target, api=api, history=history)


def _local_source(path: Path) -> Source:
    """A work tree or plain folder; a bare repository is read at its HEAD commit."""
    from portfolio_lint.sources.gittree import GitTreeSource, is_bare_repository
    from portfolio_lint.sources.local import LocalSource
    from portfolio_lint.untrusted.hardened_git import GitError
    from portfolio_lint.untrusted.reads import display_name

    shown = display_name(str(path))
    try:
        if not is_bare_repository(path):
            return LocalSource(path)
        source = GitTreeSource(path, "HEAD", display=shown)
    except GitError as error:
        raise UserError(f"{shown}: {error}") from None
    try:
        source.files()  # a damaged repository (a missing tree object) is the user's to fix
    except GitError as error:
        source.close()
        raise UserError(f"{shown}: cannot read the repository's files: {error}") from None
    return source


def _remote_source(target: Target, *, api: bool, history: bool) -> Source:
    from portfolio_lint.sources.targets import redact_credentials

    try:
        if api:
            from portfolio_lint.sources.github import GitHubSource

            if target.slug is None:
                raise UserError(
                    f"{redact_credentials(target.raw)}: --api needs a GitHub owner/repo target"
                )
            return GitHubSource(target.slug, target.ref)
        from portfolio_lint.sources.clone import ensure_checkout
        from portfolio_lint.sources.local import LocalSource

        return LocalSource(ensure_checkout(target, history=history).path)
    except UserError:
        raise
    except Exception as error:  # network, auth, missing ref: the user's to fix
        raise UserError(redact_credentials(f"{target.raw}: cannot fetch: {error}")) from None


def load_config(
    source: Source, options: Mapping[str, Any]
) -> tuple[Config, list[str], dict[str, Any]]:
    """The repository's config (unless --isolated) with the command line applied on top."""
    from portfolio_lint.core.config import (
        MAX_CONFIG_BYTES,
        Config,
        ConfigError,
        apply_cli,
        cli_overrides,
        config_from_files,
    )

    config, warnings = Config(), list[str]()
    if not options["isolated"]:
        try:
            config, warnings = config_from_files(
                lambda name: source.read_bytes(name, MAX_CONFIG_BYTES + 1)
            )
        except ConfigError as error:
            raise UserError(f"config: {error}") from None
    overrides = cli_overrides(
        options["select"],
        options["ignore"],
        options["extend_select"],
        options["extend_ignore"],
        options["fail_under"],
    )
    return apply_cli(config, overrides), warnings, overrides


def bind(rubric: Rubric, config: Config, overrides: Mapping[str, Any]) -> tuple[Rubric, Config]:
    """Reject selectors and options that name no rule, and bind config options to the rubric."""
    from dataclasses import replace

    from portfolio_lint.core.config import ConfigError, check_selectors, cli_selectors
    from portfolio_lint.engine.rubric import RubricError, with_options

    codes = [rule.code for rule in rubric.rules]
    where = f"config: {config.source or 'defaults'}"
    try:
        check_selectors(cli_selectors(overrides), codes, "command line")
        check_selectors(config.selectors(), codes, where, exact=["options"])
    except ConfigError as error:
        raise UserError(str(error)) from None
    try:
        rubric = with_options(rubric, config.options) if config.options else rubric
    except RubricError as error:
        raise UserError(f"{where}: {error}") from None
    return rubric, replace(config, options={})


def lint_report(
    source: Source, rubric: Rubric, config: Config, warnings: list[str], options: Mapping[str, Any]
) -> Report:
    """Lint with the run options, a status line on a terminal, and known findings removed."""
    from portfolio_lint.engine.run import lint
    from portfolio_lint.facts.repo import Repo, RunOptions

    run = RunOptions(
        use_cache=not options["no_cache"],
        jobs=options["jobs"],
        history=not options["no_history"],
        coverage_file=options["coverage_file"].resolve() if options["coverage_file"] else None,
    )
    repo = Repo(source, config, run)
    for warning in warnings:
        repo.warn(warning)
    if not sys.stderr.isatty() or options["quiet"]:
        return _known_findings_removed(lint(repo, rubric, config), repo, rubric, config, options)
    from rich.console import Console
    from rich.text import Text

    # Text, not a markup string: a folder named `x[/]` must not break the status line.
    with Console(stderr=True).status(Text(f"Linting {source.name}…")):
        report = lint(repo, rubric, config)
        return _known_findings_removed(report, repo, rubric, config, options)


def _known_findings_removed(
    report: Report, repo: Repo, rubric: Rubric, config: Config, options: Mapping[str, Any]
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
        if options["write_baseline"]:
            write_baseline(report, options["write_baseline"])
        if options["diff_base"]:
            report = introduced_since(report, repo, rubric, config, options["diff_base"])
        if options["baseline"]:
            report = only_new(report, read_baseline(options["baseline"]))
    except (BaselineError, DiffBaseError) as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"cannot write baseline: {error}") from None
    return report
