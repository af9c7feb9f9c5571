"""Rule SEC002 (no-generic-secrets): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.checks.secrets._shared import hit_finding, secret_hits
from portfolio_lint.core.model import SECURITY, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "no-generic-secrets",
    code="SEC002",
    weight=2,
    severity=Severity.WARNING,
    tags=(SECURITY,),
    role=Role.PROBLEM,
)
def no_generic_secrets(repo: Repo) -> Verdict:
    """No random-looking values assigned to password, token or api_key names.

    Why it matters:
        Passwords and tokens assigned in code end up in every clone and fork.

    How to fix:
        Read the value from an environment variable or a secrets manager; rotate it if it was real.

    Bad:
        `DB_PASSWORD = "x8Fq2LmZ0pR7"` in `config.py`.

    Good:
        `DB_PASSWORD = os.environ["DB_PASSWORD"]`
    """
    require_files(repo)
    warnings = [hit_finding(p, h) for p, h in secret_hits(repo, ("warning",))]
    # Local development defaults are worth a note, never a lost point.
    notes = [hit_finding(p, h, Severity.INFO) for p, h in secret_hits(repo, ("info",))]
    return Verdict(0.0 if warnings else 1.0, (*warnings, *notes))
