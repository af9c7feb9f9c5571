"""Tests of VCS008 history-sensitive-files: where it fires and where it stays quiet."""

from __future__ import annotations

import sys

import pytest

from portfolio_lint.core.model import Severity, Status

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


@pytest.mark.parametrize(
    ("removed", "status"),
    [
        (".env", Status.FAILED),
        ("kaggle.json", Status.FAILED),
        (".ssh/id_rsa", Status.FAILED),
        ("certs/server.key", Status.FAILED),
        ("certs/public.pem", Status.PASSED),
        (".env.example", Status.PASSED),
        ("notes.txt", Status.PASSED),
    ],
)
def test_sensitive_file_committed_then_removed(history_repo, run_rule, removed, status) -> None:
    repo = history_repo(
        [
            ({removed: "KEY=value\n", "a.py": ""}, (), "Add project", 0),
            ({}, (removed,), "Remove file", 1),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is status
    if status is Status.FAILED:
        assert "still in the history" in result.findings[0].message


def test_sensitive_file_still_present_is_left_to_the_secrets_rules(history_repo, run_rule) -> None:
    repo = history_repo([({".env": "KEY=value\n"}, (), "Add env", 0)])
    assert run_rule("VCS008", repo).status is Status.PASSED


def test_removed_env_that_held_no_values_is_information_only(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({".env": "OPENAI_API_KEY=\n", "a.py": ""}, (), "Add project", 0),
            ({}, (".env",), "Remove env", 1),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is Status.PASSED
    (finding,) = result.findings
    assert finding.severity is Severity.INFO
    assert "held no values" in finding.message and "rotate" not in finding.message


def test_removed_env_that_held_a_value_still_fails(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({".env": "OPENAI_API_KEY=\n", "a.py": ""}, (), "Add project", 0),
            ({".env": "OPENAI_API_KEY=sk-abc\n"}, (), "Fill env", 1),
            ({"config/.env.prod": "DB_PASSWORD=\n"}, (".env",), "Remove env", 2),
            ({}, ("config/.env.prod",), "Remove prod env", 3),
        ]
    )
    result = run_rule("VCS008", repo)
    assert result.status is Status.FAILED
    by_path = {f.location.path: f for f in result.findings if f.location}
    assert by_path[".env"].severity is Severity.WARNING
    assert "held no values" not in by_path[".env"].message
    assert by_path["config/.env.prod"].severity is Severity.INFO
