"""Classify README commands: which install the project, which run it."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from portfolio_lint.facts.commands import Command

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
RUNNERS = (
    "poetry run",
    "uv run",
    "pipenv run",
    "pdm run",
    "hatch run",
    "rye run",
    "conda run",
    "mamba run",
    "micromamba run",
    "pixi run",
)
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
INSTALLING_SCRIPT = re.compile(r"install|setup|requirement|bootstrap|(^|[_\-/])env", re.I)
PACKAGING_ONLY = frozenset({"pip", "setuptools", "wheel", "uv", "pip-tools"})
LOCAL_HOSTS = re.compile(r"(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])", re.I)
SHELLS = frozenset({"bash", "sh", "zsh", "source", "."})


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


def is_install(command: Command, prefixes: Sequence[str] = INSTALL_COMMANDS) -> bool:
    """Whether `command` installs the project or its dependencies."""
    words = command.words
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
    runner = _prefix_match(command, RUNNERS)
    if runner is not None:
        inner = _after_runner(words[len(runner.split()) :])
        return (
            bool(inner)
            and inner[0] not in NOT_RUNNING
            and not is_install(Command(inner, command.text, command.path, command.line), ())
        )
    if words[0] in entry_points:
        return True
    if words[0] == "python":
        return _python_runs_something(words[1:])
    if words[0] in ("curl", "http", "wget"):
        return any(LOCAL_HOSTS.search(w) for w in words[1:])
    if words[0] == "make":
        return len(words) > 1 and not is_install(command)
    script = _script_argument(command)
    if script is not None:
        return not INSTALLING_SCRIPT.search(script) and words[0] not in ("source", ".")
    return _prefix_match(command, prefixes, options_between=True) is not None


def _after_runner(words: Sequence[str]) -> tuple[str, ...]:
    """Words of the command a runner (`conda run -n env X`, `uv run X`) starts."""
    rest = list(words)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in ("-n", "--name", "-p", "--prefix", "-e", "--env", "--with") and rest:
            rest.pop(0)
    if rest and re.match(r"^python(\d(\.\d+)?)?$", rest[0]):
        rest[0] = "python"
    return tuple(rest)


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
