"""Recognise shell commands that run tests (pytest, unittest, tox, make test...) in any script."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence

from portfolio_lint.facts.commands import normalise, split_words

TEST_PROGRAMS = frozenset({"pytest", "py.test", "nosetests", "nose2", "ward", "green", "behave"})
TEST_MODULES = frozenset({"pytest", "unittest", "nose", "nose2", "green", "ward", "tox", "nox"})
RUNNERS = (
    ("poetry", "run"),
    ("uv", "run"),
    ("pipenv", "run"),
    ("pdm", "run"),
    ("hatch", "run"),
    ("rye", "run"),
    ("pixi", "run"),
    ("conda", "run"),
    ("mamba", "run"),
    ("micromamba", "run"),
    ("uvx",),
    ("pipx", "run"),
    ("xvfb-run",),
    ("timeout",),
)
RUNNER_VALUE_OPTIONS = frozenset(
    {
        "-n",
        "--name",
        "-p",
        "--prefix",
        "-e",
        "--env",
        "--with",
        "--python",
        "--group",
        "--extra",
        "-s",
        "--server-num",
    }
)
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
TEST_SCRIPT = re.compile(
    r"(^|/)(tests?|testing)/|(^|/)tests?_\w|(^|/)run_?tests?\b"
    r"|_tests?\.(py|sh)$|(^|/)tests?\.(sh|bash|bat|ps1)$",
    re.IGNORECASE,
)
# No `\s*` around the operators: split() was quadratic in a run of spaces (parts are stripped).
SEPARATORS = re.compile(r"&&|\|\|?|;|\$\(|`")
TASK_RUNNERS = frozenset({"make", "just", "task", "invoke", "inv", "doit", "nox", "poe"})
MAX_DEPTH = 2

# Resolves a `make TARGET` or `bash SCRIPT` to the commands it runs (one level deeper).
Resolver = Callable[[str, str], Sequence[tuple[str, ...]]]


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line, text) of a script, with backslash continuations joined."""
    pending: list[str] = []
    start = 0
    for index, raw in enumerate(text.splitlines()):
        if not pending:
            start = index
        stripped = raw.rstrip()
        if stripped.endswith("\\"):
            pending.append(stripped[:-1])
            continue
        pending.append(stripped)
        yield start, " ".join(pending)
        pending = []
    if pending:
        yield start, " ".join(pending)


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


def strip_runner(words: Sequence[str]) -> tuple[str, ...]:
    """`poetry run pytest -q` → `pytest -q`; `conda run -n env python -m pytest` likewise."""
    rest = tuple(words)
    for _ in range(3):
        runner = next((r for r in RUNNERS if rest[: len(r)] == r), None)
        if runner is None:
            break
        rest = rest[len(runner) :]
        while rest and rest[0].startswith("-"):
            option = rest[0]
            rest = rest[1:]
            if option in RUNNER_VALUE_OPTIONS and rest:
                rest = rest[1:]
        if runner == ("timeout",) and rest:
            rest = rest[1:]  # the duration
        rest = normalise(rest)
    return rest


def _program(word: str) -> str:
    name = word.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".exe") else name


def _tox_runs_tests(arguments: Sequence[str]) -> bool:
    envs: list[str] = []
    for index, word in enumerate(arguments):
        if word in ("-e", "--env", "-s", "--session", "--sessions") and index + 1 < len(arguments):
            envs.extend(arguments[index + 1].split(","))
        elif word.startswith(("-e", "--env=")) and len(word) > 2 and not word.startswith("--e"):
            envs.extend(word.split("=", 1)[-1].removeprefix("-e").split(","))
    if not envs:
        return True
    return any(not LINT_ENVS.match(env.strip().lower()) for env in envs if env.strip())


def is_test_command(words: Sequence[str], resolve: Resolver | None = None, depth: int = 0) -> bool:
    """Whether a normalised command runs tests (following `make`/scripts through `resolve`)."""
    words = strip_runner(words)
    if not words:
        return False
    head = _program(words[0])
    rest = words[1:]
    if head in TEST_PROGRAMS:
        return "--version" not in rest and "--help" not in rest
    if head == "python":
        return _python_runs_tests(rest)
    if head == "coverage":
        return rest[:1] == ("run",)
    if head in ("tox", "nox"):
        return _tox_runs_tests(rest)
    if head == "hatch":
        return rest[:1] == ("test",)
    if head in ("npm", "yarn", "pnpm"):
        return rest[:1] == ("test",) or (
            rest[:1] == ("run",) and bool(TEST_TARGET.match(rest[1] if len(rest) > 1 else ""))
        )
    if head == "docker" or head == "docker-compose":
        inner = next(
            (
                i
                for i, w in enumerate(rest)
                if _program(w) in TEST_PROGRAMS or w in ("python", "tox", "coverage")
            ),
            None,
        )
        return inner is not None and is_test_command(rest[inner:], None, depth + 1)
    if head in TASK_RUNNERS:
        targets = [w for w in rest if not w.startswith("-") and "=" not in w]
        if resolve is not None and depth < MAX_DEPTH and head == "make":
            for target in targets or [""]:
                resolved = resolve("make", target)
                if any(is_test_command(c, resolve, depth + 1) for c in resolved):
                    return True
        return any(TEST_TARGET.match(t) for t in targets)
    if (
        head in ("bash", "sh", "zsh", "source", ".")
        or head.endswith(".sh")
        or words[0].startswith("./")
    ):
        script = (
            words[0]
            if head not in ("bash", "sh", "zsh", "source", ".")
            else next((w for w in rest if not w.startswith("-")), "")
        )
        return _script_runs_tests(script, resolve, depth)
    return False


def _python_runs_tests(rest: Sequence[str]) -> bool:
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
    return bool(script) and bool(TEST_SCRIPT.search(script))


def _script_runs_tests(script: str, resolve: Resolver | None, depth: int) -> bool:
    if not script:
        return False
    if resolve is not None and depth < MAX_DEPTH:
        resolved = resolve("script", script)
        if resolved:
            return any(is_test_command(c, resolve, depth + 1) for c in resolved)
    return bool(TEST_SCRIPT.search(script))
