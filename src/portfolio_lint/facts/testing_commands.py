"""Recognise shell commands that run tests (pytest, unittest, tox, make test...) in any script."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from portfolio_lint.facts.command_words import PROGRAMS, SHELLS, HowTestsRun, Program, program
from portfolio_lint.facts.commands import logical_lines, normalise, split_words, strip_runner
from portfolio_lint.scanners.testing_paths import in_test_folder

TEST_MODULES = frozenset({"pytest", "unittest", "nose", "nose2", "green", "ward", "tox", "nox"})
LINT_ENVS = re.compile(
    r"^(lint\w*|flake8|pylint|mypy|typ(e|es|ing|echeck)|style|format|fmt|black"
    r"|isort|ruff|docs?|pre-?commit|build|release|publish|clean|security"
    r"|bandit|safety|spell\w*|check-manifest|pkg|package|coverage-report)$"
)
TEST_TARGET = re.compile(
    r"^((unit|integration|e2e|all)[-_]?)?(tests?|pytest|unittest|cov|coverage)"
    r"([-_:.].*)?$",
    re.IGNORECASE,
)
# `python test.py` in an ML repository usually evaluates a model, so it is not a test run.
TEST_SCRIPT_NAME = re.compile(
    r"(^|/)tests?_\w|(^|/)run_?tests?\b|_tests?\.(py|sh)$|(^|/)tests?\.(sh|bash|bat|ps1)$",
    re.IGNORECASE,
)
# No `\s*` around the operators: split() was quadratic in a run of spaces (parts are stripped).
SEPARATORS = re.compile(r"&&|\|\|?|;|\$\(|`")
MAX_DEPTH = 2
# Programs that run tests whatever their arguments, and what else may start a container's tests.
ALWAYS_TESTS = frozenset(key[0] for key, p in PROGRAMS.items() if p.tests is HowTestsRun.ALWAYS)
CONTAINER_ENTRY = frozenset({"python", "tox", "coverage"})

# Resolves a `make TARGET` or `bash SCRIPT` to the commands it runs (one level deeper).
Resolver = Callable[[str, str], Sequence[tuple[str, ...]]]


def script_commands(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(0-based line, normalised words) of every command in a shell script; comments skipped."""
    for offset, line in logical_lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        for part in SEPARATORS.split(stripped):
            words = normalise(split_words(part.strip().strip("()")))
            if words:
                yield offset, words


def _program(word: str) -> str:
    name = word.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".exe") else name


def _tox_runs_tests(arguments: Sequence[str]) -> bool:
    """tox/nox: unless every environment or session selected is a lint one."""
    envs: list[str] = []
    for index, word in enumerate(arguments):
        if word in ("-e", "--env", "-s", "--session", "--sessions") and index + 1 < len(arguments):
            envs.extend(arguments[index + 1].split(","))
        elif word.startswith(("-e", "--env=")) and len(word) > 2 and not word.startswith("--e"):
            envs.extend(word.split("=", 1)[-1].removeprefix("-e").split(","))
    if not envs:
        return True
    return any(not LINT_ENVS.match(env.strip().lower()) for env in envs if env.strip())


@dataclass(frozen=True)
class _Call:
    """A command being judged, with what the table says its program means."""

    words: tuple[str, ...]  # runner stripped
    head: str  # the program's name, without folder or .exe
    meaning: Program
    resolve: Resolver | None
    depth: int

    @property
    def rest(self) -> tuple[str, ...]:
        return self.words[1:]


def is_test_command(words: Sequence[str], resolve: Resolver | None = None, depth: int = 0) -> bool:
    """Whether a normalised command runs tests (following `make`/scripts through `resolve`)."""
    words = strip_runner(words)
    if not words:
        return False
    head = _program(words[0])
    found = program((head, *words[1:]))
    if found is not None and found[1].tests is not None:
        meaning = found[1]
    elif head.endswith(".sh") or words[0].startswith("./"):
        meaning = SCRIPT_FILE  # `./run_tests.sh`, `scripts/check.sh`
    else:
        return False
    judge = JUDGES[meaning.tests or HowTestsRun.SCRIPT]
    return judge(_Call(words, head, meaning, resolve, depth))


def _always(call: _Call) -> bool:
    """pytest, nose2...: unless it only prints its version or help."""
    return "--version" not in call.rest and "--help" not in call.rest


def _shell_script(call: _Call) -> bool:
    """`bash x.sh`, `source x.sh`, `./x.sh`: the script's commands, or a test-like name."""
    if call.head in SHELLS:
        script = next((w for w in call.rest if not w.startswith("-")), "")
    else:
        script = call.words[0]
    return _script_runs_tests(script, call.resolve, call.depth)


def _subcommand_runs_tests(call: _Call) -> bool:
    """`coverage run`, `hatch test`, `npm test`; `npm run test:unit` by the script's name."""
    meaning, rest = call.meaning, call.rest
    if rest[:1] and rest[0] in meaning.subcommands:
        return True
    target = rest[1] if len(rest) > 1 else ""
    return meaning.named_run and rest[:1] == ("run",) and bool(TEST_TARGET.match(target))


def _container_runs_tests(call: _Call) -> bool:
    """`docker run IMAGE pytest`, `docker compose run app python -m pytest`."""
    rest = call.rest
    inner = next(
        (i for i, w in enumerate(rest) if _program(w) in ALWAYS_TESTS or w in CONTAINER_ENTRY),
        None,
    )
    return inner is not None and is_test_command(rest[inner:], None, call.depth + 1)


def _task_runs_tests(call: _Call) -> bool:
    """A test-named target (`make test`, `just unit-tests`); make's recipes followed."""
    head, rest, resolve, depth = call.head, call.rest, call.resolve, call.depth
    targets = [w for w in rest if not w.startswith("-") and "=" not in w]
    if resolve is not None and depth < MAX_DEPTH and head == "make":
        for target in targets or [""]:
            resolved = resolve("make", target)
            if any(is_test_command(c, resolve, depth + 1) for c in resolved):
                return True
    return any(TEST_TARGET.match(t) for t in targets)


def _python_runs_tests(call: _Call) -> bool:
    """`python -m pytest`, `python tests/run.py`, `python setup.py test`."""
    rest = call.rest
    if "-m" in rest:
        index = rest.index("-m")
        module = rest[index + 1] if index + 1 < len(rest) else ""
        after = rest[index + 2 :]
        if module == "coverage":
            return after[:1] == ("run",)
        if module in ("tox", "nox"):
            return _tox_runs_tests(after)
        return module in TEST_MODULES or module.split(".")[0] in ("tests", "test")
    script = next((w for w in rest if not w.startswith("-")), "")
    if posixpath.basename(script) in ("setup.py", "manage.py"):
        return "test" in rest
    return bool(script) and _names_a_test_script(script)


def _script_runs_tests(script: str, resolve: Resolver | None, depth: int) -> bool:
    if not script:
        return False
    if resolve is not None and depth < MAX_DEPTH:
        resolved = resolve("script", script)
        if resolved:
            return any(is_test_command(c, resolve, depth + 1) for c in resolved)
    return _names_a_test_script(script)


def _environments(call: _Call) -> bool:
    return _tox_runs_tests(call.rest)


SCRIPT_FILE = Program(tests=HowTestsRun.SCRIPT)
# What each kind of program in the table needs for its command to count as a test run.
JUDGES: Mapping[HowTestsRun, Callable[[_Call], bool]] = {
    HowTestsRun.ALWAYS: _always,
    HowTestsRun.PYTHON: _python_runs_tests,
    HowTestsRun.SUBCOMMAND: _subcommand_runs_tests,
    HowTestsRun.ENVIRONMENTS: _environments,
    HowTestsRun.CONTAINER: _container_runs_tests,
    HowTestsRun.TASKS: _task_runs_tests,
    HowTestsRun.SCRIPT: _shell_script,
}


def _names_a_test_script(script: str) -> bool:
    """A script in a test folder, or named like one (`run_tests.sh`, `test_model.py`)."""
    return in_test_folder(script) or bool(TEST_SCRIPT_NAME.search(script))
