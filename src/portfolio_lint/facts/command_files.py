"""Files a README command needs: `pip install -r X`, `python X.py`, `conda env create -f X`..."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portfolio_lint.facts.command_words import LOCAL_PROGRAM, PROJECT_FILES, Script, program
from portfolio_lint.facts.commands import Command

PLACEHOLDER = re.compile(r"[<>{}$*?\[\]%|]|path/to|your[_-]|\.\.\.|^-")


@dataclass(frozen=True)
class Reference:
    """A file a command needs: any of `candidates` (repository paths) must exist."""

    command: Command
    candidates: tuple[str, ...]
    shown: str  # as written in the README


def _option_value(words: Sequence[str], *names: str) -> Iterator[str]:
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                yield words[index + 1]
            elif word.startswith(name + "=") and name.startswith("--"):
                yield word.split("=", 1)[1]
            elif (
                name in ("-r", "-c", "-f")
                and word.startswith(name)
                and len(word) > 2
                and word[2] != "-"
            ):
                yield word[2:]


def _first_positional(words: Sequence[str]) -> str | None:
    return next((w for w in words if not w.startswith("-")), None)


def _needs(command: Command) -> Iterator[tuple[str, ...]]:
    """Paths (alternatives) the command reads, relative to the command's folder."""
    found = program(command.words)
    reads = found[1].reads if found else None
    if found is None or reads is None:
        return
    key, args = found[0], command.words[len(found[0]) :]
    if len(args) < reads.min_arguments:
        return
    files = list(_option_value(args, *reads.options)) if reads.options else []
    yield from ((f,) for f in files)
    if reads.default and not files:
        yield reads.default
    if reads.project:
        yield from _project_folders(args)
    if reads.script is not None:
        script = command.words[0] if key == (LOCAL_PROGRAM,) else _script(reads.script, args)
        if script:
            yield (script,)


def _project_folders(args: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """`pip install .` or `-e DIR[extras]`: the project files of that folder (not URLs)."""
    editable = list(_option_value(args, "-e", "--editable"))
    for target in [w for w in args if w in (".", "./")] + editable:
        if "://" not in target and not target.startswith("git+"):
            folder = target.split("[")[0].rstrip("/") or "."
            yield tuple(posixpath.join(folder, name) for name in PROJECT_FILES)


def _script(script: Script, args: Sequence[str]) -> str | None:
    """The argument that names the file a command reads, if it has the expected name."""
    if any(option in args for option in script.unless):
        return None
    if script.anywhere:
        word = next((w for w in args if w.endswith(script.suffixes)), None)
    else:
        word = _first_positional(args)
    if word is None or not word.endswith(script.suffixes or ("",)):
        return None
    return word if script.pattern is None or script.pattern.search(word) else None


def references(command: Command) -> list[Reference]:
    """Repository files `command` needs; commands run from an unknown folder need none we know.

    A command in a document below the root (`house-prices/README.md`) may run from the
    repository root or from the document's own folder: either place satisfies it.
    """
    if command.cwd is None:
        return []
    folder = posixpath.dirname(command.path)
    found: list[Reference] = []
    for alternatives in _needs(command):
        paths: list[str] = []  # root-relative first: the finding names candidates[0]
        for raw in alternatives:
            cleaned = raw.replace("\\", "/").strip("'\"")
            if not cleaned or PLACEHOLDER.search(cleaned) or cleaned.startswith(("/", "~")):
                break
            joined = posixpath.normpath(posixpath.join(command.cwd, cleaned))
            if joined.startswith(".."):
                break
            paths.append(joined)
        else:
            extra = [posixpath.join(folder, p) for p in paths] if folder else []
            if paths:
                candidates = tuple(dict.fromkeys([*paths, *extra]))
                found.append(Reference(command, candidates, alternatives[0]))
    return found
