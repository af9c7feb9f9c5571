"""The command-word table: one lookup, read alike by the install/usage, file and test readers."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.command_files import references
from portfolio_lint.facts.command_kinds import is_install, is_usage
from portfolio_lint.facts.command_words import LOCAL_PROGRAM, PROGRAMS, HowTestsRun, program
from portfolio_lint.facts.commands import (
    Command,
    normalise,
    readme_words,
    strip_runner,
)
from portfolio_lint.facts.testing_commands import is_test_command


def command(text: str) -> Command:
    return Command(normalise(readme_words(text)), text, "README.md", 1)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("docker compose up -d", ("docker", "compose", "up")),
        ("docker compose -f x.yml up", ("docker", "compose")),  # up is not the third word
        ("docker run img pytest", ("docker",)),
        ("conda env create -f env.yml", ("conda", "env", "create")),
        ("conda install numpy", ("conda",)),
        ("uv pip install -r r.txt", ("uv", "pip", "install")),
        ("./run.sh --fast", (LOCAL_PROGRAM,)),
        ("uv sync", None),
        ("", None),
    ],
)
def test_longest_known_prefix(text: str, key: tuple[str, ...] | None) -> None:
    found = program(command(text).words if text else ())
    assert (found[0] if found else None) == key


def test_every_row_means_something() -> None:
    assert all(p.reads is not None or p.tests is not None for p in PROGRAMS.values())
    subcommands = [p for p in PROGRAMS.values() if p.tests is HowTestsRun.SUBCOMMAND]
    assert subcommands and all(p.subcommands for p in subcommands)


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("poetry run pytest -q", ("pytest", "-q")),
        ("conda run -n env python3 -m pytest", ("python", "-m", "pytest")),
        ("uv run --group dev --with rich app.py", ("app.py",)),
        ("timeout 60 xvfb-run pytest", ("pytest",)),  # nested runners, timeout's duration
        ("python train.py", ("python", "train.py")),
    ],
)
def test_strip_runner(text: str, inner: tuple[str, ...]) -> None:
    assert strip_runner(command(text).words) == inner


@pytest.mark.parametrize(
    ("text", "usage", "tests"),
    [
        # the usage reader now skips a runner's options the way the test reader always did:
        # `--group dev` is an option and its value, not the program `dev`
        ("uv run --group dev pytest", False, True),
        ("poetry run --extra gpu python train.py", True, False),
        ("poetry run python train.py", True, False),
        ("uvx ruff check .", False, False),  # a published tool, not the project
        ("uvx streamlit run app.py", False, False),
        ("timeout 600 python train.py", False, False),  # a wrapper is not a project runner
        ("timeout 600 pytest", False, True),
    ],
)
def test_runners_mean_the_same_to_both_readers(text: str, usage: bool, tests: bool) -> None:
    found = command(text)
    assert is_usage(found) is usage
    assert is_test_command(found.words) is tests
    assert not is_install(found)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "pip install -r requirements.txt -c constraints.txt",
            ["requirements.txt", "constraints.txt"],
        ),
        ("pip install -e .[dev]", ["./pyproject.toml"]),  # or setup.py, setup.cfg
        ("conda env create", ["environment.yml"]),
        ("conda env create --file=env.yaml", ["env.yaml"]),
        ("docker compose up", ["docker-compose.yml"]),
        ("docker compose ps", []),
        ("docker build -f docker/Dockerfile .", ["docker/Dockerfile"]),
        ("make train", ["Makefile"]),
        ("python -u train.py --epochs 3", ["train.py"]),
        ("python -m src.train", ["src/train.py"]),  # when src/ is in the tree
        ("python -m http.server", ["http/server.py"]),  # ...and not when http/ is not
        ("python -m train", []),  # one name: a tool as likely as a module of the project
        ("python train.py --config configs/base.yaml", ["train.py", "configs/base.yaml"]),
        (
            "python train.py --config=configs/base.yaml -o out/model.yaml",
            ["train.py", "configs/base.yaml"],
        ),
        ("python train.py --output-dir runs/ --save_path best.yaml", ["train.py"]),
        ("python train.py trainer=gpu data.path=x.yaml", ["train.py"]),  # Hydra overrides
        ("python predict.py --input data/sample.json", ["predict.py"]),  # data, not config
        ("python predict.py --params params.json", ["predict.py", "params.json"]),
        ("python train.py configs/exp1.yml > log.yaml", ["train.py", "configs/exp1.yml"]),
        ("poetry run python train.py -c cfg/a.toml", ["train.py", "cfg/a.toml"]),
        ("python scripts\\run_api.py", ["scripts/run_api.py"]),
        (".\\run.bat", ["./run.bat"]),
        ("docker compose logs -f api", []),
        ("docker compose -f deploy/compose.yml logs -f api", ["deploy/compose.yml"]),
        ("uvicorn api.main:app --reload --port 8000", ["api/main.py"]),
        ("gunicorn -w 4 -b 0.0.0.0:8000 app:app", ["app.py"]),
        ("uvicorn main:app --app-dir backend", []),
        ("bash scripts/setup.sh", ["scripts/setup.sh"]),
        ("./run.sh", ["./run.sh"]),
        ("cp .env.example .env", [".env.example"]),
        ("cp model.pt backup.pt", []),
        ("cp .env.example", []),  # one argument: not a copy
        ("streamlit run app.py", ["app.py"]),
        ("streamlit hello", []),
        ("jupyter nbconvert --to html analysis.ipynb", ["analysis.ipynb"]),
        ("source venv/bin/activate", []),
    ],
)
def test_files_a_command_reads(text: str, shown: list[str]) -> None:
    assert [r.shown for r in references(command(text))] == shown
