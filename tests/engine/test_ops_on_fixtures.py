"""Kind detection and every OPS verdict on every sample portfolio (issue 12 item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_lint.core.model import Report, Status
from portfolio_lint.core.rubric import Rubric
from portfolio_lint.engine.rubric import load_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from tests.conftest import FIXTURES

P, H, F, NA = Status.PASSED, Status.PARTIAL, Status.FAILED, Status.NOT_APPLICABLE
CODES = ("OPS001", "OPS002", "OPS003", "OPS004", "OPS005", "OPS006", "OPS007", "OPS008")
EXPECTED = {
    # fixture: (kind, secondary kinds, OPS001..OPS008)
    "mlops-pipeline": ("training-pipeline", (), (P, P, P, NA, NA, P, NA, P)),
    "serving-api": ("serving-app", ("training-pipeline",), (F, P, F, P, H, H, NA, P)),
    "rag-app": ("llm-app", ("serving-app",), (NA, NA, NA, F, F, H, P, H)),
    "notebook-only": ("notebook-study", (), (NA, NA, NA, NA, NA, NA, NA, H)),
    "strong": ("training-pipeline", ("library",), (F, F, F, NA, NA, F, NA, H)),
    "middling": ("serving-app", ("training-pipeline", "notebook-study"), (F, F, F, F, F, F, NA, H)),
    "weak": ("training-pipeline", (), (F, F, F, NA, NA, F, NA, F)),
}


def ops_report(name: str) -> Report:
    rubric = load_rubric()
    ops = tuple(rule for rule in rubric.rules if rule.family == "OPS")
    repo = Repo(LocalSource(FIXTURES / name), options=RunOptions(use_cache=False, history=False))
    return lint(repo, Rubric(rubric.name, ops, rubric.families, rubric.digest))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kind_and_every_ops_verdict(name):
    kind, secondary, statuses = EXPECTED[name]
    report = ops_report(name)
    assert report.project is not None
    assert (report.project.kind, report.project.secondary) == (kind, secondary)
    assert {r.rule.code: r.status for r in report.results} == dict(
        zip(CODES, statuses, strict=True)
    )


def test_every_fixture_is_pinned():
    assert sorted(EXPECTED) == sorted(p.name for p in Path(FIXTURES).iterdir() if p.is_dir())


def test_the_notebook_study_is_not_judged_on_serving_or_monitoring():
    results = {r.rule.code: r for r in ops_report("notebook-only").results}
    assert results["OPS004"].reason == (
        "serving hygiene applies to serving apps; this is a notebook study"
    )
    assert (
        results["OPS005"].reason == "monitoring applies to serving apps; this is a notebook study"
    )
    assert all(results[code].score is None for code in ("OPS004", "OPS005"))


def test_the_mlops_pipeline_proves_each_practice_at_a_line():
    summaries = {r.rule.code: r.summary for r in ops_report("mlops-pipeline").results}
    assert summaries["OPS001"] == "experiment tracking: imports mlflow (src/credit/train.py:6)"
    assert summaries["OPS006"] == (
        "delivery: uses softprops/action-gh-release (.github/workflows/pipeline.yml:30); "
        "quality gate: evaluation gate (.github/workflows/pipeline.yml:19)"
    )
