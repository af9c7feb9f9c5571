"""Shell commands a README shows (code blocks, inline code, notebook `!pip`), as plain values."""

from __future__ import annotations

import itertools
import posixpath
import re
import shlex
from collections import Counter
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
# A backslash between path characters: `scripts\run.py`, `.\venv\Scripts\activate` (Windows).
WINDOWS_SEPARATOR = re.compile(r"(?<=[\w.~:])\\(?=[\w.])")
# Item 3 (issue 11): commands written as plain text lines, list items, or in a mislabelled block.
# Only these programs start a plain line, and only lines free of English function words.
# What may follow each program for a plain line to be its command (None: a script or target).
PLAIN_PROGRAMS: dict[str, frozenset[str] | None] = {
    "pip": frozenset({"install", "uninstall", "freeze", "download", "sync"}),
    "poetry": frozenset({"install", "run", "shell", "add", "lock", "build", "sync"}),
    "uv": frozenset({"sync", "run", "pip", "venv", "add", "lock", "tool"}),
    "conda": frozenset({"create", "env", "install", "activate", "run", "update"}),
    "pipenv": frozenset({"install", "run", "shell", "sync"}),
    "pdm": frozenset({"install", "run", "sync"}),
    "hatch": frozenset({"run", "env", "shell"}),
    "pixi": frozenset({"install", "run"}),
    "docker": frozenset({"build", "run", "compose", "pull", "exec", "load"}),
    "docker-compose": frozenset({"up", "down", "build", "run", "logs", "exec", "-f"}),
    "npm": frozenset({"install", "ci", "run", "start", "test"}),
    "yarn": frozenset({"install", "run", "start", "dev", "build"}),
    "pnpm": frozenset({"install", "run", "start", "dev", "build"}),
    "jupyter": frozenset({"notebook", "lab", "nbconvert", "execute"}),
    "streamlit": frozenset({"run"}),
    "chainlit": frozenset({"run"}),
    "panel": frozenset({"serve"}),
    "bentoml": frozenset({"serve", "build"}),
    "flask": frozenset({"run", "--app"}),
    "fastapi": frozenset({"run", "dev"}),
    "kedro": frozenset({"run"}),
    "dvc": frozenset({"repro", "pull", "exp", "init"}),
    "mlflow": frozenset({"run", "ui", "server"}),
    "accelerate": frozenset({"launch"}),
    **dict.fromkeys(("python", "make", "bash", "sh", "uvicorn", "gunicorn")),
    **dict.fromkeys(("torchrun", "papermill", "voila", "pytest", "gradio", "mamba")),
}
SCRIPT_LIKE = re.compile(r"^(?:-[\w-]+|[\w.\-/\\]+\.(?:py|sh|ipynb)|[\w.]+:[\w()]+)$")
MAKE_GOAL = re.compile(r"^[a-z0-9][\w.\-]*$")
PROSE_WORDS = frozenset(
    {
        "a", "an", "the", "to", "and", "or", "is", "are", "be", "of", "for", "with", "in", "on",
        "your", "you", "this", "that", "it", "its", "then", "first", "will", "can", "by", "from",
        "sure", "as", "if", "we", "our", "which", "was", "were", "has", "have", "not", "all",
        "using", "used", "use", "into", "also", "like", "should", "must", "version", "project",
    }
)  # fmt: skip
LEAD_IN = re.compile(
    r"^(?:(?:then|and|now|next)\s+)?(?:run|execute|type|install with)\s*(?::\s*|\s(?=\S))", re.I
)
LIST_MARKER = re.compile(r"^(?:[-*+•]|\d+[.)])\s+")


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
    program = rest[0].replace("\\", "/").removeprefix("./")
    in_venv = program.startswith((".venv/", "venv/", "env/", ".env/"))
    name = program.rsplit("/", 1)[-1] if in_venv else rest[0].replace("\\", "/")
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


def readme_words(text: str) -> list[str]:
    """Words of a README command; Windows paths (`scripts\\run.py`) read with `/`."""
    return split_words(WINDOWS_SEPARATOR.sub("/", text))


def plain_command(line: str) -> str | None:
    """The command a line of text is, if the whole line is one: `poetry install`, `1. make dev-up`.

    Strict on purpose: the first word is a known program written in lower case, the line has
    at least two words, none of them an English function word ("pip install the deps") or a
    capitalised word, and it does not end like a sentence.
    """
    text = LEAD_IN.sub("", LIST_MARKER.sub("", PROMPT.sub("", line.strip(), count=1)))
    text = text.strip().strip("`").rstrip(":;,")
    words = text.split()
    if len(words) < 2 or len(text) > 200 or not _plain_start(words[0], words[1]):
        return None
    if text.endswith(".") and not text.endswith((" .", "/.")):
        return None  # a sentence: "make test-cov writes coverage artifacts."
    for previous, word in itertools.pairwise(words):
        if word.lower().strip(",.;:!?()") in PROSE_WORDS or word.startswith("("):
            return None
        if word in ("-", "–", "—") or (
            word.isalpha() and word[0].isupper() and not previous.startswith("-")
        ):
            return None  # "pip (Python package installer)", "docker Desktop"
    return text


def _plain_start(first: str, second: str) -> bool:
    """Whether a line's first two words start a command: `pip install`, `python app.py`."""
    if not first[:1].islower():
        return False  # "Python 3.10", "Docker Desktop": prose
    first = "pip" if PIP_NAME.match(first) else "python" if PYTHON_NAME.match(first) else first
    if first not in PLAIN_PROGRAMS:
        return False
    expected = PLAIN_PROGRAMS[first]
    if expected is not None:
        return second in expected
    if first == "make":
        return bool(MAKE_GOAL.match(second))
    return bool(SCRIPT_LIKE.match(second)) or first == "pytest"


def split_words(text: str) -> list[str]:
    """Shell-like word split that never raises on unbalanced quotes."""
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return text.split()


SHELL_CONTINUATIONS = ("\\",)
# README blocks also hold Windows commands: cmd's ` ^` and PowerShell's backtick continue a line.
README_CONTINUATIONS = ("\\", " ^", " `")


def logical_lines(
    content: str, continuations: tuple[str, ...] = SHELL_CONTINUATIONS
) -> Iterator[tuple[int, str]]:
    """(0-based line, text) with continued lines joined (a line ending in a `continuations`
    marker goes on on the next one; the marker's last character is dropped)."""
    pending: list[str] = []
    start = 0
    for index, raw in enumerate(content.splitlines()):
        if not pending:
            start = index
        stripped = raw.rstrip()
        if stripped.endswith(continuations):
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
        # `python train.py` in a block labelled python: a command, never valid Python
        return plain_command(text)
    return PROMPT.sub("", text, count=1).strip()


def block_commands(block: CodeBlock) -> Iterator[tuple[int, str]]:
    """(line, command text) pairs of one code block, if it holds shell commands at all."""
    info = block.info.split()[0].lower().strip("{}.") if block.info.strip() else ""
    python_block = info in PYTHON_INFOS
    if not (python_block or info in SHELL_INFOS):
        return
    for offset, line in logical_lines(block.content, README_CONTINUATIONS):
        text = _command_text(line, python_block)
        if not text:
            continue
        for part in SEPARATORS.split(text):
            if part.strip():
                yield block.content_line + offset, part.strip()


def document_commands(doc: Readme, is_dir: Callable[[str], bool]) -> list[Command]:
    """Every command of a document, with the folder earlier `cd` commands moved into.

    `cd frontend && npm install` moves only that line's commands: the one-shot idiom of a
    second terminal, not a step the rest of the README runs from.
    """
    commands: list[Command] = []
    cwd: str | None = ""
    cloned = False
    found = list(_ordered_commands(doc))
    per_line = Counter(line for _, line, _ in found)
    restore: tuple[int, str | None] | None = None  # (line of a one-shot cd, folder before it)
    for block, line, text in found:
        if restore is not None and line != restore[0]:
            cwd, restore = restore[1], None
        words = normalise(readme_words(text))
        if not words:
            continue
        if words[0] == "git" and words[1:2] == ("clone",):
            cloned = True
        if words[0] in ("cd", "pushd") and not block.inline:
            if cwd and _fresh_terminal(cwd, words[1:2], is_dir):
                cwd = ""  # `cd backend` that only makes sense from the root: a new terminal
            if per_line[line] > 1 and restore is None:
                restore = (line, cwd)
            cwd = _change_dir(cwd, words[1:2], is_dir, cloned)
            continue
        commands.append(Command(words, text, doc.path, line, cwd))
    return commands


def _ordered_commands(doc: Readme) -> Iterator[tuple[CodeBlock, int, str]]:
    """Commands of code blocks and of plain text lines, in document order.

    A text line is taken only when no code block (an inline span) already gave a command on
    that line: "- `poetry install`" is one command, not two.
    """
    found = [
        (line, block, text) for block in doc.code_blocks for line, text in block_commands(block)
    ]
    lines = {line for line, _, _ in found}
    for text_block in doc.blocks:
        if text_block.kind != "paragraph":
            continue
        for offset, raw in enumerate(text_block.text.split("\n")):
            line = text_block.line + offset
            command = plain_command(raw) if line not in lines else None
            if command is not None:
                found.append((line, CodeBlock("", command, line, inline=True), command))
    found.sort(key=lambda item: item[0])
    for line, block, text in found:
        yield block, line, text


def _fresh_terminal(cwd: str, target: Sequence[str], is_dir: Callable[[str], bool]) -> bool:
    """Whether `cd TARGET` names a folder of the root but not of the current folder."""
    folder = target[0].replace("\\", "/").rstrip("/") if target else ""
    if not folder or folder.startswith(("/", "~", "$", "-", "..")):
        return False
    return not is_dir(posixpath.join(cwd, folder)) and is_dir(posixpath.normpath(folder))


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
