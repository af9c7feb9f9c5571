"""Checks of the history family: leaked secrets, sensitive files, big blobs, cadence, messages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.checks.secrets import sensitive_reason
from portfolio_lint.core.model import SECURITY, Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.history import Commit, History

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
# The content is gone from the tree, so judge by name; .pem is left out (often a public cert).
KEY_STORE_SUFFIXES = (".key", ".p12", ".pfx", ".ppk", ".jks", ".keystore")


def _history(repo: Repo) -> History:
    history = repo.history
    if history is None:
        raise Skip(repo.history_unavailable or "git history could not be read")
    if not history.commits:
        raise Skip("the repository has no commits")
    if not history.added_paths and not repo.files:
        raise Skip("no file was ever committed")  # empty commits show no work to judge
    return history


def _key_store(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    return f"key file {name}" if name.lower().endswith(KEY_STORE_SUFFIXES) else None


def short(sha: str) -> str:
    """The abbreviated commit id shown in findings."""
    return sha[:8]


@check("history-secrets", reads_history=True, tags=(SECURITY,))
def history_secrets(repo: Repo) -> Verdict:
    """No secret was ever committed, even if a later commit deleted it."""
    history = _history(repo)
    current = {hit.key for facts in repo.facts.values() for hit in facts.secrets if hit.key}
    findings: dict[str, Finding] = {}
    # Newest commit first: keep the oldest commit that added each key (where the leak began).
    for leak in history.secrets:
        hit = leak.hit
        # Known key shapes only: generic password guesses over every old line would be noise,
        # and a key still in the current tree is the secrets rules' job.
        if hit.severity != "error" or (hit.key and hit.key in current):
            continue
        findings[hit.key or f"{leak.path}:{hit.evidence}"] = Finding.at(
            leak.path,
            f"{hit.message or hit.detector} {hit.evidence} was committed in {short(leak.commit)}"
            " and is still in the history: revoke the key",
            line=hit.line,
            column=hit.column,
            evidence=hit.evidence,
            secret_id=hit.key or None,
        )
    return Verdict.from_findings(findings.values())


@check("history-sensitive-files", reads_history=True, tags=(SECURITY,))
def history_sensitive_files(repo: Repo) -> Verdict:
    """No .env, key or credentials file was committed and later removed."""
    history = _history(repo)
    valueless = set(history.valueless_env_files)
    findings = []
    for added in history.added_paths:
        if repo.exists(added.path) or repo.is_vendored(added.path):
            continue  # files still present are the secrets rules' job
        reason = sensitive_reason(added.path, lambda: "") or _key_store(added.path)
        if not reason:
            continue
        committed = f"{reason} was committed in {short(added.commit)} and removed later"
        if added.path in valueless:
            findings.append(
                Finding.at(
                    added.path,
                    f"{committed}; every version of it held no values (only empty"
                    " keys), so it leaked nothing",
                    severity=Severity.INFO,
                )
            )
        else:
            findings.append(
                Finding.at(
                    added.path,
                    f"{committed}; it is still in the history",
                )
            )
    # Files that held nothing are reported for information only: they cost no marks.
    informational = all(finding.severity is Severity.INFO for finding in findings)
    return Verdict(1.0 if informational else 0.0, tuple(findings))


@check("history-large-binaries", reads_history=True)
def history_large_binaries(repo: Repo, *, min_size_mb: float = 5.0) -> Verdict:
    """No large file lives on only in history (deleted or replaced, still in every clone)."""
    history = _history(repo)
    floor = int(min_size_mb * 1024 * 1024)
    current = {(e.path, e.size) for e in repo.files}
    biggest: dict[tuple[str, int], str] = {}
    for blob in history.large_blobs:
        if blob.size >= floor and (blob.path, blob.size) not in current:
            biggest[(blob.path, blob.size)] = blob.commit  # newest first: keeps the oldest
    findings = [
        Finding.at(
            path,
            f"{size / 1024 / 1024:.1f} MB version added in {short(commit)} is still in the history",
        )
        for (path, size), commit in sorted(biggest.items(), key=lambda item: -item[0][1])
    ]
    return Verdict.from_findings(findings)


@check("commit-cadence", reads_history=True)
def commit_cadence(
    repo: Repo,
    *,
    min_days: int = 5,
    min_commits: int = 10,
    max_dump_share: float = 0.8,
    min_dump_lines: int = 200,
) -> Verdict:
    """Work is committed in steps over several days, not dumped in one commit."""
    commits = _history(repo).commits
    days = {commit.when.date() for commit in commits}
    span = (max(c.when for c in commits) - min(c.when for c in commits)).days
    findings = []
    if len(commits) == 1:
        findings.append(Finding("The whole history is one commit: the process is invisible"))
    elif len(commits) < min_commits:
        findings.append(Finding(f"Only {len(commits)} commits (at least {min_commits} expected)"))
    if len(commits) > 1 and len(days) < min_days:
        findings.append(
            Finding(
                f"Commits on {len(days)} distinct day(s) over {span} day(s)"
                f" (at least {min_days} days expected)"
            )
        )
    dump = _dump(commits, max_dump_share, min_dump_lines)
    if dump is not None and len(commits) > 1:
        findings.append(dump)
    parts = (
        min(1.0, len(days) / max(min_days, 1)),
        min(1.0, len(commits) / max(min_commits, 1)),
        0.0 if dump is not None or len(commits) == 1 else 1.0,
    )
    return Verdict.partial(sum(parts) / len(parts), findings)


def _dump(commits: Sequence[Commit], max_share: float, min_lines: int) -> Finding | None:
    """A finding when one commit added most of all the lines ever added (an upload, not work)."""
    total = sum(c.added_lines for c in commits)
    biggest = max(commits, key=lambda c: c.added_lines)
    if total < min_lines or biggest.added_lines <= max_share * total:
        return None
    share = biggest.added_lines / total
    return Finding(
        f"One commit ({short(biggest.sha)} '{biggest.subject[:40]}') added {share:.0%} of all"
        " lines: the project was uploaded rather than built in steps"
    )


@check("commit-messages", reads_history=True)
def commit_messages(repo: Repo, *, max_vague_share: float = 0.2) -> Verdict:
    """Commit messages say what changed ('update', 'fix' or 'asdf' alone do not)."""
    commits = [c for c in _history(repo).commits if not c.subject.startswith(("Merge ", "Revert "))]
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
