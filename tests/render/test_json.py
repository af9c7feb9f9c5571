"""The canonical JSON report: complete, schema-valid, stable field names."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from portfolio_lint.core.model import SCHEMA_VERSION, Status
from portfolio_lint.render.json import render, to_dict

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs" / "report-schema.json").read_text(encoding="utf-8")
)


def test_sample_report_is_valid(sample_report):
    document = json.loads(render(sample_report))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["schema_version"] == SCHEMA_VERSION


def test_every_result_and_finding_is_carried(sample_report):
    document = to_dict(sample_report)
    assert [r["code"] for r in document["results"]] == [r.rule.code for r in sample_report.results]
    secret = document["results"][1]
    assert secret["findings"][1]["location"] == {
        "path": "nb/explore.ipynb",
        "line": 40,
        "column": 5,
        "end_line": None,
        "cell": 2,
    }
    assert secret["findings"][0]["evidence"] == "ghp_…(40 chars)"
    assert document["results"][3]["findings"][0]["location"] is None
    assert document["counts"] == {
        "passed": 1,
        "partial": 1,
        "failed": 2,
        "not-applicable": 1,
        "ignored": 1,
        "error": 1,
        "findings": 4,
        "inline_suppressions_ignored": 0,
    }
    assert document["metadata"] == {"anchor": "README.md"}


def test_no_score_is_null(sample_report):
    document = json.loads(render(replace(sample_report, score=None, grade="-")))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["score"] is None


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d.update(score=101),
        lambda d: d["results"][0].update(status="fine"),
        lambda d: d["results"][1]["findings"][0].update(severity="fatal"),
        lambda d: d.pop("schema_version"),
        lambda d: d["results"][4].update(score=0.5),  # a not-applicable rule has no score
    ],
)
def test_schema_rejects_malformed_reports(sample_report, mutation):
    document = to_dict(sample_report)
    mutation(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_control_characters_stay_escaped(sample_report):
    result = sample_report.results[3]
    finding = replace(result.findings[0], message="bell \x07 and \x1b[31m")
    report = sample_report.with_results([replace(result, findings=(finding,))])
    text = render(report)
    assert "\x1b" not in text and "\\u001b" in text
    assert Status.FAILED.value in text


def test_line_separators_in_strings_are_escaped(sample_report) -> None:
    from dataclasses import replace

    from portfolio_lint.render import json as json_format

    report = replace(sample_report, target="a\u2028::error ::x\x85\u2029")
    text = json_format.render(report)
    assert len(text.splitlines()) == len(text.split("\n")) - 1  # only real newlines
    assert json.loads(text)["target"] == report.target
