"""The one table of command words: what a program, a runner or a wrapper means.

Three readers interpret it: `command_kinds` (does a README command install or run the
project?), `command_files` (which repository files does it read?) and `testing_commands`
(does it run tests?). A new tool is a new row here, not a new branch in each of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

# -- words around the command ----------------------------------------------------------------

# Programs that run the rest of the line as a command of its own.
WRAPPERS = frozenset({"sudo", "time", "nohup", "exec", "env", "command", "noglob"})
# Shells and the words that run a script in the current shell.
SHELLS = frozenset({"bash", "sh", "zsh", "source", "."})
SCRIPT_SHELLS = frozenset({"bash", "sh", "zsh"})  # these start a script in a new shell


@dataclass(frozen=True)
class Runner:
    """A prefix that runs the command after it in a managed environment (`poetry run X`)."""

    words: tuple[str, ...]
    takes_argument: bool = False  # `timeout 60 X`: a value before the command
    # runs the command in the project's environment (`poetry run`), not a published tool in
    # a throwaway one (`uvx`) or under a plain wrapper (`timeout 60`)
    project_environment: bool = True


RUNNERS: tuple[Runner, ...] = (
    Runner(("poetry", "run")),
    Runner(("uv", "run")),
    Runner(("pipenv", "run")),
    Runner(("pdm", "run")),
    Runner(("hatch", "run")),
    Runner(("rye", "run")),
    Runner(("pixi", "run")),
    Runner(("conda", "run")),
    Runner(("mamba", "run")),
    Runner(("micromamba", "run")),
    Runner(("uvx",), project_environment=False),
    Runner(("pipx", "run"), project_environment=False),
    Runner(("xvfb-run",), project_environment=False),
    Runner(("timeout",), takes_argument=True, project_environment=False),
)
# Runner options followed by a value (`conda run -n env X`, `uv run --with rich X`).
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


def runner_of(words: Sequence[str]) -> Runner | None:
    """The runner `words` start with, if any."""
    return next((r for r in RUNNERS if tuple(words[: len(r.words)]) == r.words), None)


# -- files a command reads -------------------------------------------------------------------

PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
ENVIRONMENT_FILES = ("environment.yml", "environment.yaml")
COMPOSE_FILES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")
MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
COPY_SOURCE = re.compile(r"example|sample|template|dist|default|\.env", re.IGNORECASE)
TASK_RUNNERS = ("just", "task", "invoke", "inv", "doit", "poe")  # besides make
# `./run.sh`: the program word itself is a script of the repository.
LOCAL_PROGRAM = "./"


@dataclass(frozen=True)
class Script:
    """Which argument names a file the command reads."""

    suffixes: tuple[str, ...] = ()  # it must end with one of these (empty: any name)
    pattern: re.Pattern[str] | None = None  # ...and match this
    anywhere: bool = False  # any argument, not only the first positional one
    unless: tuple[str, ...] = ()  # none when one of these options is given (`python -m X`)


@dataclass(frozen=True)
class Reads:
    """Repository files a command reads, relative to the folder it runs in."""

    options: tuple[str, ...] = ()  # options whose value is a file: `-r FILE`, `--file=FILE`
    default: tuple[str, ...] = ()  # alternatives read when no option names a file
    script: Script | None = None
    project: bool = False  # `.` or `-e DIR` installs the project files of that folder
    min_arguments: int = 0
    leading_options: bool = False  # options only before the first positional (`compose -f`)


class HowTestsRun(Enum):
    """How a program's arguments say whether it runs tests."""

    ALWAYS = "always"  # pytest, nose2...: unless it only prints its version or help
    PYTHON = "python"  # `-m pytest`, a test script, `setup.py test`
    SUBCOMMAND = "subcommand"  # `coverage run`, `hatch test`, `npm test`, `npm run test:unit`
    ENVIRONMENTS = "environments"  # tox/nox: unless every selected env is a lint env
    CONTAINER = "container"  # docker: a test program inside the container's command
    TASKS = "tasks"  # make/just/invoke: a test target (make followed into the Makefile)
    SCRIPT = "script"  # a shell script: its commands, or a test-like name


@dataclass(frozen=True)
class Program:
    """What a command means, by the words it starts with."""

    reads: Reads | None = None
    tests: HowTestsRun | None = None
    subcommands: tuple[str, ...] = ()  # for HowTestsRun.SUBCOMMAND: the ones that run tests
    named_run: bool = False  # for HowTestsRun.SUBCOMMAND: `run TARGET` runs tests by its name


def _conda(name: str) -> dict[tuple[str, ...], Program]:
    files = ("-f", "--file")
    return {
        (name,): Program(Reads(options=files)),
        (name, "env", "create"): Program(Reads(options=files, default=ENVIRONMENT_FILES)),
    }


def _compose(*words: str) -> dict[tuple[str, ...], Program]:
    files = ("-f", "--file")
    # `docker compose -f x.yml logs`, but `docker compose logs -f api` follows a service's log
    container = Program(Reads(options=files, leading_options=True), HowTestsRun.CONTAINER)
    table = {words: container}
    for action in ("up", "build", "run"):
        key = (*words, action)
        table[key] = Program(Reads(options=files, default=COMPOSE_FILES), HowTestsRun.CONTAINER)
    return table


_PIP_INSTALL = Program(Reads(options=("-r", "--requirement", "-c", "--constraint"), project=True))
_APP_SCRIPT = Program(Reads(script=Script(suffixes=(".py",))))
_NOTEBOOK = Program(Reads(script=Script(suffixes=(".ipynb",), anywhere=True)))
_COPY = Program(Reads(script=Script(pattern=COPY_SOURCE), min_arguments=2))
_SHELL_SCRIPT = Program(Reads(script=Script()), HowTestsRun.SCRIPT)
_PACKAGE_SCRIPTS = Program(tests=HowTestsRun.SUBCOMMAND, subcommands=("test",), named_run=True)

PROGRAMS: Mapping[tuple[str, ...], Program] = {
    ("pip", "install"): _PIP_INSTALL,
    ("uv", "pip", "install"): _PIP_INSTALL,
    **_conda("conda"),
    **_conda("mamba"),
    **_conda("micromamba"),
    **_compose("docker", "compose"),
    **_compose("docker-compose"),
    ("docker",): Program(tests=HowTestsRun.CONTAINER),
    ("docker", "build"): Program(Reads(options=("-f", "--file")), HowTestsRun.CONTAINER),
    ("make",): Program(Reads(default=MAKEFILES), HowTestsRun.TASKS),
    **{(runner,): Program(tests=HowTestsRun.TASKS) for runner in TASK_RUNNERS},
    ("python",): Program(
        Reads(script=Script(suffixes=(".py", ".pyw"), unless=("-m", "-c"))), HowTestsRun.PYTHON
    ),
    **{(shell,): _SHELL_SCRIPT for shell in SCRIPT_SHELLS},
    ("source",): Program(tests=HowTestsRun.SCRIPT),
    (".",): Program(tests=HowTestsRun.SCRIPT),
    (LOCAL_PROGRAM,): _SHELL_SCRIPT,
    ("cp",): _COPY,
    ("copy",): _COPY,
    ("mv",): _COPY,
    ("streamlit", "run"): _APP_SCRIPT,
    ("chainlit", "run"): _APP_SCRIPT,
    ("panel", "serve"): _APP_SCRIPT,
    ("bentoml", "serve"): _APP_SCRIPT,
    ("jupyter",): _NOTEBOOK,
    ("voila",): _NOTEBOOK,
    ("papermill",): _NOTEBOOK,
    **{
        (name,): Program(tests=HowTestsRun.ALWAYS)
        for name in ("pytest", "py.test", "nosetests", "nose2", "ward", "green", "behave")
    },
    ("coverage",): Program(tests=HowTestsRun.SUBCOMMAND, subcommands=("run",)),
    ("hatch",): Program(tests=HowTestsRun.SUBCOMMAND, subcommands=("test",)),
    ("npm",): _PACKAGE_SCRIPTS,
    ("yarn",): _PACKAGE_SCRIPTS,
    ("pnpm",): _PACKAGE_SCRIPTS,
    ("tox",): Program(tests=HowTestsRun.ENVIRONMENTS),
    ("nox",): Program(tests=HowTestsRun.ENVIRONMENTS),
}
LONGEST_PREFIX = max(len(words) for words in PROGRAMS)


def program(words: Sequence[str]) -> tuple[tuple[str, ...], Program] | None:
    """The longest prefix of `words` in the table, and what it means.

    A program word starting with `./` is looked up as `./` (a script of the repository)
    when the table does not know the word itself.
    """
    if not words:
        return None
    keys = [tuple(words[:length]) for length in range(min(len(words), LONGEST_PREFIX), 0, -1)]
    if words[0].startswith(LOCAL_PROGRAM) and (words[0],) not in PROGRAMS:
        keys.append((LOCAL_PROGRAM,))
    return next(((key, PROGRAMS[key]) for key in keys if key in PROGRAMS), None)


# -- installing and running the project (README commands) ------------------------------------

INSTALL_COMMANDS: tuple[str, ...] = (
    "pip install",
    "pip-sync",
    "conda install",
    "conda create",
    "conda env create",
    "conda env update",
    "mamba install",
    "mamba create",
    "mamba env create",
    "mamba env update",
    "micromamba install",
    "micromamba create",
    "micromamba env create",
    "conda-lock install",
    "poetry install",
    "poetry add",
    "uv sync",
    "uv pip install",
    "uv pip sync",
    "uv add",
    "pipenv install",
    "pipenv sync",
    "pdm install",
    "pdm sync",
    "hatch env create",
    "pixi install",
    "rye sync",
    "python setup.py install",
    "python setup.py develop",
    "docker build",
    "docker pull",
    "docker compose build",
    "docker compose up",
    "make install",
    "make setup",
    "make env",
    "make venv",
    "make deps",
    "make dependencies",
    "make requirements",
    "make init",
    "make environment",
    "make dev",
    "make build",
    "make",
)
RUN_COMMANDS: tuple[str, ...] = (
    "streamlit run",
    "uvicorn",
    "gunicorn",
    "flask run",
    "fastapi run",
    "fastapi dev",
    "jupyter notebook",
    "jupyter lab",
    "jupyter nbconvert",
    "jupyter execute",
    "papermill",
    "voila",
    "gradio",
    "panel serve",
    "chainlit run",
    "bentoml serve",
    "mlflow run",
    "dvc repro",
    "dvc exp run",
    "kedro run",
    "torchrun",
    "accelerate launch",
    "deepspeed",
    "docker run",
    "docker compose up",
    "docker compose run",
    "lightning run",
    "dagster dev",
    "airflow",
    "Rscript",
    "npm start",
    "npm run",
    "yarn start",
    "node",
    "java -jar",
    "cargo run",
    "go run",
)
# Programs (or `python -m` modules) that set up or check a project, never run it.
NOT_RUNNING = frozenset(
    {
        "pip",
        "venv",
        "virtualenv",
        "ensurepip",
        "build",
        "twine",
        "pytest",
        "unittest",
        "spacy",
        "nltk.downloader",
        "ipykernel",
        "pre_commit",
        "pre-commit",
        "black",
        "ruff",
        "flake8",
        "mypy",
        "isort",
        "coverage",
        "tox",
        "nox",
        "pylint",
        "setup.py",
    }
)
PACKAGING_ONLY = frozenset({"pip", "setuptools", "wheel", "uv", "pip-tools"})
INSTALLING_SCRIPT = re.compile(r"install|setup|requirement|bootstrap|(^|[_\-/])env", re.I)
HTTP_CLIENTS = frozenset({"curl", "http", "wget"})  # usage when they call the local app
LOCAL_HOSTS = re.compile(r"(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])", re.I)
