"""Classify README commands: which install the project, which run it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from portfolio_lint.facts.command_words import (
    HTTP_CLIENTS,
    INSTALL_COMMANDS,
    INSTALLING_SCRIPT,
    LOCAL_HOSTS,
    NOT_RUNNING,
    PACKAGING_ONLY,
    RUN_COMMANDS,
    SHELLS,
    runner_of,
)
from portfolio_lint.facts.commands import Command, normalise, strip_runner

__all__ = ["INSTALL_COMMANDS", "RUN_COMMANDS", "install_targets", "is_install", "is_usage"]


def _prefix_match(
    command: Command, prefixes: Sequence[str], options_between: bool = False
) -> str | None:
    for prefix in prefixes:
        words = prefix.split()
        # a bare `make` builds the default target; `make train` is not covered by it
        exact = words == ["make"]
        matched = command.starts_with(words) or (
            options_between and _with_options(command.words, words)
        )
        if matched and (not exact or len(command.words) == 1):
            return prefix
    return None


def _with_options(words: Sequence[str], prefix: Sequence[str]) -> bool:
    """`prefix` with the tool's options between its words: `flask --app api run`."""
    if not words or words[0] != prefix[0]:
        return False
    index = 1
    for expected in prefix[1:]:
        while index < len(words) and words[index] != expected and words[index].startswith("-"):
            follows = words[index + 1] if index + 1 < len(words) else expected
            # `--app api` takes a value; `--debug run` does not
            index += 1 if "=" in words[index] or follows == expected or follows[:1] == "-" else 2
        if index >= len(words) or words[index] != expected:
            return False
        index += 1
    return True


def is_install(
    command: Command,
    prefixes: Sequence[str] = INSTALL_COMMANDS,
    make_installs: Collection[str] = (),
) -> bool:
    """Whether `command` installs the project or its dependencies.

    `make TARGET` installs when the target's name says so (`setup_cuda`, `install-dev`) or
    when its recipe installs (`make_installs`, from `install_targets` over the Makefile).
    """
    words = command.words
    if words[:1] == ("make",) and len(words) > 1:
        goals = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        if any(t in make_installs or INSTALLING_SCRIPT.search(t) for t in goals):
            return True
    if words[:2] == ("pip", "install"):
        targets = {
            w.lower().split("=")[0].split("<")[0].split(">")[0]
            for w in words[2:]
            if not w.startswith("-")
        }
        return bool(targets - PACKAGING_ONLY) or any(
            w.startswith(("-r", "--req", "-e")) for w in words[2:]
        )
    if prefixes and _prefix_match(command, prefixes, options_between=True) is not None:
        return True
    script = _script_argument(command)
    return script is not None and bool(INSTALLING_SCRIPT.search(script))


def is_usage(
    command: Command,
    prefixes: Sequence[str] = RUN_COMMANDS,
    entry_points: Collection[str] = (),
) -> bool:
    """Whether `command` runs the project (a script, an app server, a notebook, an entry point)."""
    words = command.words
    if not words:
        return False
    runner = runner_of(words)
    if runner is not None and runner.project_environment:
        inner = strip_runner(words)
        return (
            bool(inner)
            and inner[0] not in NOT_RUNNING
            and not is_install(Command(inner, command.text, command.path, command.line), ())
        )
    if words[0] in entry_points:
        return True
    if words[0] == "python":
        return _python_runs_something(words[1:])
    if words[0] in HTTP_CLIENTS:
        return any(LOCAL_HOSTS.search(w) for w in words[1:])
    if words[0] == "make":
        return len(words) > 1 and not is_install(command)
    script = _script_argument(command)
    if script is not None:
        return not INSTALLING_SCRIPT.search(script) and words[0] not in ("source", ".")
    return _prefix_match(command, prefixes, options_between=True) is not None


def _python_runs_something(arguments: Sequence[str]) -> bool:
    rest = list(arguments)
    while rest and rest[0].startswith("-") and rest[0] not in ("-m", "-c"):
        rest.pop(0)
    if not rest or rest[0] == "-c":
        return False
    if rest[0] == "-m":
        return len(rest) > 1 and rest[1] not in NOT_RUNNING
    return rest[0] not in NOT_RUNNING and not rest[0].startswith("-")


def _script_argument(command: Command) -> str | None:
    """The script a shell runs: `bash x.sh`, `sh scripts/run.sh`, `./run.sh`."""
    words = command.words
    if words[0].startswith("./") and len(words[0]) > 2:
        return words[0]
    if words[0] in SHELLS:
        return next((w for w in words[1:] if not w.startswith("-")), None)
    return None


def install_targets(targets: Mapping[str, Sequence[tuple[str, ...]]]) -> frozenset[str]:
    """Makefile targets whose recipe installs (directly or through one `make DEP`)."""

    def installs(name: str, depth: int) -> bool:
        for words in targets.get(name, ()):
            if words[:1] == ("make",) and len(words) > 1:
                if depth and installs(words[1], depth - 1):
                    return True
            elif words and is_install(Command(normalise(words), "", "", 0)):
                return True
        return False

    return frozenset(name for name in targets if installs(name, 1))
