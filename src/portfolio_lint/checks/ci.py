"""CI rules: a real CI configuration exists, and it runs the tests."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.ci import CiCommand, CiFile, ci_files
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_commands import Resolver, is_test_command, script_commands

PLACEHOLDERS = frozenset(
    {
        "echo",
        "printf",
        "true",
        ":",
        "exit",
        "sleep",
        "pwd",
        "ls",
        "date",
        "whoami",
        "printenv",
        "uname",
        "hostname",
    }
)
# Actions that only prepare a runner: a workflow made of these alone does nothing.
SETUP_ACTIONS = re.compile(
    r"^(actions/(checkout|setup-[\w-]+|cache|(upload|download)-artifact)"
    r"|astral-sh/setup-uv|conda-incubator/setup-miniconda)(@|$)",
    re.I,
)
TEST_ACTIONS = re.compile(r"pytest|\btox\b|\bnox\b|unittest|run-tests?|test-action", re.I)
MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
# Names separated by single spaces, so a line of spaces cannot make the match quadratic.
MAKE_TARGET = re.compile(r"^([A-Za-z0-9_.\-/]+(?: +[A-Za-z0-9_.\-/]+)*)[ \t]*::?(?!=)(.*)$")
MAKE_VARIABLE = re.compile(r"\$[({](\w+)[)}]")
MAX_SHOWN = 3


def _real_work(ci: CiFile) -> bool:
    commands = [c for c in ci.commands if c.words[0] not in PLACEHOLDERS]
    actions = [a for a, _ in ci.actions if not SETUP_ACTIONS.match(a)]
    return bool(commands or actions)


def _broken(ci: CiFile, severity: Severity | None = None) -> Finding:
    return Finding.at(
        ci.path, f"{ci.path} could not be parsed: {ci.error}", line=ci.error_line, severity=severity
    )


@check("ci-config-present")
def ci_config_present(repo: Repo, *, stub_score: float = 0.25) -> Verdict:
    """A CI configuration (GitHub Actions, GitLab CI, Jenkins...) exists and does real work."""
    files = ci_files(repo)
    if not files:
        return Verdict.failed(
            Finding("No CI configuration (.github/workflows/*.yml, .gitlab-ci.yml, Jenkinsfile...)")
        )
    real = [ci for ci in files if ci.error is None and ci.has_jobs and _real_work(ci)]
    notes: list[Finding] = []
    for ci in files:
        if ci.error is not None:
            notes.append(_broken(ci, Severity.INFO if real else None))
        elif ci not in real:
            what = "declares no jobs" if not ci.has_jobs else "has only placeholder steps"
            notes.append(
                Finding.at(
                    ci.path,
                    f"{ci.path} {what} (a stub: it checks nothing)",
                    line=1,
                    severity=Severity.INFO if real else None,
                )
            )
    if real:
        return Verdict.partial(1.0, notes, f"CI: {', '.join(ci.path for ci in real[:MAX_SHOWN])}")
    return Verdict.partial(stub_score, notes)


@check("ci-runs-tests")
def ci_runs_tests(repo: Repo) -> Verdict:
    """The CI configuration runs the tests (not only lint, build or deploy)."""
    files = ci_files(repo)
    if not files:
        raise Skip("no CI configuration (see ci-config-present)")
    resolve = local_resolver(repo)
    notes: list[Finding] = []
    for ci in files:
        if ci.error is not None:
            notes.append(_broken(ci))
            continue
        running = next((c for c in ci.commands if is_test_command(c.words, resolve)), None)
        if running is not None:
            return Verdict.passed(f"{running.path}:{running.line} runs `{running.text}`")
        action = next(((a, line) for a, line in ci.actions if TEST_ACTIONS.search(a)), None)
        if action is not None:
            return Verdict.passed(f"{ci.path}:{action[1]} uses {action[0]}")
        notes.append(_no_tests(ci))
    return Verdict.failed(*notes)


def _no_tests(ci: CiFile) -> Finding:
    shown = [c for c in ci.commands if c.words[0] not in PLACEHOLDERS][:MAX_SHOWN]
    if not shown:
        return Finding.at(ci.path, f"{ci.path} runs no commands, so no tests", line=1)
    listed = ", ".join(f"`{_short(c)}`" for c in shown)
    return Finding.at(
        ci.path, f"{ci.path} never runs the tests (it runs {listed})", line=shown[0].line
    )


def _short(command: CiCommand) -> str:
    text = command.text
    return text if len(text) <= 60 else text[:57] + "..."


def ci_test_commands(repo: Repo) -> list[CiCommand]:
    """Commands of the repository's CI that run tests (for the TST rules)."""
    resolve = local_resolver(repo)
    return [c for ci in ci_files(repo) for c in ci.commands if is_test_command(c.words, resolve)]


def local_resolver(repo: Repo) -> Resolver:
    """Follow `make TARGET` into the root Makefile and `bash SCRIPT` into the script's commands."""
    makefile = next((name for name in MAKEFILES if repo.exists(name)), None)
    targets = make_targets(repo.read_text(makefile) or "") if makefile else {}

    def resolve(kind: str, name: str) -> Sequence[tuple[str, ...]]:
        if kind == "make":
            target = name or next(iter(targets), "")
            return targets.get(target, [])
        path = name.removeprefix("./")
        text = repo.read_text(path) if repo.exists(path) else None
        return [words for _, words in script_commands(text or "")]

    return resolve


def make_targets(text: str) -> dict[str, list[tuple[str, ...]]]:
    """Each Makefile target's recipe commands, plus `make DEP` for its prerequisites."""
    targets: dict[str, list[tuple[str, ...]]] = {}
    current: list[str] = []
    for line in text.splitlines()[:5000]:
        if line.startswith("\t") and current:
            # `$(PYTHON) -m pytest`: a variable named after its program reads as that program
            recipe = MAKE_VARIABLE.sub(lambda m: m.group(1).lower(), line.strip().lstrip("@-+"))
            for _, words in script_commands(recipe):
                for target in current:
                    targets[target].append(words)
            continue
        match = MAKE_TARGET.match(line)
        if match is None or line.startswith((" ", "#", ".")) or "=" in match.group(1):
            current = [] if line.strip() and not line.startswith("#") else current
            continue
        current = [t for t in match.group(1).split() if "%" not in t]
        prerequisites = match.group(2).split(";")[0].split("#")[0].split()
        for target in current:
            targets.setdefault(target, []).extend(("make", dep) for dep in prerequisites)
    return targets
