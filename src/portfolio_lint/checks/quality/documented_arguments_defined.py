"""Rule QUA012 (documented-arguments-defined): its check, defaults and documentation."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import CliFacts, ImportStatement
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.commands import Command
from portfolio_lint.facts.linked_docs import readme_commands
from portfolio_lint.facts.local_modules import module_file
from portfolio_lint.facts.repo import Repo

LONG_OPTION = re.compile(r"^--[A-Za-z][\w.-]*$")
PYTHON_VALUE_OPTIONS = frozenset({"-W", "-X", "-c"})
COMMAND_END = frozenset({"|", ">", ">>", "2>&1", "&", "2>", "1>"})
ALWAYS_DEFINED = frozenset({"--help"})
MAX_REACH = 40
LAUNCHERS = frozenset({"torchrun", "accelerate", "deepspeed"})  # run a script with its options


@check(
    "documented-arguments-defined",
    code="QUA012",
    weight=1,
    severity=Severity.WARNING,
    role=Role.PROBLEM,
)
def documented_arguments_defined(repo: Repo, *, follow_links: bool = True) -> Verdict:
    """Options the README passes to the project's scripts are ones the scripts define.

    Why it matters:
        `python train.py --epochs 10` in the README when `train.py` defines no `--epochs`
        (argparse, click, absl flags or its own `sys.argv` checks) fails with "unrecognized
        arguments", or the flag is silently ignored when the script reads no arguments at all.
        Commands are `python script.py`, `python -m pkg.module` and launchers (`torchrun`,
        `accelerate launch`, `deepspeed`); the options of the project modules the script
        imports count as its own.
        Scripts that use typer, fire, hydra or another framework whose options cannot be read
        without running them are not judged.

    How to fix:
        Define the option (`parser.add_argument("--epochs", type=int)`), or correct the README.

    Bad:
        README: `python train.py --epochs 10 --lr 3e-4`; `train.py` has no argument parser.

    Good:
        `train.py` calls `parser.add_argument("--epochs")` and `parser.add_argument("--lr")`.
    """
    readme = repo.readme
    if readme is None:
        raise Skip("no README", prerequisite="readme-present")
    judged: dict[tuple[str, tuple[str, ...]], Finding | None] = {}
    for command in readme_commands(repo, readme, follow_links):
        target = _script_and_options(repo, command)
        if target is None or (target[0], target[1]) in judged:
            continue
        script, options = target
        cli = _reach(repo, script)
        if cli.opaque:
            continue
        judged[(script, options)] = _judge(command, script, options, cli)
    if not judged:
        raise Skip("the README passes no options to the project's scripts")
    findings = [f for f in judged.values() if f is not None]
    summary = f"{len(judged) - len(findings)} of {len(judged)} documented commands' options exist"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(1 - len(findings) / len(judged), findings, summary)


def _judge(command: Command, script: str, options: Sequence[str], cli: CliFacts) -> Finding | None:
    if not cli.parses:
        shown = ", ".join(f"`{o}`" for o in options)
        message = f"`{command.text}` passes {shown}, but {script} reads no command-line arguments"
        return Finding.at(command.path, message, line=command.line, key=script)
    missing = [o for o in options if not _defined(o, cli.options)]
    if not missing:
        return None
    shown = ", ".join(f"`{o}`" for o in missing)
    message = f"`{command.text}` passes {shown}, which {script} never defines"
    return Finding.at(command.path, message, line=command.line, key=f"{script}:{missing[0]}")


def _defined(option: str, defined: Sequence[str]) -> bool:
    """Defined, or an abbreviation argparse accepts (`--epoch` for `--epochs`)."""
    return option in ALWAYS_DEFINED or any(d.startswith(option) for d in defined)


def _script_and_options(repo: Repo, command: Command) -> tuple[str, tuple[str, ...]] | None:
    """`python [opts] train.py --x 1` or `python -m pkg.mod --x`: the local file and its options."""
    words = command.words
    if not words or command.cwd is None:
        return None
    if words[0] in LAUNCHERS:  # `torchrun --nproc_per_node 2 train.py --epochs 3`
        index = next((i for i, w in enumerate(words) if w.endswith(".py")), len(words))
        module = None
    elif words[0] != "python":
        return None
    else:
        index, module = _python_target(words)
    if module is None and (index >= len(words) or not words[index].endswith(".py")):
        return None
    path = _locate(repo, command, words[index], module is not None)
    if path is None:
        return None
    options: list[str] = []
    for word in words[index + 1 :]:
        if word in COMMAND_END:
            break
        name = word.split("=", 1)[0]
        if LONG_OPTION.match(name) and name not in options:
            options.append(name)
    return (path, tuple(options)) if options else None


def _python_target(words: Sequence[str]) -> tuple[int, str | None]:
    """Index of the script (or of the module after `-m`) in `python [options] ...`."""
    index = 1
    module = None
    while index < len(words) and words[index].startswith("-"):
        if words[index] == "-m" and index + 1 < len(words):
            module = words[index + 1]
            index += 1
            break
        index += 2 if words[index] in PYTHON_VALUE_OPTIONS else 1
    return index, module


def _locate(repo: Repo, command: Command, word: str, module: bool) -> str | None:
    if module:
        stem = word.replace(".", "/")
        relative = [f"{stem}.py", f"{stem}/__main__.py"]
    else:
        relative = [word.replace("\\", "/").removeprefix("./")]
    folders = [command.cwd or "", posixpath.dirname(command.path)]
    for folder in folders:
        for name in relative:
            path = posixpath.normpath(posixpath.join(folder, name))
            if path in repo.by_path and path in repo.facts:
                return path
    return None


def _reach(repo: Repo, script: str) -> CliFacts:
    """The command-line facts of the script and the project modules it imports, merged."""
    seen = {script}
    pending = [script]
    options: set[str] = set()
    parses = opaque = False
    while pending and len(seen) <= MAX_REACH:
        path = pending.pop()
        facts = repo.facts.get(path)
        python = facts.python if facts is not None else None
        if python is None or python.parse_error is not None:
            continue
        options.update(python.cli.options)
        parses = parses or python.cli.parses
        opaque = opaque or python.cli.opaque
        for site in python.import_statements:
            for found in _imported_files(repo, path, site):
                if found not in seen:
                    seen.add(found)
                    pending.append(found)
    return CliFacts(tuple(sorted(options)), parses, opaque)


def _imported_files(repo: Repo, path: str, site: ImportStatement) -> list[str]:
    found = [module_file(repo, path, site)]
    for name in site.names:  # `from pkg import config`: config may be a module
        submodule = ImportStatement(f"{site.module}.{name}", (), site.line, site.level)
        found.append(module_file(repo, path, submodule))
    return [f for f in found if f is not None]
