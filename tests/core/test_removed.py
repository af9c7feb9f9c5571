"""A removed rule (DAT003) is retired like a linter retires one: reserved, explained, tolerated."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from portfolio_lint.app import cli
from portfolio_lint.checks.registry import check
from portfolio_lint.core.config import ConfigError, check_selectors
from portfolio_lint.core.model import Severity, Verdict
from portfolio_lint.core.removed import removed_rule
from portfolio_lint.engine.rubric import load_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.memory import MemorySource

CODES = ["DAT001", "DAT002", "DAT004"]


def test_selecting_a_removed_rule_says_why_it_went():
    with pytest.raises(ConfigError, match=r"DAT003 \(data-dirs-ignored\) was removed .*DAT002"):
        check_selectors({"--select": ("DAT003",)}, CODES, "command line")
    with pytest.raises(ConfigError, match="removed"):
        check_selectors({"extend-select": ("dat003",)}, CODES, "config: pyproject.toml")


def test_ignoring_a_removed_rule_is_accepted():
    check_selectors({"--ignore": ("DAT003",), "per-path-ignores.data/*": ("DAT003",)}, CODES, "x")
    check_selectors({"options": ("DAT003",)}, CODES, "config", exact=["options"])


def test_the_command_line_select_is_a_one_line_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "README.md").write_text("# P\n")
    result = CliRunner().invoke(cli.main, [str(tmp_path), "--select", "DAT003", "--no-cache"])
    assert result.exit_code == 2
    assert "DAT003 (data-dirs-ignored) was removed" in result.stderr
    explained = CliRunner().invoke(cli.main, ["--explain", "DAT003"])
    assert explained.exit_code == 2 and "was removed" in explained.stderr


def test_a_rubric_naming_a_removed_rule_loads_without_it_and_warns(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text(
        '[rubric]\nname = "course"\ndefaults = true\n\n'
        '[[rule]]\ncode = "DAT003"\nname = "data-dirs-ignored"\ncheck = "data-dirs-ignored"\n'
        'family = "DAT"\nweight = 2\n\n'
        '[[rule]]\ncode = "DAT103"\nname = "data-ignored"\ncheck = "data-dirs-ignored"\n'
        'family = "DAT"\n',
        encoding="utf-8",
    )
    rubric = load_rubric(path)
    assert rubric.by_code("DAT003") is None and rubric.by_code("DAT103") is None
    assert len(rubric.rules) == len(load_rubric().rules)
    assert len(rubric.warnings) == 2 and all("was removed" in w for w in rubric.warnings)
    report = lint(Repo(MemorySource({"README.md": "# P\n"})), rubric)
    assert report.warnings[:2] == rubric.warnings  # every run of it says so, batch included


def test_a_removed_code_stays_reserved():
    def again(repo: object) -> Verdict:
        """Data folders are ignored.

        Why it matters:
            x
        How to fix:
            x
        Bad:
            x
        Good:
            x
        """
        return Verdict.passed("x")

    with pytest.raises(ValueError, match="DAT003 is reserved"):
        check("data-folders-ignored-again", code="DAT003", severity=Severity.INFO)(again)
    assert removed_rule(" dat003 ") is not None and removed_rule("DAT002") is None
