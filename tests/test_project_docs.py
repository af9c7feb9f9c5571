"""The README, docs and CI script stay in step with the code they describe."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from portfolio_lint.app import cli
from portfolio_lint.core import config
from portfolio_lint.render import format_names

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(block for block in bash_blocks(README) if "pytest" in block)
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash" and "set -euo pipefail" in lines
    assert lines[-1] == test_command


def test_quickstart_lints_a_fixture_that_exists():
    quickstart = bash_blocks(README)[0]
    target = re.search(r"portfolio-lint (fixtures/\S+)", quickstart)
    assert target and (ROOT / target.group(1)).is_dir()


def _regenerate() -> Any:
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "scripts" / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_lists_every_rule_of_the_default_rubric():
    from portfolio_lint.engine.rubric import load_rubric

    for rule in load_rubric().rules:
        assert re.search(
            rf"\| {rule.code} \| `{rule.name}` \| {rule.role.value} \| {rule.weight:g} \| "
            rf"{rule.severity.value} \|",
            README,
        ), rule.code


def test_generated_files_match_the_rules():
    # `python scripts/regenerate.py` rewrites the catalog and the docs; this fails until it has run.
    assert _regenerate().drifted() == []


def test_drift_is_named_and_exits_1(tmp_path, monkeypatch, capsys):
    regenerate = _regenerate()
    stale = tmp_path / "rules.md"
    stale.write_text("# Rules\n\nhand-edited\n", encoding="utf-8")
    monkeypatch.setattr(regenerate, "ROOT", tmp_path)
    monkeypatch.setattr(regenerate, "RULES_DOC", stale)
    monkeypatch.setattr(regenerate, "README", tmp_path / "README.md")
    monkeypatch.setattr(regenerate, "CATALOG", tmp_path / "catalog.py")
    (tmp_path / "README.md").write_text(regenerate.readme_text(README), encoding="utf-8")
    (tmp_path / "catalog.py").write_text(regenerate.catalog_text(), encoding="utf-8")
    assert regenerate.main(["--check"]) == 1
    assert "rules.md is out of date" in capsys.readouterr().out
    assert regenerate.main(["--docs-only"]) == 0 and regenerate.main(["--check"]) == 0
    assert "### DOC001 `readme-present`" in stale.read_text(encoding="utf-8")


def test_rules_doc_has_every_section_of_every_default_rule():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    from portfolio_lint.engine.rubric import load_rubric

    for rule in load_rubric().rules:
        section = doc.split(f"### {rule.code} `{rule.name}`", 1)[1].split("\n### ", 1)[0]
        for part in ("**Why it matters:**", "**How to fix:**", "**Bad:**", "**Good:**"):
            assert part in section, (rule.code, part)
        assert rule.rationale in section and rule.fix in section


def test_readme_documents_every_option_and_the_formula():
    for parameter in cli.main.params:
        for name in parameter.opts:
            if name.startswith("--"):
                assert name in README, name
    assert "score    = max(0, 100 · (earned − lost) / possible)" in README and "A ≥ 90" in README


def test_configuration_doc_names_every_key():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in [*config._PARSERS, "ignore", "ignore-with-reason"]:
        assert re.search(rf"^{re.escape(key)} = |\.{re.escape(key)}\]", documented, re.M), key


ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def section(title: str) -> str:
    """The README text under `## title`, up to the next second-level heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def yaml_blocks(text: str) -> list[Any]:
    return [
        yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)\n```", text, flags=re.DOTALL)
    ]


def table_rows(text: str, heading: str) -> dict[str, list[str]]:
    """First-column name (in backticks) → the other cells, of the table under `### heading`."""
    match = re.search(rf"^### {heading}\n(.*?)(?=^#|\Z)", text, flags=re.M | re.S)
    assert match, heading
    rows = re.findall(r"^\| `([^`]+)` \|(.*)\|$", match.group(1), flags=re.M)
    return {name: [cell.strip() for cell in cells.split(" | ")] for name, cells in rows}


def test_every_readme_yaml_snippet_parses():
    snippets = yaml_blocks(README)
    assert len(snippets) >= 2 and all(isinstance(s, dict) for s in snippets)


def test_action_inputs_and_outputs_are_documented_exactly():
    text = section("GitHub Action")
    inputs, outputs = table_rows(text, "Inputs"), table_rows(text, "Outputs")
    assert set(inputs) == set(ACTION["inputs"])
    assert set(outputs) == set(ACTION["outputs"])
    for name, (default, _meaning) in inputs.items():
        declared = str(ACTION["inputs"][name].get("default", ""))
        assert default == (f"`{declared}`" if declared else "(empty)"), name


def test_action_workflow_snippet_matches_the_action():
    (workflow,) = yaml_blocks(section("GitHub Action"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "security-events": "write",
    }
    (job,) = workflow["jobs"].values()
    lint = next(s for s in job["steps"] if s.get("uses") == "portfolio-lint/portfolio-lint@v1")
    assert set(lint["with"]) <= set(ACTION["inputs"]) and lint["with"]["comment"] is True
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["if"] == "always()"
    used = re.fullmatch(
        r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", upload["with"]["sarif_file"]
    )
    assert used and used.groups() == (lint["id"], "sarif-file")
    assert used.group(2) in ACTION["outputs"]


def test_precommit_snippet_names_a_hook_that_exists():
    (config_file,) = yaml_blocks(section("pre-commit"))
    (repo,) = config_file["repos"]
    assert repo["repo"] == "https://github.com/portfolio-lint/portfolio-lint" and repo["rev"]
    hook_ids = {hook["id"] for hook in HOOKS}
    assert {hook["id"] for hook in repo["hooks"]} <= hook_ids


def test_badge_section_uses_the_badge_format_and_a_shields_endpoint():
    text = section("Badge")
    commands = bash_blocks(text)
    assert commands and re.search(r"--output-format badge:\S+", commands[0])
    assert "badge" in format_names()
    assert re.search(r"\(https://img\.shields\.io/endpoint\?url=https://\S+\)", text)


def test_readme_documents_every_batch_option():
    from portfolio_lint.app.batch.command import batch

    for parameter in batch.params:
        for name in parameter.opts:
            if name.startswith("--") and name != "--help":
                assert name in README.split("## Batch grading")[1], name


def test_rubric_doc_names_every_declarative_check_and_option():
    from portfolio_lint.checks import declarative
    from portfolio_lint.checks.catalog import all_checks

    doc = (ROOT / "docs" / "rubrics.md").read_text(encoding="utf-8")
    names = (
        "file-exists",
        "file-contains",
        "file-not-contains",
        "readme-section",
        "dependency-declared",
        "import-used",
    )
    checks = all_checks()
    for name in names:
        assert f"| `{name}` |" in doc, name
        for option in checks[name].options:
            assert f"`{option.replace('_', '-')}`" in doc, (name, option)
    assert f"{declarative.RULE_BUDGET:g} seconds" in doc
    assert f"{declarative.SEARCH_TIMEOUT:g}-second" in doc


def test_rubric_snippets_in_the_docs_load():
    from portfolio_lint.engine.rubric import parse_rubric

    doc = (ROOT / "docs" / "rubrics.md").read_text(encoding="utf-8")
    snippets = [
        block
        for text in (README, doc)
        for block in re.findall(r"```toml\n(.*?)```", text, re.S)
        if "[[rule]]" in block
    ]
    assert len(snippets) >= 2
    for snippet in snippets:
        assert parse_rubric(tomllib.loads(snippet), source="docs").rules
