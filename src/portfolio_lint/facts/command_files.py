"""Files a README command needs: `pip install -r X`, `python X.py`, `conda env create -f X`..."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portfolio_lint.facts.command_words import (
    LOCAL_PROGRAM,
    PROJECT_FILES,
    Script,
    program,
    runner_of,
)
from portfolio_lint.facts.commands import Command, strip_runner

PLACEHOLDER = re.compile(r"[<>{}$*?\[\]%|]|path/to|your[_-]|\.\.\.|^-")
DRIVE = re.compile(r"^[A-Za-z]:/")
# Item 3 (issue 11): arguments of a run command that name repository files.
CONFIG_PATH = re.compile(r"^[\w.\-/]+\.(?:ya?ml|toml|cfg|ini|conf|py|sh|ipynb)$", re.IGNORECASE)
JSON_CONFIG = re.compile(r"config|cfg|param|setting", re.IGNORECASE)
# Options whose value the command writes, not reads: `-o out.csv`, `--output-dir runs/`.
OUTPUT_OPTION = re.compile(
    r"^(?:-o|-O|--?\w*(?:out|save|dest|export|write|log|result|checkpoint|ckpt|artifact|cache)"
    r"[\w\-]*)$",
    re.IGNORECASE,
)
SHELL_OPERATORS = frozenset({"|", ">", ">>", "2>", "2>&1", "&>", "<", "tee"})
ARGUMENT_PROGRAMS = frozenset(
    {("python",), ("streamlit", "run"), ("chainlit", "run"), ("panel", "serve"), ("papermill",)}
)
APP_SERVERS = frozenset({"uvicorn", "gunicorn", "hypercorn", "fastapi"})
APP_TARGET = re.compile(r"^([A-Za-z_][\w.]*):[A-Za-z_]\w*(?:\(.*\))?$")
# Programs whose later arguments are files they create.
CREATES = frozenset({"touch", "mkdir", "cp", "mv", "copy", "ln", "wget", "curl"})


@dataclass(frozen=True)
class Reference:
    """A file a command needs: any of `candidates` (repository paths) must exist."""

    command: Command
    candidates: tuple[str, ...]
    shown: str  # as written in the README
    # required only when one of these exists (`python -m pkg.mod` when pkg/ is the project's)
    when: tuple[str, ...] = ()
    # found in any folder will do: an app server's module, imported from the folder a
    # Procfile or Dockerfile starts it in (`gunicorn app:app` for backend/app.py)
    any_folder: bool = False
    # a gitignored path will do: a config the reader writes (`--config configs/local.yaml`),
    # never a template the README copies from or a script it runs
    user_file: bool = False


@dataclass(frozen=True)
class Need:
    """Paths a command reads (alternatives), and when or how they may be absent."""

    alternatives: tuple[str, ...]
    when: tuple[str, ...] = ()
    any_folder: bool = False
    user_file: bool = False


def _leading(words: Sequence[str]) -> Sequence[str]:
    """The options (and their values) before the first positional argument."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 1 if "=" in words[index] else 2
    return words[:index]


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


def _words(command: Command) -> tuple[str, ...]:
    """The command's words, without a project runner (`poetry run python x.py` → `python x.py`)."""
    runner = runner_of(command.words)
    return strip_runner(command.words) if runner and runner.project_environment else command.words


def _needs(command: Command) -> Iterator[tuple[str, ...]]:
    """Paths (alternatives) the command reads, relative to the command's folder."""
    words = _words(command)
    found = program(words)
    reads = found[1].reads if found else None
    if found is None or reads is None:
        return
    key, args = found[0], words[len(found[0]) :]
    if len(args) < reads.min_arguments:
        return
    scanned = _leading(args) if reads.leading_options else args
    files = list(_option_value(scanned, *reads.options)) if reads.options else []
    yield from ((f,) for f in files)
    if reads.default and not files:
        yield reads.default
    if reads.project:
        yield from _project_folders(args)
    if reads.script is not None:
        script = words[0] if key == (LOCAL_PROGRAM,) else _script(reads.script, args)
        if script:
            yield (script,)


def _argument_needs(words: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Config and code files among the arguments of a script (`--config configs/base.yaml`)."""
    found = program(words)
    if found is None or found[0] not in ARGUMENT_PROGRAMS or found[1].reads is None:
        return
    key, args = found[0], words[len(found[0]) :]
    script = _script(found[1].reads.script, args) if found[1].reads.script else None
    if script or key != ("python",):
        after = args[args.index(script) + 1 :] if script in args else args
        yield from ((path,) for path in _argument_files(after))


def _argument_files(args: Sequence[str]) -> Iterator[str]:
    """Config and code files among a script's arguments, not the ones it writes."""
    previous = ""
    for word in args:
        if word in SHELL_OPERATORS:
            return
        option, _, value = word.partition("=") if word.startswith("-") else ("", "", word)
        name = option or previous
        previous = word if word.startswith("-") and not value else ""
        if not value or value.startswith("-") or OUTPUT_OPTION.match(name):
            continue
        if "=" in value or "://" in value:
            continue  # `key=value` overrides (Hydra), URLs
        is_json = value.lower().endswith(".json") and bool(JSON_CONFIG.search(name + value))
        if CONFIG_PATH.match(value.replace("\\", "/")) or is_json:
            yield value


def module_files(module: str) -> tuple[str, ...]:
    """Files that can hold `module` (`pkg.mod`): in the tree or under `src/`."""
    base = module.replace(".", "/")
    names = (f"{base}.py", f"{base}/__init__.py", f"{base}/__main__.py")
    return (*names, *(f"src/{name}" for name in names))


def _python_module(args: Sequence[str]) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """`python -m pkg.mod`: its files, needed when the top package `pkg` is in the tree."""
    if "-m" not in args:
        return
    index = args.index("-m") + 1
    module = args[index] if index < len(args) else ""
    top = module.split(".")[0]
    if "." in module and re.fullmatch(r"[A-Za-z_][\w.]*", module):
        yield module_files(module), (top, f"src/{top}")


def _app_module(args: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """`uvicorn api.main:app`: the module the app server imports (unless --app-dir moves it)."""
    if any(w.startswith(("--app-dir", "--chdir", "--factory")) for w in args):
        return
    target = next((m for w in args if (m := APP_TARGET.match(w))), None)
    if target is not None:
        yield module_files(target.group(1))


def _project_folders(args: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """`pip install .` or `-e DIR[extras]`: the project files of that folder (not URLs)."""
    editable = list(_option_value(args, "-e", "--editable"))
    for target in [w for w in args if w in (".", "./")] + editable:
        if "://" not in target and not target.startswith("git+"):
            folder = target.split("[")[0].rstrip("/") or "."
            yield tuple(posixpath.join(folder, name) for name in PROJECT_FILES)


def _script(script: Script, args: Sequence[str]) -> str | None:
    """The argument that names the file a command reads, if it has the expected name."""
    if any(option in _leading(args) for option in script.unless):
        return None  # `python -m X`, `python -c ...`: not `python x.py -c cfg.toml`
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
    words = _words(command)
    needs = [Need(a) for a in _needs(command)]
    needs += [Need(a, user_file=True) for a in _argument_needs(words)]
    if words[:1] == ("python",):
        needs += [Need(m, when=w) for m, w in _python_module(words[1:])]
    if words[:1] and words[0] in APP_SERVERS:
        needs += [Need(a, any_folder=True) for a in _app_module(words[1:])]
    for need in needs:
        paths: list[str] = []  # root-relative first: the finding names candidates[0]
        for raw in need.alternatives:
            cleaned = raw.replace("\\", "/").strip("'\"")
            absolute = cleaned.startswith(("/", "~")) or DRIVE.match(cleaned)
            if not cleaned or PLACEHOLDER.search(cleaned) or absolute:
                break
            joined = posixpath.normpath(posixpath.join(command.cwd, cleaned))
            if joined.startswith("..") or joined == ".":  # `./` is the folder itself
                break
            paths.append(joined)
        else:
            extra = [posixpath.join(folder, p) for p in paths] if folder else []
            if paths:
                candidates = tuple(dict.fromkeys([*paths, *extra]))
                anchors = [posixpath.normpath(posixpath.join(command.cwd, w)) for w in need.when]
                anchors += [posixpath.join(folder, w) for w in anchors] if folder else []
                shown = need.alternatives[0]
                found.append(
                    Reference(
                        command, candidates, shown, tuple(anchors), need.any_folder, need.user_file
                    )
                )
    return found


def created_files(command: Command) -> list[str]:
    """Files and folders a command creates (`cp a.example a`, `mkdir data`, `-o out.csv`)."""
    words = _words(command)
    made: list[str] = []
    if words[:1] and words[0] in CREATES:
        positional = [w for w in words[1:] if not w.startswith("-")]
        made.extend(positional[-1:] if words[0] in ("cp", "mv", "copy", "ln") else positional)
    for index, word in enumerate(words[:-1]):
        if word in (">", ">>") or OUTPUT_OPTION.match(word.split("=")[0]):
            made.append(words[index + 1])
    for word in words:
        if word.startswith("-") and "=" in word and OUTPUT_OPTION.match(word.split("=")[0]):
            made.append(word.split("=", 1)[1])
    return [posixpath.normpath(w.replace("\\", "/")) for w in made if w and "://" not in w]
