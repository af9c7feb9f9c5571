"""Command-line entry point: parse options, load config and rubric, lint, render, exit 0/1/2."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio_lint import __version__
from portfolio_lint.core.scoring import FORMULA

if TYPE_CHECKING:
    from portfolio_lint.app.outputs import OutputSpec
    from portfolio_lint.app.request import LintRequest
    from portfolio_lint.core.model import Report

EXIT_PASSED, EXIT_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "portfolio-lint"
# Subcommands live in their own modules and are imported only when asked for.
SUBCOMMANDS = {
    "batch": "portfolio_lint.app.batch.command:batch",
    "fix": "portfolio_lint.app.fix.command:fix",
}

EPILOG = f"""\b
{textwrap.fill("Scoring: " + FORMULA, 90)}

\b
Exit codes: 0 passed; 1 an error-severity finding, or the score is below --fail-under;
2 usage, configuration or internal error, including a check that crashed (the report is
still written). --exit-zero turns 1 into 0, never 2.

\b
Examples:
  portfolio-lint                          lint the current folder, text report
  portfolio-lint ../project -f json:out.json -f text
  portfolio-lint gh:owner/repo --fail-under 70
  portfolio-lint repo/projects/nlp        one folder of a repository, its history
  portfolio-lint gh:owner/repo//nlp       the same, on GitHub
  portfolio-lint --explain DOC002
  portfolio-lint batch --help             grade a whole class (roster or organisation)
  portfolio-lint fix                      show what fix would create (--apply writes it)
"""


class _Main(click.Command):
    """The lint command; also routes `portfolio-lint batch ...` and prints errors as one line."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> None:
        argv = list(sys.argv[1:] if args is None else args)
        extra.pop("standalone_mode", None)
        if argv and argv[0] in SUBCOMMANDS:
            module, _, name = SUBCOMMANDS[argv[0]].partition(":")
            command: click.Command = getattr(importlib.import_module(module), name)
            command.main(argv[1:], prog_name=f"{prog_name or PROG} {argv[0]}", **extra)
            return
        try:
            code = super().main(argv, prog_name or PROG, standalone_mode=False, **extra)
        except click.Abort:
            click.echo(f"{PROG}: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as error:
            _error(f"error: {error.format_message()} (see --help)")
            sys.exit(EXIT_ERROR)
        sys.exit(code if isinstance(code, int) else EXIT_PASSED)


@click.command(
    cls=_Main,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("target", default=".", required=False, metavar="[PATH]")
@click.option(
    "-f",
    "--output-format",
    "outputs",
    multiple=True,
    metavar="FMT[:FILE]",
    help="text, json, markdown, html, sarif, github, gitlab, junit or badge; "
    "':FILE' writes to a file. Repeatable; one format may go to stdout.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="SCORE",
    help="Exit 1 when the score is below SCORE (0-100).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the lint fails (not on 2).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes, family prefixes (DOC) or ALL, comma-separated.",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules.")
@click.option(
    "--extend-select", multiple=True, metavar="CODES", help="Add rules to the configured selection."
)
@click.option(
    "--extend-ignore",
    multiple=True,
    metavar="CODES",
    help="Skip rules in addition to the configured ignores.",
)
@click.option(
    "--rubric",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Use this rubric TOML instead of the default one.",
)
@click.option("--list-rules", is_flag=True, help="List the rubric's rules (text or json) and exit.")
@click.option(
    "--explain",
    metavar="RULE",
    help="Explain one rule (a code or a name): why it matters, how to fix, bad and good examples.",
)
@click.option(
    "--show",
    type=click.Choice(["failed", "all"]),
    default="failed",
    show_default=True,
    help="Text report: failing rules only, or every rule.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (auto: on a terminal, no NO_COLOR).",
)
@click.option("-q", "--quiet", is_flag=True, help="Text report: print only the score line.")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Text report: add not-applicable reasons and warnings (-vv: debug log).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the analysis cache.")
@click.option("--no-history", is_flag=True, help="Skip the git-history rules (faster).")
@click.option(
    "--coverage-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A coverage report (XML/JSON/.coverage) for the TST rules.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 256),
    default=0,
    metavar="N",
    help="Worker processes for file analysis (0: automatic).",
)
@click.option(
    "--isolated",
    is_flag=True,
    help="Ignore the linted repository's own configuration and inline suppressions (graders).",
)
@click.option(
    "--honour-inline-ignores",
    is_flag=True,
    help="With --isolated: honour the repository's `# portfolio-lint: ignore[...]` and "
    "`gitleaks:allow` comments after all.",
)
@click.option(
    "--allow-inline-ignore",
    multiple=True,
    metavar="CODES",
    help="With --isolated: honour inline suppressions of these rules only.",
)
@click.option("--api", is_flag=True, help="Read a GitHub target through the API, not a clone.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Report only findings not recorded in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Record the current findings (hashes only) as a baseline.",
)
@click.option(
    "--diff-base",
    metavar="REV",
    help="Report only findings introduced since git revision REV (pull requests).",
)
@click.version_option(__version__, "--version", prog_name=PROG)
def main(**options: Any) -> int:
    """Lint an AI/ML portfolio repository (PATH, gh:owner/repo[//folder] or a git URL; default
    `.`). A bare owner/repo is a folder name here: write gh:owner/repo for GitHub."""
    from portfolio_lint.app.request import LintRequest

    request = LintRequest.from_options(options)
    verbose = request.verbose
    if verbose >= 2:
        _debug_log()
    import warnings

    from portfolio_lint.app.lint_run import UserError

    try:
        with warnings.catch_warnings():  # restores the default display afterwards
            warnings.showwarning = _show_warning
            return _run(request)
    except UserError as error:
        _error(f"error: {error}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo(f"{PROG}: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line, the traceback only when asked for
        if verbose:
            _print_traceback(error)
        hint = "" if verbose else " (-v shows the traceback)"
        _error(f"internal error: {type(error).__name__}: {error}{hint}")
        return EXIT_ERROR


def _error(message: str) -> None:
    """One line on stderr; escapes and line breaks from the repository (a config key, a path)
    are neutralised, so the message cannot start a `::command::` line in a CI log."""
    from portfolio_lint.render.escapes import one_line

    click.echo(f"{PROG}: {one_line(message)}", err=True)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A Python warning (say, a SyntaxWarning while parsing the repository's code) as one
    line on stderr: neither its text nor the source line it quotes can start a line."""
    _error(f"warning: {filename}:{lineno}: {category.__name__}: {message}")


def _traceback_text(error: BaseException) -> str:
    """The traceback of `error`; its message (which may quote the repository) on one line,
    like every other line that can carry repository text."""
    import traceback

    from portfolio_lint.render.escapes import one_line

    frames = "".join(traceback.format_tb(error.__traceback__))
    summary = "".join(traceback.format_exception_only(type(error), error)).rstrip()
    return f"Traceback (most recent call last):\n{frames}{one_line(summary)}"


def _print_traceback(error: BaseException) -> None:
    click.echo(_traceback_text(error), err=True)


def _debug_log() -> None:
    """`-vv`: the debug log on stderr, one line per record (a record quoting the repository
    cannot start a line of its own), tracebacks as `_traceback_text` shows them."""
    import logging

    from portfolio_lint.render.escapes import one_line

    class OneLine(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            text = f"{record.levelname}:{record.name}:{one_line(record.getMessage())}"
            if record.exc_info and record.exc_info[1] is not None:
                text += "\n" + _traceback_text(record.exc_info[1])
            return text

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    # portfolio-lint's own steps (files walked, cache, checks, git); the libraries it uses
    # (markdown-it, radon, PyGithub, urllib3...) stay at warnings.
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    logging.getLogger("portfolio_lint").setLevel(logging.DEBUG)


def _run(request: LintRequest) -> int:
    from portfolio_lint.app.lint_run import UserError
    from portfolio_lint.app.outputs import OutputError, parse_outputs

    try:
        outputs = parse_outputs(request.outputs)
    except OutputError as error:
        raise UserError(str(error)) from None
    if request.list_rules or request.explain:
        return _describe_rules(request, [o.format for o in outputs])
    from portfolio_lint.app import lint_run

    source = lint_run.open_source(request.target, api=request.api, history=not request.no_history)
    try:
        config, warnings, selection = lint_run.load_config(source, request)
        rubric = lint_run.load_rubric(request.rubric)
        rubric, config = lint_run.bind(rubric, config, selection)
        report = lint_run.lint_report(source, rubric, config, warnings, request)
    finally:
        close = getattr(source, "close", None)  # a git tree's cat-file process
        if close is not None:
            close()
    _write_reports(report, outputs, request)
    return exit_code(report, exit_zero=request.exit_zero)


def exit_code(report: Report, *, exit_zero: bool) -> int:
    """0 passed, 1 failed (unless `exit_zero`), 2 when a check crashed: `report.outcome`."""
    from portfolio_lint.core.model import Outcome

    outcome = report.outcome
    if outcome is Outcome.CRASHED:
        return EXIT_ERROR
    return EXIT_PASSED if outcome is Outcome.PASSED or exit_zero else EXIT_FAILED


def _describe_rules(request: LintRequest, formats: list[str]) -> int:
    from portfolio_lint.app.lint_run import UserError, load_rubric

    rubric = load_rubric(request.rubric)
    color = _use_color(request.color)
    if request.explain:
        rule = rubric.find(request.explain.strip())
        if rule is None:
            from portfolio_lint.core.removed import removed_rule

            removed = removed_rule(request.explain)
            if removed is not None:
                raise UserError(f"--explain: {removed.message}")
            raise UserError(f"--explain: no rule {request.explain!r} in rubric {rubric.name}")
        from portfolio_lint.render.text import render_explain

        click.echo(
            render_explain(
                rule,
                rubric.family_title(rule.family),
                color=color,
                width=_width(),
                overridden=rubric.overridden.get(rule.code),
            ),
            nl=False,
            color=color,
        )
        return EXIT_PASSED
    if "json" in formats:
        from portfolio_lint.render.json import rules_document

        click.echo(rules_document(rubric), nl=False, color=False)
    else:
        from portfolio_lint.render.text import render_rules

        click.echo(render_rules(rubric, color=color, width=_width()), nl=False, color=color)
    return EXIT_PASSED


def _use_color(choice: str) -> bool:
    import os

    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _width() -> int | None:
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _write_reports(report: Report, outputs: list[OutputSpec], request: LintRequest) -> None:
    from portfolio_lint.app.lint_run import UserError
    from portfolio_lint.app.outputs import OutputError, write_output
    from portfolio_lint.render import renderer

    for spec in outputs:
        to_stdout, color = spec.path is None, False
        if spec.format == "text":
            from portfolio_lint.render.text import render

            color = to_stdout and _use_color(request.color)
            verbosity = -1 if request.quiet else request.verbose
            text = render(
                report,
                color=color,
                show_all=request.show == "all",
                verbosity=verbosity,
                width=_width() if to_stdout else None,
            )
        else:
            text = renderer(spec.format)(report)
        if spec.path is None:
            click.echo(text, nl=False, color=color)
            continue
        try:
            write_output(spec.path, text)
        except OutputError as error:
            raise UserError(str(error)) from None
