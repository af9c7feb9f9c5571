"""The typed run request: built once from click's parameters, read by field everywhere."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from portfolio_lint.app import cli
from portfolio_lint.app.request import LintRequest


def parsed(*argv: str) -> LintRequest:
    context = cli.main.make_context(cli.PROG, list(argv))
    return LintRequest.from_options(context.params)


def test_every_click_parameter_is_a_field_and_the_defaults_agree() -> None:
    names = {p.name for p in cli.main.params if p.expose_value}
    assert names == {f.name for f in fields(LintRequest)}
    assert parsed() == LintRequest()


def test_options_arrive_typed(tmp_path: Path) -> None:
    request = parsed(
        "proj",
        "-f",
        "json:out.json",
        "--fail-under",
        "70",
        "--select",
        "doc,sec",
        "--select",
        "ENV",
        "--extend-ignore",
        "SEC001",
        "-vv",
        "--jobs",
        "3",
        "--show",
        "all",
        "--no-history",
        "--write-baseline",
        str(tmp_path / "b.json"),
    )
    assert request.target == "proj" and request.outputs == ("json:out.json",)
    assert request.fail_under == 70.0 and request.verbose == 2 and request.jobs == 3
    assert request.show == "all" and request.no_history and not request.no_cache
    assert request.write_baseline == tmp_path / "b.json"
    selection = request.selection
    assert selection.select == ("DOC", "SEC", "ENV")
    assert selection.extend_ignore == ("SEC001",) and selection.ignore == ()
    assert selection.fail_under == 70.0


def test_an_option_without_a_field_is_refused() -> None:
    with pytest.raises(TypeError, match="no_colour"):
        LintRequest.from_options({"no_colour": True})
