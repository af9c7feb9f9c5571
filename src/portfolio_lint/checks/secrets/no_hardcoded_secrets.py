"""Rule SEC001 (no-hardcoded-secrets): its check, defaults and documentation."""

from __future__ import annotations

import posixpath
from dataclasses import replace

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.checks.secrets._shared import hit_finding, secret_hits
from portfolio_lint.core.file_facts import Hit
from portfolio_lint.core.model import SECURITY, Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.testing_paths import in_test_suite

KEY_FILES = frozenset({"private-key", "gcp-service-account"})


@check(
    "no-hardcoded-secrets",
    code="SEC001",
    weight=6,
    severity=Severity.ERROR,
    tags=(SECURITY,),
    role=Role.PROBLEM,
)
def no_hardcoded_secrets(repo: Repo) -> Verdict:
    """No API keys, tokens, private keys or passwords of a known shape in the files.

    Why it matters:
        A live API key in a public repository is found by bots within minutes and costs real money;
        reviewers read it as a serious lapse.

    How to fix:
        Revoke the key now, then load it from the environment (`os.environ["OPENAI_API_KEY"]`) and
        keep it in an ignored .env file.

    Bad:
        `openai.api_key = "sk-..."` (a real key) in `app.py`.

    Good:
        `openai.api_key = os.environ["OPENAI_API_KEY"]`, with the key in an ignored `.env`.
    """
    require_files(repo)
    return Verdict.from_findings(
        with_way_out(hit_finding(path, hit), path, hit)
        for path, hit in secret_hits(repo, ("error",))
    )


def way_out(path: str, hit: Hit) -> str:
    """What to do about this secret where it was found: the steps differ for a committed .env,
    a test, a database URL, a notebook, a key file and a key in code."""
    name = posixpath.basename(path).lower()
    if name == ".env" or name.startswith(".env."):
        return (
            f"revoke it; the {name} file itself is committed: `git rm --cached {name}`, list it "
            "in .gitignore and commit a .env.example with empty values"
        )
    if hit.detector == "connection-url-password":
        return (
            "change the database password and read the URL from the environment "
            '(`os.environ["DATABASE_URL"]`)'
        )
    if name.endswith(".ipynb"):
        return (
            "revoke it, read it with `os.environ[...]` in the notebook and clear the outputs "
            "that printed it (`jupyter nbconvert --clear-output --inplace`)"
        )
    if in_test_suite(path):
        return (
            "revoke it: a test needs no real key; use a fake value or "
            '`monkeypatch.setenv("API_KEY", "test")`'
        )
    if hit.detector in KEY_FILES:
        return (
            "revoke the key, delete the file and point to a copy outside the repository "
            "(e.g. GOOGLE_APPLICATION_CREDENTIALS)"
        )
    return "revoke it, then read it from the environment (`os.environ[...]`)"


def with_way_out(finding: Finding, path: str, hit: Hit) -> Finding:
    """The finding with the advice for where it was found (its fingerprint is unchanged)."""
    return replace(finding, message=f"{finding.message} — {way_out(path, hit)}")
