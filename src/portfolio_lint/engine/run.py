"""Run a rubric's selected rules on a Repo; a crashing check becomes an error result."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import replace

from portfolio_lint import __version__
from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.checks.registry import Skip
from portfolio_lint.core.config import Config
from portfolio_lint.core.inline_ignores import suppresses
from portfolio_lint.core.kinds import OTHER, ProjectKind
from portfolio_lint.core.model import Finding, Report, Role, RuleResult, Status, Verdict
from portfolio_lint.core.rubric import Rubric, Rule
from portfolio_lint.core.scoring import family_scores, grade, weighted_score
from portfolio_lint.core.selection import decide, matches
from portfolio_lint.engine.rubric import with_options
from portfolio_lint.facts.project_kind import project_kind
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.secrets import redact_text

log = logging.getLogger(__name__)


def lint(repo: Repo, rubric: Rubric, config: Config | None = None) -> Report:
    """Run every selected rule of `rubric` on `repo` and score the results."""
    config = config or repo.config
    rubric = with_options(rubric, config.options) if config.options else rubric
    _expect_history(rubric, repo, config)
    project = _project_kind(repo)
    results = [
        result for rule in rubric.rules if (result := _run_rule(rule, repo, config, project))
    ]
    score = weighted_score(results)
    return Report(
        target=redact_text(repo.source.name),
        tool_version=__version__,
        rubric=rubric.name,
        results=tuple(results),
        score=score,
        grade=grade(score, rubric.grades),
        families=family_scores(results, rubric.family_title),
        commit=repo.commit,
        warnings=tuple(redact_text(w) for w in (*rubric.warnings, *repo.warnings)),
        fail_under=config.fail_under,
        metadata=(("anchor", _anchor(repo)),),
        project=_redacted_kind(project),
    )


def _expect_history(rubric: Rubric, repo: Repo, config: Config) -> None:
    """Let the history scan overlap the per-file analysis when a selected rule reads it."""
    checks = all_checks()
    if any(
        checks[rule.check].reads_history and decide(rule.code, config).runs for rule in rubric.rules
    ):
        repo.expect_history()


def _anchor(repo: Repo) -> str:
    """The file repository-level findings point at in SARIF and annotations."""
    readme = repo.readme
    if readme is not None:
        return readme.path
    root_files = sorted(e.path for e in repo.files if "/" not in e.path)
    return root_files[0] if root_files else "README.md"


def _project_kind(repo: Repo) -> ProjectKind:
    """The project's kind; a failure to tell (the per-file analysis crashing, say) must not stop
    the run: the rules that need the same facts fail on their own, isolated as usual, and the
    report's kind says it was not detected."""
    try:
        return project_kind(repo)
    except Exception as error:  # the checks that read the same facts crash and say why
        log.debug("project kind detection crashed", exc_info=True)
        return ProjectKind(OTHER, evidence=(f"not detected: {type(error).__name__}: {error}",))


def _redacted_kind(project: ProjectKind) -> ProjectKind:
    """The kind with its evidence (file names of the repository) through the redaction gate."""
    return replace(
        project,
        evidence=tuple(redact_text(e) for e in project.evidence),
        projects=tuple((redact_text(folder), kind) for folder, kind in project.projects),
    )


def _run_rule(rule: Rule, repo: Repo, config: Config, project: ProjectKind) -> RuleResult | None:
    decision = decide(rule.code, config)
    if decision.ignored_reason is not None:  # the linted repository's own config gives it
        reason = redact_text(decision.ignored_reason)
        return RuleResult(rule.info, Status.IGNORED, None, reason=reason)
    if not decision.runs:
        return None
    if rule.kinds is not None and not project.applies(rule.kinds):
        reason = project.not_applicable_reason(rule.name.replace("-", " "), rule.kinds)
        return RuleResult(rule.info, Status.NOT_APPLICABLE, None, reason=reason)
    spec = all_checks()[rule.check]
    began = time.perf_counter()
    try:
        verdict = spec.run(repo, rule.options)
    except Skip as skip:
        reason = redact_text(skip.reason)
        if skip.prerequisite is not None and rule.role is Role.PRACTICE:
            # Install steps cannot be shown without a README: the practice is not shown.
            return RuleResult(rule.info, Status.FAILED, 0.0, reason=reason, summary=reason)
        return RuleResult(rule.info, Status.NOT_APPLICABLE, None, reason=reason)
    except Exception as error:  # a bug in one check must not stop the others
        log.debug("check %s crashed", rule.check, exc_info=True)
        reason = redact_text(f"check crashed: {type(error).__name__}: {error}")
        return RuleResult(rule.info, Status.ERROR, None, reason=reason)
    log.debug("check %s (%s): %.3fs", rule.code, rule.check, time.perf_counter() - began)
    return _result_from_verdict(rule, verdict, repo, config)


def _result_from_verdict(rule: Rule, verdict: Verdict, repo: Repo, config: Config) -> RuleResult:
    stamped = [
        replace(f, code=rule.code, severity=f.severity or rule.severity) for f in verdict.findings
    ]
    kept, overruled = _unsuppressed(stamped, rule.code, repo, config)
    suppressed = len(stamped) - len(kept)
    score = verdict.score
    if stamped and not kept:
        score = 1.0
    status = Status.PASSED if score >= 1.0 else Status.FAILED if score <= 0.0 else Status.PARTIAL
    if status is Status.PASSED:
        kept = [f for f in kept if f.severity is not None and f.severity.rank >= 2]
    summary = redact_text(verdict.summary) if verdict.summary else verdict.summary
    findings = tuple(map(redacted, kept))
    return RuleResult(
        rule.info,
        status,
        score,
        findings,
        summary=summary,
        suppressions_ignored=overruled,
        suppressed=suppressed,
    )


def redacted(finding: Finding) -> Finding:
    """`finding` with every secret in its text redacted (the one gate repository text passes
    on its way into a Report; idempotent, so already redacted evidence stays as it is)."""
    location = finding.location
    if location is not None and (path := redact_text(location.path)) != location.path:
        location = replace(location, path=path)
    return replace(
        finding,
        message=redact_text(finding.message),
        evidence=redact_text(finding.evidence) if finding.evidence else finding.evidence,
        location=location,
    )


def _unsuppressed(
    findings: Iterable[Finding], code: str, repo: Repo, config: Config
) -> tuple[list[Finding], int]:
    """The findings no ignore covers, and how many inline suppressions were not honoured."""
    globs = [glob for glob, codes in config.per_path_ignores if matches(codes, code)]
    specs = [repo.glob_spec([glob], "per-path-ignores") for glob in globs]
    # Excluded files are out of every check, their history included (VCS007-009 name old paths).
    specs.append(repo.glob_spec(config.exclude, "exclude"))
    path_specs = [spec for spec in specs if spec is not None]
    honour = config.honour_inline_ignores or matches(config.inline_ignores_allowed, code)
    kept: list[Finding] = []
    overruled = 0
    for finding in findings:
        location = finding.location
        if location is not None and any(spec.match_file(location.path) for spec in path_specs):
            continue
        if _inline_suppressed(repo, finding, code):
            if honour:
                continue
            overruled += 1
        kept.append(finding)
    return kept, overruled


def _inline_suppressed(repo: Repo, finding: Finding, code: str) -> bool:
    if finding.inline_suppressed:
        return True
    location = finding.location
    if location is None or location.line is None:
        return False
    facts = repo.facts.get(location.path)
    if facts is None:
        return False
    line = location.line
    codes = facts.ignored_codes(line)
    # `ignore[SEC]` or `ignore[ALL]` work inline as they do in the config.
    return suppresses(codes, code) or matches(codes, code)
