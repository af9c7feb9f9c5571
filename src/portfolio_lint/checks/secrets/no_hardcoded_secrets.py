"""Rule SEC001 (no-hardcoded-secrets): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.checks.secrets._shared import hit_finding, secret_hits
from portfolio_lint.core.model import SECURITY, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


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
        hit_finding(path, hit) for path, hit in secret_hits(repo, ("error",))
    )
