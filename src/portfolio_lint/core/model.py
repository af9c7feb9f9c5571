"""The values every part of portfolio-lint exchanges: findings, verdicts, results, reports."""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from portfolio_lint.core.kinds import ProjectKind

SCHEMA_VERSION = "2.1"
# Report metadata a --diff-base report carries: the base, its score, the change, findings
# fixed and new (renderers and the Action read them).
BASE_REVISION, BASE_SCORE, SCORE_DELTA = "base-revision", "base-score", "score-delta"
FINDINGS_FIXED, FINDINGS_NEW = "findings-fixed", "findings-new"
# Set by --diff-base and --baseline: the report keeps only new findings.
ONLY_NEW = "only-new"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# The rule tag of security findings (SARIF security-severity, GitLab's Security category).
SECURITY = "security"


class Severity(str, enum.Enum):
    """How much a finding matters; `error` findings make the command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Status(str, enum.Enum):
    """Outcome of one rule."""

    PASSED = "passed"
    PARTIAL = "partial"
    FAILED = "failed"
    NOT_APPLICABLE = "not-applicable"
    IGNORED = "ignored"
    ERROR = "error"

    @property
    def counts(self) -> bool:
        """Whether a rule with this status takes part in the score."""
        return self in (Status.PASSED, Status.PARTIAL, Status.FAILED)


class Role(str, enum.Enum):
    """What a rule measures, which decides how it enters the score (see core.scoring)."""

    PRACTICE = "practice"  # evidence of engineering shown: earns its weight
    PROBLEM = "problem"  # a defect found: costs its weight


class Outcome(str, enum.Enum):
    """How a run ended: the one answer every report format and the exit code give."""

    PASSED = "passed"
    FAILED = "failed"  # error-severity findings, or a score below `fail_under`: exit 1
    CRASHED = "crashed"  # a check crashed, whatever else happened: exit 2


@dataclass(frozen=True)
class Location:
    """Where a finding points: a repository-relative POSIX path, 1-based line and column."""

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    cell: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.cell is not None:
            text += f" (cell {self.cell})"
        return text


@dataclass(frozen=True)
class Finding:
    """One problem. `evidence` is already redacted; `code` and `severity` are set by the engine."""

    message: str
    location: Location | None = None
    severity: Severity | None = None
    evidence: str | None = None
    code: str = ""
    key: str | None = None
    # A digest of the secret value a finding is about: tells two secrets apart in memory and,
    # keyed, in baselines; never exported (see `fingerprint`).
    secret_id: str | None = None
    # The line the finding came from carries an inline suppression the engine cannot look up
    # in the current tree (a line of an old commit with `gitleaks:allow`).
    inline_suppressed: bool = False

    @classmethod
    def at(
        cls,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        cell: int | None = None,
        severity: Severity | None = None,
        evidence: str | None = None,
        key: str | None = None,
        secret_id: str | None = None,
    ) -> Finding:
        """A finding located in a file."""
        location = Location(path, line=line, column=column, cell=cell)
        return cls(message, location, severity, evidence, key=key, secret_id=secret_id)

    @property
    def fingerprint(self) -> str:
        """Stable public identity that survives line shifts: code, path and what was found.

        For a secret, what was found is its redacted form: a hash of the value would let anyone
        holding a report (SARIF in code scanning, say) test guesses of a weak password.
        """
        path = self.location.path if self.location else ""
        basis = self.key if self.key is not None else (self.evidence or self.message)
        if self.location is None and self.key is None and not self.evidence:
            # "12 of 40 commits say nothing" is the same finding with 13 of 41.
            basis = NUMBER.sub("#", basis)
        digest = hashlib.sha256(f"{self.code}\0{path}\0{basis}".encode())
        return digest.hexdigest()[:32]

    @property
    def identity(self) -> str:
        """`fingerprint`, told apart by the secret's digest: for memory and keyed baselines only."""
        if self.secret_id is None:
            return self.fingerprint
        return f"{self.fingerprint}:{self.secret_id}"


@dataclass(frozen=True)
class Verdict:
    """What a check returns: a score in [0, 1] and the findings that explain it."""

    score: float
    findings: tuple[Finding, ...] = ()
    summary: str | None = None

    @classmethod
    def passed(cls, summary: str | None = None) -> Verdict:
        """Full marks."""
        return cls(1.0, (), summary)

    @classmethod
    def failed(cls, *findings: Finding, summary: str | None = None) -> Verdict:
        """No marks; findings say why."""
        return cls(0.0, tuple(findings), summary)

    @classmethod
    def partial(
        cls, score: float, findings: Iterable[Finding] = (), summary: str | None = None
    ) -> Verdict:
        """Some marks, clamped to [0, 1]."""
        return cls(min(1.0, max(0.0, score)), tuple(findings), summary)

    @classmethod
    def from_findings(cls, findings: Iterable[Finding], summary: str | None = None) -> Verdict:
        """Pass when there is nothing to report, fail otherwise."""
        found = tuple(findings)
        return cls(0.0 if found else 1.0, found, summary)


@dataclass(frozen=True)
class RuleInfo:
    """The parts of a rubric rule a report carries."""

    code: str
    name: str
    family: str
    weight: float
    severity: Severity
    rationale: str
    fix: str
    tags: tuple[str, ...] = ()
    role: Role = Role.PRACTICE


@dataclass(frozen=True)
class RuleResult:
    """A rule's outcome on one repository."""

    rule: RuleInfo
    status: Status
    score: float | None
    findings: tuple[Finding, ...] = ()
    reason: str | None = None
    summary: str | None = None
    # Findings kept although an inline comment suppresses them (not honoured in this run).
    suppressions_ignored: int = 0
    # Findings hidden by inline comments or per-path-ignores (a rule passing only thanks to
    # them is shown as suppressed, not as a clean pass).
    suppressed: int = 0


@dataclass(frozen=True)
class FamilyScore:
    """Score of one rule family (DOC, ENV, ...)."""

    family: str
    title: str
    score: float | None
    weight: float
    passed: int
    total: int


@dataclass(frozen=True)
class Report:
    """Everything one lint run found; renderers turn it into text, JSON, SARIF..."""

    target: str
    tool_version: str
    rubric: str
    results: tuple[RuleResult, ...]
    score: float | None
    grade: str
    families: tuple[FamilyScore, ...]
    commit: str | None = None
    warnings: tuple[str, ...] = ()
    fail_under: float | None = None
    schema_version: str = SCHEMA_VERSION
    metadata: tuple[tuple[str, str], ...] = field(default=())
    project: ProjectKind | None = None  # what kind of project it is (issue 12)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings, in rule order."""
        return tuple(f for r in self.results for f in r.findings)

    @property
    def suppressions_ignored(self) -> int:
        """Inline suppressions this run did not honour (graders: --isolated, batch)."""
        return sum(r.suppressions_ignored for r in self.results)

    @property
    def has_errors(self) -> bool:
        """Whether any finding is error-severity."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def below_threshold(self) -> bool:
        """Whether the score misses `fail_under`."""
        if self.fail_under is None or self.score is None:
            return False
        return self.score < self.fail_under

    @property
    def crashed(self) -> bool:
        """Whether a check crashed (its rule is left out of the score, so the score alone
        cannot say the run passed)."""
        return any(r.status is Status.ERROR for r in self.results)

    @property
    def outcome(self) -> Outcome:
        """The run's verdict; renderers and the exit code all read it (or `passed`)."""
        if self.crashed:
            return Outcome.CRASHED
        if self.has_errors or self.below_threshold:
            return Outcome.FAILED
        return Outcome.PASSED

    @property
    def passed(self) -> bool:
        """Whether the run passed: no error-severity finding, no crash, score not too low."""
        return self.outcome is Outcome.PASSED

    def with_results(self, results: Iterable[RuleResult]) -> Report:
        """A copy with other results (scores are not recomputed)."""
        return replace(self, results=tuple(results))

    def with_metadata(self, pairs: Iterable[tuple[str, str]]) -> Report:
        """A copy with `pairs` added to (or replacing keys of) the metadata."""
        added = dict(pairs)
        kept = tuple((k, v) for k, v in self.metadata if k not in added)
        return replace(self, metadata=(*kept, *added.items()))
