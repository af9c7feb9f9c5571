"""Baselines and --diff-base: only new findings are reported; fingerprints survive line shifts."""

from __future__ import annotations

import hashlib
import json
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from portfolio_lint.checks import registry
from portfolio_lint.core.model import (
    Finding,
    Report,
    RuleInfo,
    RuleResult,
    Severity,
    Status,
    Verdict,
)
from portfolio_lint.engine.baseline import (
    KEY_ENV,
    Baseline,
    BaselineError,
    baseline_key,
    only_new,
    read_baseline,
    write_baseline,
)
from portfolio_lint.engine.diff_base import introduced_since
from portfolio_lint.engine.rubric import parse_rubric
from portfolio_lint.engine.run import lint
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.scanners.redact import secret_key
from portfolio_lint.sources.local import LocalSource
from tests.conftest import commit_all, write_tree

CHECK = "test-only-todo-finder"


@pytest.fixture
def todo_rubric() -> Iterator[object]:
    def find_todos(repo: Repo) -> Verdict:
        """Lines containing TODO."""
        findings = []
        for entry in repo.files:
            for number, line in enumerate((repo.read_text(entry.path) or "").splitlines(), 1):
                if "TODO" in line:
                    findings.append(
                        Finding.at(entry.path, "TODO left", line=number, evidence=line.strip())
                    )
        return Verdict.from_findings(findings)

    registry.check(CHECK)(find_todos)
    yield parse_rubric(
        {
            "rule": [
                {
                    "code": "QUA901",
                    "name": "no-todo",
                    "check": CHECK,
                    "family": "QUA",
                    "severity": "error",
                }
            ]
        },
        source="test",
    )
    registry._REGISTRY.pop(CHECK)


def make_history(root: Path) -> None:
    write_tree(root, {"a.py": "x = 1  # TODO tidy\n"})
    commit_all(root, "one")
    write_tree(root, {"a.py": "import os\n\n\nx = 1  # TODO tidy\n", "b.py": "# TODO new\n"})
    commit_all(root, "two")


def test_diff_base_reports_only_new_findings(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    repo = Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False))
    report = lint(repo, todo_rubric)
    assert len(report.findings) == 2
    new = introduced_since(report, repo, todo_rubric, repo.config, "HEAD~1")
    assert [f.location.path for f in new.findings if f.location] == ["b.py"]
    assert new.score == report.score  # the score still reflects the whole repository
    assert new.has_errors


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch) -> Path:
    """Baseline keys go to a throwaway config folder, never the user's."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.delenv(KEY_ENV, raising=False)
    return folder


def test_baseline_round_trip_stores_hashes_only(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    repo = Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False))
    report = lint(repo, todo_rubric)
    path = tmp_path.parent / "baseline.json"
    write_baseline(report, path)
    text = path.read_text()
    assert "TODO" not in text and "a.py" not in text
    assert not any(f.fingerprint in text for f in report.findings)
    assert only_new(report, read_baseline(path)).findings == ()


def test_repeated_findings_are_counted() -> None:
    finding = Finding.at("a.py", "TODO left", line=1, evidence="# TODO")
    info = RuleInfo("DOC901", "todo", "DOC", 1.0, Severity.WARNING, "r", "f")
    result = RuleResult(info, Status.FAILED, 0.0, (finding, finding))
    report = Report("t", "1", "r", (result,), 0.0, "F", ())
    assert only_new(report, Counter({finding.fingerprint: 1})).findings == (finding,)
    assert only_new(report, Counter({finding.fingerprint: 2})).findings == ()


@pytest.mark.parametrize(
    "content",
    ["not json", '{"fingerprints": {}}', '{"portfolio_lint_baseline": 1, "fingerprints": []}'],
)
def test_bad_baseline_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(BaselineError):
        read_baseline(path)


def test_written_baseline_is_valid_json(tmp_path: Path, todo_rubric) -> None:
    make_history(tmp_path)
    report = lint(Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False)), todo_rubric)
    path = tmp_path.parent / "b.json"
    write_baseline(report, path)
    assert json.loads(path.read_text())["portfolio_lint_baseline"] == 2


# --- issue 9 item 12: keyed hashes -------------------------------------------------------------


def secret_report(secret: str) -> Report:
    """A report with one SEC001-style finding keyed by the secret's plain hash (as scanners do)."""
    info = RuleInfo("SEC001", "no-hardcoded-secrets", "SEC", 1.0, Severity.ERROR, "r", "f")
    finding = replace(
        Finding.at(
            "app/settings.py",
            "Hard-coded password: hu…(8 chars)",
            line=3,
            evidence="hu…(8 chars)",
            key=secret_key(secret),
        ),
        code="SEC001",
        severity=Severity.ERROR,
    )
    result = RuleResult(info, Status.FAILED, 0.0, (finding,))
    return Report("t", "1", "r", (result,), 0.0, "F", ())


def test_baseline_holds_no_plain_hash_of_the_secret(tmp_path: Path) -> None:
    secret = "hunter22"
    report = secret_report(secret)
    path = tmp_path / "baseline.json"
    write_baseline(report, path)
    text = path.read_text()
    digest = hashlib.sha256(secret.encode()).hexdigest()
    for leak in (secret, digest, digest[:24], digest[:16], report.findings[0].fingerprint):
        assert leak not in text
    assert only_new(report, read_baseline(path)).findings == ()


def test_a_baseline_written_with_another_key_matches_nothing(tmp_path: Path, caplog) -> None:
    report = secret_report("hunter22")
    path = tmp_path / "baseline.json"
    write_baseline(report, path, key=b"k" * 32)
    assert only_new(report, read_baseline(path, key=b"k" * 32)).findings == ()
    assert only_new(report, read_baseline(path, key=b"j" * 32)).findings == report.findings
    assert "another baseline key" in caplog.text


def test_the_shared_key_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    report = secret_report("hunter22")
    path = tmp_path / "baseline.json"
    monkeypatch.setenv(KEY_ENV, "team secret")
    write_baseline(report, path)
    assert only_new(report, read_baseline(path)).findings == ()
    monkeypatch.setenv(KEY_ENV, "another secret")
    assert len(only_new(report, read_baseline(path)).findings) == 1


def test_version_1_baselines_still_match_with_a_warning(tmp_path: Path, caplog) -> None:
    report = secret_report("hunter22")
    path = tmp_path / "old.json"
    old = {"portfolio_lint_baseline": 1, "fingerprints": {report.findings[0].fingerprint: 1}}
    path.write_text(json.dumps(old))
    known = read_baseline(path)
    assert isinstance(known, Baseline)
    assert only_new(report, known).findings == ()
    assert "version 1" in caplog.text


def test_the_user_key_is_private_random_and_stable(private_config: Path) -> None:
    first = baseline_key()
    key_file = private_config / "portfolio-lint" / "user.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert baseline_key() == first and len(first) == 32
    key_file.chmod(0o644)  # an older or careless copy is made private again
    assert baseline_key() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_damaged_key_is_a_clear_error(private_config: Path) -> None:
    folder = private_config / "portfolio-lint"
    folder.mkdir()
    (folder / "user.key").write_text("not hex")
    with pytest.raises(BaselineError, match="damaged"):
        baseline_key()


def test_an_unusable_key_folder_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(BaselineError, match=KEY_ENV):
        baseline_key()


def test_a_repository_level_findings_fingerprint_ignores_the_counts_in_its_message():
    def counted(commits: int, vague: int, code: str = "VCS011") -> Finding:
        return Finding(f"{vague} of {commits} commit messages say nothing", code=code)

    assert counted(40, 12).fingerprint == counted(41, 13).fingerprint
    assert counted(40, 12).fingerprint != counted(40, 12, "VCS010").fingerprint
    # Located findings keep their own wording: "line 3" and "line 4" are different findings.
    located = Finding.at("a.py", "3 secrets")
    assert located.fingerprint != Finding.at("a.py", "4 secrets").fingerprint


def test_diff_base_lists_only_the_rules_with_new_findings(tmp_path: Path, todo_rubric) -> None:
    from portfolio_lint.render.common import failing_results

    write_tree(tmp_path, {"a.py": "x = 1  # TODO tidy\n"})
    commit_all(tmp_path, "one")
    write_tree(tmp_path, {"b.py": "y = 2\n"})
    commit_all(tmp_path, "two")
    repo = Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False))
    report = lint(repo, todo_rubric)
    assert [r.rule.code for r in failing_results(report)] == ["QUA901"]
    nothing_new = introduced_since(report, repo, todo_rubric, repo.config, "HEAD~1")
    assert nothing_new.results[0].status is Status.FAILED  # the score still counts it...
    assert failing_results(nothing_new) == []  # ... but it is not listed as new work
