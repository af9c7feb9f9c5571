"""Rule VCS011 (commit-messages): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.history import Commit

# One generic word (optionally numbered or punctuated) says nothing about the change.
VAGUE_WORDS = (
    "update",
    "updates",
    "updated",
    "fix",
    "fixes",
    "fixed",
    "change",
    "changes",
    "changed",
    "commit",
    "test",
    "testing",
    "wip",
    "stuff",
    "misc",
    "minor",
    "edit",
    "edits",
    "save",
    "push",
    "upload",
    "uploads",
    "files",
    "new",
    "done",
    "final",
    "asdf",
    "asd",
    "qwe",
    "qwerty",
    "tmp",
    "temp",
    "temp commit",
    "more",
    "work",
    "code",
    "add",
    "added",
    "small fix",
    "add files via upload",
    "minor changes",
    "minor fixes",
    "some changes",
    "first commit",
)

VAGUE = re.compile(r"^(?:" + "|".join(map(re.escape, VAGUE_WORDS)) + r")[\s\d.!?_-]*$", re.I)

# The defaults of GitHub's web editor ('Update README.md', 'Create train.py') and Colab's
# 'Save a copy in GitHub' ('Created using Colaboratory'): a file name, not what changed.
DEFAULT_MESSAGE = re.compile(
    r"^(?:(?:update|create|delete)\s+[\w./-]+\.\w{1,8}|created using colab(?:oratory)?)$", re.I
)

MASH = re.compile(r"^(?:[\W\d_]*|(.)\1+|[a-z]{1,3})$", re.I)

MAX_EXAMPLES = 5


@check("commit-messages", code="VCS011", weight=1, severity=Severity.INFO, reads_history=True)
def commit_messages(repo: Repo, *, max_vague_share: float = 0.2) -> Verdict:
    """Commit messages say what changed ('update', 'fix' or 'asdf' alone do not).

    Why it matters:
        Messages like 'update' or 'asdf' make the history useless to a reader.

    How to fix:
        Write messages that say what changed and why, e.g. 'Add stratified split to avoid leakage'.

    Bad:
        "update", "fix", "asdf", "Update README.md".

    Good:
        "Add stratified split to avoid leakage", "Fix off-by-one in the date window".
    """
    commits = [
        c for c in require_history(repo).commits if not c.subject.startswith(("Merge ", "Revert "))
    ]
    if not commits:
        raise Skip("only merge commits")
    vague = [c for c in commits if is_vague(c.subject)]
    share = len(vague) / len(commits)
    if share <= max_vague_share:
        return Verdict.passed()
    return Verdict.partial(1.0 - share, _examples(vague, len(commits)))


def is_vague(subject: str) -> bool:
    """Whether a commit subject says nothing about the change."""
    text = subject.strip()
    return bool(
        VAGUE.match(text) or MASH.match(text) or DEFAULT_MESSAGE.match(text) or _keyboard_mash(text)
    )


def _keyboard_mash(text: str) -> bool:
    # 'asdfgh', 'jjjjj', 'qwerty123': one word drawn from a handful of letters.
    word = text.lower()
    return " " not in word and len(word) >= 4 and len(set(word)) <= max(2, len(word) // 3)


def _examples(vague: Sequence[Commit], total: int) -> list[Finding]:
    groups: dict[str, list[Commit]] = {}
    for commit in vague:  # six 'Update README.md' read as one habit, not six examples
        groups.setdefault(commit.subject.strip()[:40], []).append(commit)
    shown = ", ".join(
        f"{short(c[0].sha)} '{subject}'" + (f" (x{len(c)})" if len(c) > 1 else "")
        for subject, c in list(groups.items())[:MAX_EXAMPLES]
    )
    more = f" and {len(groups) - MAX_EXAMPLES} more" if len(groups) > MAX_EXAMPLES else ""
    return [Finding(f"{len(vague)} of {total} commit messages say nothing: {shown}{more}")]
