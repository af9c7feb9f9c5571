"""SARIF output validates against the official OASIS 2.1.0 schema and carries what GitHub needs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from jsonschema import Draft4Validator

from portfolio_lint.core.model import Finding, Location, Report, Severity
from portfolio_lint.render import sarif

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SCHEMA} (../shared absent)")
    return Draft4Validator(json.loads(SCHEMA.read_text()))


def test_sarif_validates_against_official_schema(sample_report: Report, validator) -> None:
    document = json.loads(sarif.render(sample_report))
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[0]


def test_sarif_rules_results_and_fingerprints(sample_report: Report) -> None:
    run = json.loads(sarif.render(sample_report))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.rule.code for r in sample_report.results]
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    results = run["results"]
    assert len(results) == len(sample_report.findings)
    assert results[0]["level"] == "error"  # worst first
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["portfolioLint/v1"]) == 32
    located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert located["src/app.py"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 11,
    }
    assert "notebook cell 2" in located["nb/explore.ipynb"]["message"]["text"]
    repo_level = next(r for r in results if r["ruleId"] == "VCS003")
    location = repo_level["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "README.md"
    assert location["region"]["startLine"] == 1
    assert run["automationDetails"]["id"].startswith("portfolio-lint/")


def test_sarif_security_rules_are_tagged(sample_report: Report) -> None:
    rules = json.loads(sarif.render(sample_report))["runs"][0]["tool"]["driver"]["rules"]
    secret = next(r for r in rules if r["id"] == "SEC001")
    assert "security" in secret["properties"]["tags"]
    assert float(secret["properties"]["security-severity"]) >= 7.0
    license_rule = next(r for r in rules if r["id"] == "VCS003")
    assert "security-severity" not in license_rule["properties"]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("src/app.py", "src/app.py"),
        ("javascript:alert(1).py", "javascript%3Aalert(1).py"),
        ("a b#x.py", "a%20b%23x.py"),
        ("%2e%2e%2fetc.py", "%252e%252e%252fetc.py"),
        ("q?x=1.py", "q%3Fx=1.py"),
        ("dir/c:d.py", "dir/c%3Ad.py"),
        ("//host/x.py", "%2F%2Fhost/x.py"),
        ("é/\\.py", "%C3%A9/%5C.py"),
    ],
)
def test_uris_are_rfc3986_relative_references(path: str, uri: str) -> None:
    assert sarif.relative_uri(path) == uri
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
    assert unquote(uri) == path


def test_hostile_file_names_validate_and_round_trip(sample_report: Report, validator) -> None:
    names = ["javascript:alert(1).py", "a b#x.py", "%2e%2e%2fetc.py", "x\ny.py"]
    findings = tuple(
        Finding("m", Location(name, 1), Severity.WARNING, code="DAT001") for name in names
    )
    report = sample_report.with_results(
        tuple(
            replace(r, findings=findings) if r.rule.code == "DAT001" else r
            for r in sample_report.results
        )
    )
    document = json.loads(sarif.render(report))
    assert not list(validator.iter_errors(document))
    uris = {
        unquote(loc["physicalLocation"]["artifactLocation"]["uri"])
        for result in document["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert set(names) <= uris
