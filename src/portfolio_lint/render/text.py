"""The terminal report (rich): score and grade, a bar per family, failing rules with fixes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from portfolio_lint.core.kinds import KIND_PLURALS
from portfolio_lint.core.model import Finding, Report, RuleResult, Severity, Status
from portfolio_lint.core.rubric import REQUIRED
from portfolio_lint.core.scoring import FAILING, GRADE_BANDS
from portfolio_lint.render.common import (
    breakdown_text,
    extra_evidence,
    failing_results,
    gains,
    kind_text,
    maturity_text,
    plural,
    progress_text,
    score_text,
    suppressions_text,
    unicode_bar,
    verdict_text,
    worth_text,
)
from portfolio_lint.render.escapes import one_line  # repository text: escapes, line breaks

if TYPE_CHECKING:
    from portfolio_lint.core.rubric import Rubric, Rule

# Without a terminal, lines are not wrapped: pipes and files get one finding per line, and a
# long message never wraps so that repository text starts a line (`::error` in a CI log).
# Rich pads nothing to this width; no repository text read within the size caps reaches it.
UNWRAPPED_WIDTH = 100_000_000
MAX_FINDINGS = 20
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATUS_MARK = {
    Status.PASSED: ("✓", "green"),
    Status.PARTIAL: ("◐", "yellow"),
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "bold magenta"),
    Status.NOT_APPLICABLE: ("·", "dim"),
    Status.IGNORED: ("-", "dim"),
}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}


def _console(color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or UNWRAPPED_WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    return console, buffer


def _band_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def score_line(report: Report) -> Text:
    """`Score 72.5/100  grade C  passed` — all that `-q` prints."""
    verdict = verdict_text(report)
    return Text.assemble(
        ("Score ", "bold"),
        (f"{score_text(report.score)}/100", _band_style(report.score)),
        "  grade ",
        (report.grade, GRADE_STYLE.get(report.grade, "bold")),
        "  ",
        (verdict, "green" if report.passed else "bold red"),
    )


def _header(report: Report) -> Text:
    details = [f"rubric {report.rubric}"]
    if report.commit:
        details.append(f"commit {report.commit[:12]}")
    return Text.assemble(
        ("portfolio-lint ", "bold"),
        (one_line(report.target), "bold cyan"),
        f"  ({', '.join(details)})",
    )


def _family_table(report: Report, width: int | None) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(no_wrap=True, overflow="ellipsis")
    bar_cells = 20 if width is None or width >= 90 else 10
    for minimum in (3, bar_cells, 5, None):
        table.add_column(no_wrap=True, min_width=minimum)
    for family in report.families:
        style = _band_style(family.score)
        table.add_row(
            Text(family.title),
            Text(family.family, "dim"),
            Text(unicode_bar(family.score, bar_cells), style),
            Text(score_text(family.score).rjust(5), style),
            Text(f"{family.passed}/{family.total} rules passed", "dim"),
        )
    return table


def _indented(text: Text) -> RenderableType:
    """Lines under a rule heading; wrapped continuation lines keep the indent."""
    return Padding(text, (0, 0, 0, 4), expand=False)


def _finding_line(finding: Finding, fallback: Severity) -> RenderableType:
    severity = finding.severity or fallback
    where = str(finding.location) if finding.location else "(repository)"
    line = Text.assemble((one_line(where), "bold"), "  ", one_line(finding.message))
    if evidence := extra_evidence(finding):
        line.append(f"  [{one_line(evidence)}]", "dim")
    if severity is not fallback:
        line.append(f"  ({severity.value})", SEVERITY_STYLE[severity])
    return _indented(line)


def _rule_heading(result: RuleResult, gain: float = 0.0) -> Text:
    mark, style = STATUS_MARK[result.status]
    rule = result.rule
    points = "crashed" if result.score is None else f"{result.score * 100:.0f}%"
    if result.status is Status.PASSED and result.suppressed:
        # Full marks only because findings were silenced: say so, not a clean "100%".
        mark, style = "~", "yellow"
        points = f"suppressed ({plural(result.suppressed, 'finding')} ignored)"
        summary = None
    else:
        summary = result.summary
    worth = worth_text(gain)
    return Text.assemble(
        (f"{mark} ", style),
        (rule.code, "bold"),
        " ",
        one_line(rule.name),
        "  ",
        (rule.severity.value, SEVERITY_STYLE[rule.severity]),
        "  ",
        (points, style),
        ("  " + worth if worth else "", "bold"),
        ("  " + one_line(summary) if summary else "", "dim"),
    )


def _rule_block(result: RuleResult, verbosity: int, gain: float) -> Iterable[RenderableType]:
    yield _rule_heading(result, gain)
    if result.status is Status.ERROR:
        yield _indented(Text(one_line(result.reason or "check crashed"), "magenta"))
    limit = None if verbosity > 0 else MAX_FINDINGS
    shown = result.findings if limit is None else result.findings[:limit]
    for finding in shown:
        yield _finding_line(finding, result.rule.severity)
    if len(result.findings) > len(shown):
        more = len(result.findings) - len(shown)
        yield _indented(Text(f"… and {more} more (-v or --output-format json shows all)", "dim"))
    if result.rule.fix and result.status is not Status.ERROR:
        yield _indented(Text.assemble(("fix: ", "bold green"), result.rule.fix))


def _other_results(report: Report, show_all: bool, verbosity: int) -> Iterable[RenderableType]:
    for result in report.results:
        if result.status is Status.PASSED and (show_all or (result.suppressed and verbosity > 0)):
            yield _rule_heading(result)
            yield from (_finding_line(f, result.rule.severity) for f in result.findings)
        elif result.status is Status.IGNORED and (show_all or verbosity > 0):
            yield _skipped_line(result, "ignored")
        elif result.status is Status.NOT_APPLICABLE and (show_all or verbosity > 0):
            yield _skipped_line(result, "not applicable")


def _skipped_line(result: RuleResult, label: str) -> Text:
    mark, style = STATUS_MARK[result.status]
    reason = f": {one_line(result.reason)}" if result.reason else ""
    return Text.assemble(
        (f"{mark} ", style),
        (result.rule.code, "bold"),
        f" {result.rule.name}  ",
        (f"{label}{reason}", "dim"),
    )


def render(
    report: Report,
    *,
    color: bool = False,
    show_all: bool = False,
    verbosity: int = 0,
    width: int | None = None,
) -> str:
    """The report for a terminal; `verbosity` -1 is the score line only, 1 adds skipped rules."""
    console, buffer = _console(color, width)
    if verbosity < 0:
        console.print(score_line(report))
        return buffer.getvalue()
    console.print(_header(report))
    if kind := kind_text(report):
        console.print(Text(one_line(kind), "dim"))
    console.print()
    console.print(score_line(report))
    if breakdown := breakdown_text(report):
        console.print(Text(breakdown, "dim"))
    if progress := progress_text(report):
        console.print(Text(progress, "bold"))
    if mlops := maturity_text(report):
        console.print(Text(mlops))
    console.print()
    console.print(_family_table(report, width))
    failing = failing_results(report)
    console.print()
    if failing:
        console.print(Text(f"{plural(len(failing), 'rule')} to improve", "bold underline"))
    else:
        console.print(Text("Every selected rule passed.", "bold green"))
    gained = gains(report)
    for result in failing:
        console.print()
        for line in _rule_block(result, verbosity, gained[result.rule.code]):
            console.print(line)
    if overruled := suppressions_text(report):
        console.print()
        console.print(Text(overruled, "bold yellow"))
    others = list(_other_results(report, show_all, verbosity))
    if others:
        console.print()
        for line in others:
            console.print(line)
    if report.warnings and verbosity > 0:
        console.print()
        console.print(Text("warnings", "bold yellow"))
        for warning in report.warnings:
            console.print(Text(f"  {one_line(warning)}", "yellow"))
    elif report.warnings:
        console.print()
        console.print(Text(f"{plural(len(report.warnings), 'warning')}; -v shows them", "dim"))
    return buffer.getvalue()


def render_rules(rubric: Rubric, *, color: bool = False, width: int | None = None) -> str:
    """`--list-rules`: one row per rule with what its check verifies."""
    console, buffer = _console(color, width)
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
    for column in ("code", "name", "weight", "severity", "verifies"):
        table.add_column(column)
    for rule in rubric.rules:
        was = rubric.overridden.get(rule.code, {})
        table.add_row(
            Text(rule.code, "bold"),
            rule.name,
            f"{rule.weight:g}" + _was(was, "weight"),
            Text(rule.severity.value + _was(was, "severity"), SEVERITY_STYLE[rule.severity]),
            Text(rule.check_title or rule.check, "dim"),
        )
    console.print(Text(f"rubric {rubric.name}: {len(rubric.rules)} rules", "bold"))
    if rubric.grades != GRADE_BANDS:
        console.print(Text(f"grades: {grade_bands_text(rubric.grades)}"))
    console.print(table)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _was(base: Mapping[str, Any], key: str) -> str:
    """` (was 3)` after a value the rubric's `[overrides]` changed."""
    if key not in base or base[key] is None:
        return ""
    value = base[key]
    return f" (was {value:g})" if isinstance(value, (int, float)) else f" (was {value})"


def grade_bands_text(bands: Sequence[tuple[float, str]]) -> str:
    """`A >= 93, B >= 85, ..., else F`."""
    shown = ", ".join(f"{letter} >= {floor:g}" for floor, letter in bands)
    return shown if bands and bands[-1][0] <= 0 else f"{shown}, else {FAILING}"


def _explained_options(rule: Rule, defaults: Mapping[str, Any]) -> str:
    values = {key.replace("_", "-"): value for key, value in defaults.items()}
    values.update({key.replace("_", "-"): value for key, value in rule.options.items()})
    shown = []
    for key, value in values.items():
        set_here = key in rule.options or key.replace("-", "_") in rule.options
        text = "(required)" if value is REQUIRED else _toml_value(value)
        shown.append(f"{key} = {text}" + ("" if set_here or value is REQUIRED else " (default)"))
    return ", ".join(shown)


def _toml_value(value: Any) -> str:
    """How the value is written in a rubric (JSON's spelling is TOML's for these types)."""
    import json

    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def render_explain(
    rule: Rule,
    family_title: str,
    *,
    color: bool = False,
    width: int | None = None,
    overridden: Mapping[str, Any] | None = None,
) -> str:
    """`--explain CODE`: what the rule checks, its options, why it matters, how to fix it, examples.

    Each of the check's options is shown with the rubric's value when it sets one; a weight or
    severity the rubric's `[overrides]` changed shows the value it replaced.
    """
    was = overridden or {}
    console, buffer = _console(color, width)
    console.print(Text.assemble((rule.code, "bold"), " ", (rule.name, "bold cyan")))
    console.print(
        Text(
            f"family {rule.family} ({family_title}) · "
            f"weight {rule.weight:g}{_was(was, 'weight')} · "
            f"severity {rule.severity.value}{_was(was, 'severity')} · check {rule.check}",
            "dim",
        )
    )
    options = _explained_options(rule, rule.defaults)
    if options:
        console.print(Text(f"options: {options}", "dim"))
    if rule.kinds is not None:
        applies = ", ".join(KIND_PLURALS.get(kind, kind) for kind in rule.kinds)
        console.print(Text(f"applies to: {applies} (other kinds: not applicable)", "dim"))
    console.print()
    console.print(Text("Why it matters", "bold"))
    console.print(Text(rule.rationale or "-"))
    console.print()
    console.print(Text("How to fix", "bold"))
    console.print(Text(rule.fix or "-"))
    for heading, example in zip(("Bad", "Good"), rule.examples, strict=True):
        if example:
            console.print()
            console.print(Text(heading, "bold"))
            console.print(Text("\n".join(f"    {line}" for line in example.splitlines())))
    return buffer.getvalue()
