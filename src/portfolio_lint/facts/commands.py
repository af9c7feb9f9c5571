"""Shell commands a README shows (code blocks, inline code, notebook `!pip`), as plain values."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from portfolio_lint.facts.command_words import RUNNER_VALUE_OPTIONS, WRAPPERS, runner_of
from portfolio_lint.facts.readme import CodeBlock, Readme

SHELL_INFOS = frozenset(
    {
        "",
        "bash",
        "sh",
        "shell",
        "zsh",
        "fish",
        "console",
        "shell-session",
        "shellsession",
        "terminal",
        "cmd",
        "bat",
        "batch",
        "powershell",
        "ps1",
        "pwsh",
        "ps",
        "text",
        "txt",
        "plaintext",
        "plain",
        "none",
        "commandline",
        "command",
        "cli",
        "bash-session",
        "dos",
    }
)
PYTHON_INFOS = frozenset({"python", "py", "python3", "ipython", "ipython3", "jupyter", "pycon"})
PROMPT = re.compile(
    r"^(?:\([\w.\- ]+\)\s*)?"  # an active environment: (venv)
    r"(?:PS [^>]*>|[A-Za-z]:\\[^>]*>|[\w.\-]+@[\w.\-]+(?::[^$#]*)?[$#]|[$>%❯➜])\s*"
)
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
# No `\s*` around the operators: it made split() quadratic in a run of spaces (parts are
# stripped by the callers).
SEPARATORS = re.compile(r"&&|\|\||;")
PYTHON_NAME = re.compile(r"^(?:python(?:\d(?:\.\d+)?)?|py)(?:\.exe)?$", re.IGNORECASE)
PIP_NAME = re.compile(r"^pip(?:\d(?:\.\d+)?)?(?:\.exe)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Command:
    """One command: normalised words (`python3` → `python`, prompts and `sudo` gone) and origin."""

    words: tuple[str, ...]
    text: str
    path: str
    line: int
    cwd: str | None = ""  # folder a preceding `cd` moved to; None when unknown

    def starts_with(self, prefix: Sequence[str]) -> bool:
        """Whether the command begins with the words of `prefix`."""
        return tuple(self.words[: len(prefix)]) == tuple(prefix)


def normalise(words: Sequence[str]) -> tuple[str, ...]:
    """Drop wrappers and variable assignments; canonical names for python, pip, compose."""
    rest = list(words)
    while rest and (rest[0] in WRAPPERS or ASSIGNMENT.match(rest[0])):
        rest.pop(0)
    if not rest:
        return ()
    program = rest[0].replace("\\", "/")
    name = program.rsplit("/", 1)[-1] if program.startswith((".venv", "venv", "env/")) else program
    if PYTHON_NAME.match(name):
        rest[0] = "python"
    elif PIP_NAME.match(name):
        rest[0] = "pip"
    elif name == "docker-compose":
        rest[0:1] = ["docker", "compose"]
    if rest[:2] == ["python", "-m"] and len(rest) > 2 and PIP_NAME.match(rest[2]):
        rest[0:3] = ["pip"]
    return tuple(rest)


def strip_runner(words: Sequence[str]) -> tuple[str, ...]:
    """`poetry run pytest -q` → `pytest -q`; `conda run -n env python -m pytest` likewise."""
    rest = tuple(words)
    for _ in range(3):
        runner = runner_of(rest)
        if runner is None:
            break
        rest = rest[len(runner.words) :]
        while rest and rest[0].startswith("-"):
            option = rest[0]
            rest = rest[1:]
            if option in RUNNER_VALUE_OPTIONS and rest:
                rest = rest[1:]
        if runner.takes_argument and rest:
            rest = rest[1:]  # the duration
        rest = normalise(rest)
    return rest


def split_words(text: str) -> list[str]:
    """Shell-like word split that never raises on unbalanced quotes."""
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return text.split()


def _logical_lines(content: str) -> Iterator[tuple[int, str]]:
    """Lines with `\\`, `^` and backtick continuations joined, numbered from 0."""
    pending: list[str] = []
    start = 0
    for index, raw in enumerate(content.splitlines()):
        if not pending:
            start = index
        stripped = raw.rstrip()
        if stripped.endswith(("\\", " ^", " `")):
            pending.append(stripped[:-1])
            continue
        pending.append(stripped)
        yield start, " ".join(pending)
        pending = []
    if pending:
        yield start, " ".join(pending)


def _command_text(line: str, python_block: bool) -> str | None:
    """The shell command on a line, or None (comments, REPL input, plain Python)."""
    text = line.strip()
    if text.startswith((">>>", "...", "In [")):
        return None
    if text.startswith(("!", "%")) and not text.startswith("%%"):
        return text[1:].strip()
    if python_block:
        return None
    return PROMPT.sub("", text, count=1).strip()


def block_commands(block: CodeBlock, path: str) -> Iterator[tuple[int, str]]:
    """(line, command text) pairs of one code block, if it holds shell commands at all."""
    info = block.info.split()[0].lower().strip("{}.") if block.info.strip() else ""
    python_block = info in PYTHON_INFOS
    if not (python_block or info in SHELL_INFOS):
        return
    for offset, line in _logical_lines(block.content):
        text = _command_text(line, python_block)
        if not text:
            continue
        for part in SEPARATORS.split(text):
            if part.strip():
                yield block.content_line + offset, part.strip()


def document_commands(doc: Readme, is_dir: Callable[[str], bool]) -> list[Command]:
    """Every command of a document, with the folder earlier `cd` commands moved into."""
    commands: list[Command] = []
    cwd: str | None = ""
    cloned = False
    for block in doc.code_blocks:
        for line, text in block_commands(block, doc.path):
            words = normalise(split_words(text))
            if not words:
                continue
            if words[0] == "git" and words[1:2] == ("clone",):
                cloned = True
            if words[0] in ("cd", "pushd") and not block.inline:
                cwd = _change_dir(cwd, words[1:2], is_dir, cloned)
                continue
            commands.append(Command(words, text, doc.path, line, cwd))
    return commands


def _change_dir(
    cwd: str | None, target: Sequence[str], is_dir: Callable[[str], bool], cloned: bool
) -> str | None:
    if not target or cwd is None:
        return cwd if target else ""
    folder = target[0].replace("\\", "/").rstrip("/")
    if folder.startswith(("/", "~", "$", "-")):
        return None
    joined = posixpath.normpath(posixpath.join(cwd, folder))
    if joined in (".", ""):
        return ""
    if not joined.startswith("..") and is_dir(joined):
        return joined
    # `git clone URL && cd project`: the folder is the repository itself
    return "" if cloned and "/" not in folder else None
