"""Tests of VCS007 history-secrets: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status

TOKEN = "ghp_" + "Xk29QmT7bR4vL8nW2pY6cZ1dF5gH3jK0aS9e"


def test_key_deleted_later_fails_with_the_commit_and_revoke(history_repo, run_rule) -> None:
    repo = history_repo(
        [
            ({"app.py": f'TOKEN = "{TOKEN}"\n'}, (), "Add client", 0),
            ({"app.py": "import os\nTOKEN = os.environ['TOKEN']\n"}, (), "Use env var", 1),
        ]
    )
    result = run_rule("VCS007", repo)
    assert result.status is Status.FAILED
    (finding,) = result.findings
    leaked_in = repo.history.commits[-1].sha[:8]
    assert leaked_in in finding.message and "revoke the key" in finding.message
    assert "ignore-with-reason" in finding.message  # the way out once it is revoked
    assert finding.location is not None and finding.location.path == "app.py"
    assert TOKEN not in finding.message


@pytest.mark.parametrize(
    "steps",
    [
        [({"app.py": "import os\nTOKEN = os.environ['TOKEN']\n"}, (), "Add client", 0)],
        # Still in the current tree: SEC001 reports it, not the history rule.
        [
            ({"app.py": f'TOKEN = "{TOKEN}"\n'}, (), "Add client", 0),
            ({"README.md": "# x\n"}, (), "Add readme", 1),
        ],
    ],
)
def test_history_secrets_stays_quiet(history_repo, run_rule, steps) -> None:
    assert run_rule("VCS007", history_repo(steps)).status is Status.PASSED
