"""The project's kind and the MLOps maturity line in every report format (issue 12)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from portfolio_lint.core.kinds import ProjectKind
from portfolio_lint.core.model import Report, RuleResult, Status
from portfolio_lint.render import renderer
from portfolio_lint.render.common import kind_text, maturity_text
from tests.render.conftest import rule

PROJECT = ProjectKind(
    "serving-app",
    ("training-pipeline",),
    ("FastAPI app in api/main.py:3", "trains a model in src/train.py:41"),
)
LINE = "MLOps: tracking ✓, serving ◐, CI/CD ✗"


def with_ops(report: Report) -> Report:
    ops = (
        RuleResult(rule("OPS001", "experiment-tracking"), Status.PASSED, 1.0),
        RuleResult(rule("OPS004", "serving-hygiene"), Status.PARTIAL, 0.6),
        RuleResult(rule("OPS005", "monitoring"), Status.NOT_APPLICABLE, None, reason="n/a"),
        RuleResult(rule("OPS006", "delivery-pipeline"), Status.FAILED, 0.0),
    )
    return replace(report, project=PROJECT, results=(*report.results, *ops))


def test_the_kind_line_names_primary_secondary_and_the_first_evidence(sample_report):
    assert kind_text(with_ops(sample_report)) == (
        "Project: model-serving API or app (+ training pipeline) — FastAPI app in api/main.py:3"
    )


def test_an_overridden_kind_says_so_and_shows_the_detected_evidence():
    project = ProjectKind(
        "library", ("serving-app",), ("set by `kind` in x", "FastAPI app in a.py:1"), True
    )
    report = Report("t", "0", "r", (), None, "-", (), project=project)
    assert kind_text(report) == (
        "Project: library or package (+ model-serving API or app) [set in config] — "
        "FastAPI app in a.py:1"
    )


def test_a_monorepo_lists_its_projects():
    project = ProjectKind(
        "monorepo", projects=(("chat", "llm-app"), ("churn", "training-pipeline"))
    )
    report = Report("t", "0", "r", (), None, "-", (), project=project)
    assert kind_text(report).endswith("— chat/: LLM / RAG application; churn/: training pipeline")


def test_the_maturity_line_leaves_out_practices_that_do_not_apply(sample_report):
    assert maturity_text(with_ops(sample_report)) == LINE
    assert maturity_text(sample_report) == ""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_human_formats_show_kind_and_maturity_near_the_top(sample_report, fmt):
    shown = renderer(fmt)(with_ops(sample_report))
    kind_at = shown.index("FastAPI app in api/main.py:3")
    assert shown.index(LINE) < shown.index(
        "README &amp; docs" if fmt == "html" else "README & docs"
    )
    assert kind_at < shown.index(LINE)


def test_json_carries_project_and_maturity(sample_report):
    document = json.loads(renderer("json")(with_ops(sample_report)))
    assert document["schema_version"] == "2.1"
    assert document["project"] == {
        "kind": "serving-app",
        "secondary": ["training-pipeline"],
        "evidence": ["FastAPI app in api/main.py:3", "trains a model in src/train.py:41"],
        "overridden": False,
        "projects": [],
    }
    assert [m["practice"] for m in document["maturity"]] == ["tracking", "serving", "CI/CD"]
    assert document["maturity"][1] == {"practice": "serving", "code": "OPS004", "status": "partial"}


def test_sarif_run_properties_carry_the_kind(sample_report):
    run = json.loads(renderer("sarif")(with_ops(sample_report)))["runs"][0]
    assert run["properties"]["project"]["kind"] == "serving-app"
    assert run["properties"]["maturity"] == LINE


def test_explain_says_which_kinds_a_rule_applies_to():
    from portfolio_lint.engine.rubric import load_rubric
    from portfolio_lint.render.text import render_explain

    rubric = load_rubric()
    shown = render_explain(rubric.by_code("OPS006"), "MLOps & delivery")
    assert (
        "applies to: training pipelines, serving apps, LLM / RAG apps, libraries "
        "(other kinds: not applicable)" in shown
    )
    assert "applies to" not in render_explain(rubric.by_code("DOC001"), "README & docs")
