"""Rule VCS011 (commit-messages): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.history import Commit

# One generic word (optionally numbered or punctuated) says nothing about the change.
VAGUE_WORDS = (
    "stuff",
    "misc",
    "minor",
    "wip",
    "asdf",
    "asd",
    "qwe",
    "qwerty",
    "tmp",
    "temp",
    "temp commit",
    "more",
    "done",
    "final",
    "new",
    "first commit",
)

# A generic verb with at most a generic object: 'updated code', 'fix bug', 'minor changes'.
VERB = (
    r"(?:updat(?:e|ed|es|ing)|fix(?:ed|es|ing)?|chang(?:e|ed|es|ing)|edit(?:ed|s|ing)?"
    r"|modif(?:y|ied|ies|ications?)|add(?:ed|s|ing)?|upload(?:ed|s|ing)?|commit(?:ted|s)?"
    r"|push(?:ed)?|sav(?:e|ed|ing)|tweaks?|improve(?:d|ments?)?|clean\s?up|refactor(?:ed|ing)?"
    r"|work|test(?:ing|s)?|progress)"
)
FILLER = r"(?:the|some|a|few|more|new|minor|small|latest|final|my|all|of|to|in|and|quick)"
OBJECT = (
    r"(?:code|codes|files?|stuff|things?|changes?|updates?|fix(?:es)?|bugs?|project|repo"
    r"|repository|folder|notebooks?|scripts?|version|work|it|everything|readme|commit)"
)
GENERIC = re.compile(
    rf"^(?:{FILLER}\s+)*(?:{VERB}(?:\s+{FILLER})*(?:\s+{OBJECT})?|{OBJECT}(?:\s+{VERB})?)"
    r"[\s\d.!?_:-]*$",
    re.I,
)
VAGUE = re.compile(r"^(?:" + "|".join(map(re.escape, VAGUE_WORDS)) + r")[\s\d.!?_-]*$", re.I)

# The defaults of GitHub's web editor ('Update README.md', 'Create train.py', 'Add files via
# upload') and Colab's 'Save a copy in GitHub' ('Created using Colaboratory'), and the same
# done by hand ('Updated app.py'): a file name, not what changed.
DEFAULT_MESSAGE = re.compile(
    r"^(?:(?:updat(?:e|ed|es)|creat(?:e|ed)|delet(?:e|ed)|add(?:ed)?|upload(?:ed)?)"
    r"\s+[\w./-]+\.\w{1,8}|add files via upload|created using colab(?:oratory)?)[\s.!]*$",
    re.I,
)

# One ASCII word ('Refactoring', 'README.md', 'v2'): a label, not a description.
SINGLE_WORD = re.compile(r"^[A-Za-z0-9_./-]+[.!?]*$")

# 'chore: updated minor stuff' says as little as 'updated minor stuff'.
CONVENTIONAL_PREFIX = re.compile(r"^[a-z]+(?:\([^)]*\))?!?:\s*(?=\S)", re.I)

MASH = re.compile(r"^(?:[\W\d_]*|(.)\1+|[a-z]{1,3})$", re.I)

MAX_EXAMPLES = 5


@check("commit-messages", code="VCS011", weight=1, severity=Severity.INFO, reads_history=True)
def commit_messages(repo: Repo, *, max_vague_share: float = 0.2, max_repeats: int = 9) -> Verdict:
    """Commit messages say what changed ('update', 'fix' or 'asdf' alone do not).

    Why it matters:
        Messages like 'update' or 'asdf' make the history useless to a reader.

    How to fix:
        Write messages that say what changed and why, e.g. 'Add stratified split to avoid leakage'.

    Bad:
        "update", "fix", "asdf", "Update README.md", "updated code", the same subject
        twelve times.

    Good:
        "Add stratified split to avoid leakage", "Fix off-by-one in the date window".
    """
    commits = [
        c for c in require_history(repo).commits if not c.subject.startswith(("Merge ", "Revert "))
    ]
    if not commits:
        raise Skip("only merge commits")
    repeated = _repeated(commits, max_repeats)
    first = min(commits, key=lambda c: c.when)
    vague = [
        c
        for c in commits
        if (is_vague(c.subject) and (c is not first or _not_an_opening(c.subject)))
        or _normalised(c.subject) in repeated
    ]
    share = len(vague) / len(commits)
    if share <= max_vague_share:
        return Verdict.passed()
    return Verdict.partial(1.0 - share, _examples(vague, len(commits)))


def is_vague(subject: str) -> bool:
    """Whether a commit subject says nothing about the change."""
    text = CONVENTIONAL_PREFIX.sub("", subject.strip())
    if text.lower() == "initial commit":
        return False  # the conventional first message of a repository
    return any(
        pattern.match(text) for pattern in (VAGUE, GENERIC, DEFAULT_MESSAGE, SINGLE_WORD, MASH)
    ) or _keyboard_mash(text)


def _not_an_opening(subject: str) -> bool:
    """The first commit may be generic ('first commit', 'Add project'); a web upload or a
    keyboard mash is still vague there."""
    text = subject.strip()
    return bool(DEFAULT_MESSAGE.match(text) or MASH.match(text) or _keyboard_mash(text))


def _normalised(subject: str) -> str:
    return re.sub(r"[\d\W_]+", " ", subject.lower()).strip()


def _repeated(commits: Sequence[Commit], max_repeats: int) -> set[str]:
    """Subjects (numbers aside) used more than `max_repeats` times: 'Day 3', 'auto commit'."""
    counts = Counter(_normalised(c.subject) for c in commits)
    return {subject for subject, count in counts.items() if count > max_repeats}


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
