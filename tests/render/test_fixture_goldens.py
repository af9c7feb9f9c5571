"""What the rules find on each sample portfolio, kept as JSON goldens: one entry per rule.

A fixture's golden holds the JSON report of `portfolio-lint FIXTURE --no-cache` split in two:
`report` (score, grade, counts, families, warnings...) and `rules` (each rule's JSON result,
by code). Each rule is compared on its own, so a new rule adds its own entry (and moves the
totals) without touching the others' entries. How each format lays a report out is proved
byte for byte on the hand-built sample (test_sample_goldens.py).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from portfolio_lint import __version__
from portfolio_lint.app import lint_run
from portfolio_lint.app.request import LintRequest
from portfolio_lint.core.model import Report
from portfolio_lint.engine.rubric import load_rubric
from portfolio_lint.render import renderer
from portfolio_lint.render.json import dumps
from tests.conftest import EPOCH, FIXTURES, commit_all

GOLDEN = Path(__file__).parent / "golden" / "fixtures"
SAMPLES = (
    "strong",
    "weak",
    "notebook-only",
    "middling",
    "serving-api",
    "rag-app",
    "mlops-pipeline",
)
CODES = tuple(rule.code for rule in load_rubric().rules)
# The command line's defaults with --no-cache, as in test_cli's fixture runs: history is read.
CLI_REQUEST = LintRequest(no_cache=True, quiet=True)
VERSION = re.compile(rf"(?<![\w.]){re.escape(__version__)}(?![\w.])")


def copy_fixture(base: Path, name: str) -> Path:
    """The fixture as a committed git repository (pinned author and date, as fixture_repo)."""
    root = base / name
    shutil.copytree(FIXTURES / name, root)
    commit_all(root, "Add project", EPOCH - timedelta(days=30))
    return root


def lint_like_the_cli(root: Path, jobs: int = 0) -> Report:
    """The report `portfolio-lint ROOT --no-cache` renders (same source, config, rubric)."""
    request = replace(CLI_REQUEST, jobs=jobs)
    source = lint_run.open_source(str(root), api=False)
    config, warnings, selection = lint_run.load_config(source, request)
    rubric, config = lint_run.bind(lint_run.load_rubric(None), config, selection)
    return lint_run.lint_report(source, rubric, config, warnings, request)


def normalise(text: str, root: Path) -> str:
    """Replace only what differs between runs: the temporary copy's path and the tool version.

    Reports carry no timestamps or durations; the commit id is stable (pinned author, date and
    content), so it stays, and a fixture edit shows up in every golden as it should.
    """
    for path in {str(root.resolve()), str(root)}:
        text = text.replace(path, "<FIXTURE>")
    return VERSION.sub("<VERSION>", text)


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, Path]]:
    """Each sample linted once for the whole module."""
    base = tmp_path_factory.mktemp("goldens")
    return {
        name: (lint_like_the_cli(root), root)
        for name, root in ((n, copy_fixture(base, n)) for n in SAMPLES)
    }


def golden_document(report: Report, root: Path) -> dict[str, Any]:
    """The report's JSON, paths and version normalised, with its results keyed by rule code."""
    document = json.loads(normalise(renderer("json")(report), root))
    results = document.pop("results")
    return {"report": document, "rules": {r["code"]: r for r in sorted(results, key=code_of)}}


def code_of(result: Mapping[str, Any]) -> str:
    return str(result["code"])


@pytest.fixture(scope="module")
def goldens(
    linted: dict[str, tuple[Report, Path]], pytestconfig: pytest.Config
) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """Per sample: what the lint gives now, and its golden (rewritten with --update-golden)."""
    found = {name: golden_document(*linted[name]) for name in SAMPLES}
    kept: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for name, document in found.items():
        path = GOLDEN / f"{name}.json"
        if pytestconfig.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dumps(document) + "\n", encoding="utf-8")
        golden = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        kept[name] = (document, golden)
    return kept


def golden_of(goldens: Mapping[str, tuple[Any, Any]], sample: str) -> tuple[Any, Any]:
    now, golden = goldens[sample]
    if golden is None:
        pytest.fail(f"no golden {sample}.json: run pytest --update-golden and review the diff")
    return now, golden


@pytest.mark.parametrize("sample", SAMPLES)
def test_report_totals(goldens, linted, sample):
    """Score, grade, counts, families, warnings and the rest besides the rules' results."""
    now, golden = golden_of(goldens, sample)
    _, root = linted[sample]
    assert str(root.parent.resolve()) not in json.dumps(now)  # normalise caught every path
    assert now["report"] == golden["report"]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_rule(goldens, sample, code):
    """One rule's verdict, score, reason, summary and findings on one sample."""
    now, golden = golden_of(goldens, sample)
    assert code in golden["rules"], f"no entry for {code}: run pytest --update-golden"
    assert now["rules"][code] == golden["rules"][code]


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_entry_is_a_rule_of_the_report(goldens, sample):
    """A rule that left the rubric (or the report) leaves the golden too."""
    now, golden = golden_of(goldens, sample)
    assert sorted(now["rules"]) == sorted(CODES)
    assert sorted(golden["rules"]) == sorted(CODES)


def test_linting_does_not_depend_on_folder_or_worker_count(linted, tmp_path):
    """A second copy elsewhere, analysed in-process, renders the same after normalisation."""
    report, root = linted["middling"]
    again = copy_fixture(tmp_path / "elsewhere", "middling")
    second = lint_like_the_cli(again, jobs=1)
    for fmt in ("json", "text", "sarif"):
        assert normalise(renderer(fmt)(second), again) == normalise(renderer(fmt)(report), root)
