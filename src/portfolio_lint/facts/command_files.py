"""Files a README command needs: `pip install -r X`, `python X.py`, `conda env create -f X`..."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portfolio_lint.facts.commands import Command

PLACEHOLDER = re.compile(r"[<>{}$*?\[\]%|]|path/to|your[_-]|\.\.\.|^-")
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")
MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
ENVIRONMENT_FILES = ("environment.yml", "environment.yaml")
COPY_SOURCE = re.compile(r"example|sample|template|dist|default|\.env", re.IGNORECASE)
SCRIPT_RUNNERS = {"streamlit": "run", "chainlit": "run", "panel": "serve", "bentoml": "serve"}
NOTEBOOK_RUNNERS = ("jupyter", "voila", "papermill")


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
    words = command.words
    args = words[1:]
    if words[:2] == ("pip", "install") or words[:3] == ("uv", "pip", "install"):
        for value in _option_value(args, "-r", "--requirement", "-c", "--constraint"):
            yield (value,)
        editable = list(_option_value(args, "-e", "--editable"))
        targets = [w for w in args if w in (".", "./")] + editable
        for target in targets:
            if "://" not in target and not target.startswith("git+"):
                folder = target.split("[")[0].rstrip("/") or "."
                yield tuple(posixpath.join(folder, name) for name in PROJECT_FILES)
    elif words[0] in ("conda", "mamba", "micromamba"):
        files = list(_option_value(args, "-f", "--file"))
        yield from ((f,) for f in files)
        if not files and words[1:3] == ("env", "create"):
            yield ENVIRONMENT_FILES
    elif words[:2] == ("docker", "compose"):
        files = list(_option_value(args, "-f", "--file"))
        yield from ((f,) for f in files)
        if not files and len(words) > 2 and words[2] in ("up", "build", "run"):
            yield COMPOSE_FILES
    elif words[:2] == ("docker", "build"):
        yield from ((f,) for f in _option_value(args, "-f", "--file"))
    elif words[0] == "make" and len(words) > 0:
        yield MAKEFILES
    elif words[0] == "python":
        rest = [w for w in args if not w.startswith("-")]
        if rest and "-m" not in args and "-c" not in args and rest[0].endswith((".py", ".pyw")):
            yield (rest[0],)
    elif words[0] in ("bash", "sh", "zsh") or words[0].startswith("./"):
        script = words[0] if words[0].startswith("./") else _first_positional(args)
        if script:
            yield (script,)
    elif words[0] in ("cp", "copy", "mv") and len(args) >= 2:
        source = _first_positional(args)
        if source and COPY_SOURCE.search(source):
            yield (source,)
    elif SCRIPT_RUNNERS.get(words[0]) == (words[1] if len(words) > 1 else None):
        script = _first_positional(words[2:])
        if script and script.endswith(".py"):
            yield (script,)
    elif words[0] in NOTEBOOK_RUNNERS:
        notebook = next((w for w in args if w.endswith(".ipynb")), None)
        if notebook:
            yield (notebook,)


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
