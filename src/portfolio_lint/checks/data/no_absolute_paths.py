"""Rule DAT001 (no-absolute-paths): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.analysis.pipeline import path_scan_kind
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FileFacts, Hit
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo

MAX_PATH_FINDINGS = 200


@check("no-absolute-paths", code="DAT001", weight=2, severity=Severity.WARNING, role=Role.PROBLEM)
def no_absolute_paths(repo: Repo, *, half_at: int = 2) -> Verdict:
    r"""Code and config use no machine-specific absolute paths (home folders, drives, Colab).

    Why it matters:
        Paths like /Users/me/data or C:\Users\me or /content/drive only exist on the author's
        machine: the code fails for everyone else. The score falls with the number of
        occurrences, however many files the project has: `half_at` of them halve it.

    How to fix:
        Use paths relative to the project (`Path(__file__).parent / "data"`) or a configurable
        DATA_DIR.

    Bad:
        `pd.read_csv("/Users/ana/Downloads/churn.csv")`

    Good:
        `pd.read_csv(Path(__file__).parent / "data" / "churn.csv")`
    """
    scanned = [f for f in repo.facts.values() if not f.is_binary and _path_scanned(f)]
    if not scanned:
        raise Skip("no code, notebook, config or shell files")
    findings: list[Finding] = []
    occurrences = affected = 0
    for facts in sorted(scanned, key=lambda f: f.path):
        warnings = sum(hit.severity != "info" for hit in facts.paths)
        occurrences += warnings
        affected += bool(warnings)
        findings.extend(_path_finding(facts.path, hit) for hit in facts.paths)
    summary = f"{occurrences} absolute machine paths in {affected} of {len(scanned)} scanned files"
    if not findings:
        return Verdict.passed(f"no absolute machine paths in {len(scanned)} scanned files")
    # Occurrences, not the share of files, set the score: adding empty files cannot dilute it.
    score = 1 / (1 + occurrences / max(half_at, 1))
    return Verdict.partial(score, findings[:MAX_PATH_FINDINGS], summary)


def _path_scanned(facts: FileFacts) -> bool:
    return facts.path.lower().endswith(".ipynb") or path_scan_kind(facts.path) is not None


def _path_finding(path: str, hit: Hit) -> Finding:
    severity = Severity.INFO if hit.severity == "info" else None
    return Finding.at(
        path,
        hit.message,
        line=hit.line,
        column=hit.column,
        cell=hit.cell,
        severity=severity,
        evidence=hit.evidence,
        key=hit.key,
    )
