"""README sections that are missing: Installation, Usage, Configuration from facts; to-dos."""

from __future__ import annotations

import re

from portfolio_lint.app.fix.change import Change, FixContext, appended
from portfolio_lint.app.fix.entry_points import run_commands
from portfolio_lint.app.fix.safety import read_existing
from portfolio_lint.facts.dependencies import DependencyFile, dependency_files
from portfolio_lint.facts.env_reads import environment_variables
from portfolio_lint.facts.readme_results import reported_results
from portfolio_lint.facts.repo import Repo

TODO = "> **TODO (author):**"
INSTALL_HEADING = re.compile(
    r"install|setup|set up|getting started|quick ?start|requirements|dependencies", re.I
)
INSTALL_COMMAND = re.compile(
    r"\b(?:pip3? install|conda (?:env )?create|poetry install|uv (?:sync|pip)|pipenv install)\b"
)
USAGE_HEADING = re.compile(
    r"usage|how to (?:run|use)|running|\brun\b|quick ?start|getting started|demo|example", re.I
)
CONFIG_HEADING = re.compile(r"configuration|environment|settings|secrets|api keys?", re.I)
ABOUT_HEADING = re.compile(r"about|overview|introduction|description|problem|motivation", re.I)
RESULTS_HEADING = re.compile(r"results?|evaluation|metrics|performance|benchmark", re.I)


def propose(context: FixContext) -> list[Change]:
    """Sections the root README lacks, appended (or a new README.md with a title)."""
    repo = context.repo
    readme = repo.readme
    if readme is not None and not readme.path.lower().endswith(".md"):
        return []  # sections are written in Markdown; an .rst or .txt README is left alone
    path = readme.path if readme is not None else "README.md"
    before = read_existing(context.root, path) if readme is not None else None
    text = before or ""
    headings = [h.text for h in readme.headings] if readme is not None else []
    sections = [
        section
        for section in (
            _about(text, headings),
            _installation(repo, text, headings),
            _usage(repo, text, headings),
            _configuration(repo, text, headings),
            _results(repo, headings),
        )
        if section
    ]
    if not sections:
        return []
    block = "\n".join(sections)
    if before is None:
        title = f"# {context.root.name}\n\n"
        return [Change(path, "readme", title + block)]
    return [Change(path, "readme", appended(before, block), before)]


def _has(headings: list[str], pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(heading) for heading in headings)


def _about(text: str, headings: list[str]) -> str | None:
    prose = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if prose or _has(headings, ABOUT_HEADING):
        return None
    return (
        "## About\n\n"
        f"{TODO} say in two or three sentences what the project predicts, generates or\n"
        "> answers, for whom, and with which data.\n"
    )


def _installation(repo: Repo, text: str, headings: list[str]) -> str | None:
    if _has(headings, INSTALL_HEADING) or INSTALL_COMMAND.search(text):
        return None
    commands = install_commands(dependency_files(repo))
    if not commands:
        return (
            "## Installation\n\n"
            f"{TODO} list the dependencies in `requirements.txt` (with versions) and show the\n"
            "> command that installs them.\n"
        )
    return "## Installation\n\n```bash\n" + "\n".join(commands) + "\n```\n"


def install_commands(files: tuple[DependencyFile, ...]) -> list[str]:
    """The commands that install the project from its root dependency files."""
    kinds = {f.path: f for f in files if "/" not in f.path and f.error is None}
    venv = ["python -m venv .venv", "source .venv/bin/activate"]
    pyproject = kinds.get("pyproject.toml")
    if pyproject is not None and pyproject.declares:
        return [*venv, "pip install -e ."]
    for name in ("requirements.txt", "requirements.in"):
        if name in kinds:
            return [*venv, f"pip install -r {name}"]
    for name in ("environment.yml", "environment.yaml"):
        if name in kinds:
            return [f"conda env create -f {name}", "conda activate <name in the file>"]
    if "Pipfile" in kinds:
        return ["pipenv install", "pipenv shell"]
    if "setup.py" in kinds or "setup.cfg" in kinds:
        return [*venv, "pip install -e ."]
    return []


def _usage(repo: Repo, text: str, headings: list[str]) -> str | None:
    commands = run_commands(repo)
    if _has(headings, USAGE_HEADING) or any(c in text for c, _ in commands):
        return None
    notebooks = sorted(e.path for e in repo.files if e.path.endswith(".ipynb"))
    if not commands and not notebooks:
        return f"## Usage\n\n{TODO} show the command that runs the project.\n"
    lines = ["## Usage", ""]
    for command, what in commands:
        lines += [f"Run {what}:", "", "```bash", command, "```", ""]
    if notebooks:
        shown = ", ".join(f"`{n}`" for n in notebooks[:4])
        lines += ["Open the notebooks in Jupyter and run all cells:", "", "```bash"]
        lines += ["jupyter lab", "```", "", f"Notebooks: {shown}.", ""]
    return "\n".join(lines)


def _configuration(repo: Repo, text: str, headings: list[str]) -> str | None:
    variables = environment_variables(repo)
    if not variables or _has(headings, CONFIG_HEADING):
        return None
    if all(name in text for name, _ in variables):
        return None
    lines = ["## Configuration", "", "The code reads these environment variables:", ""]
    lines += [f"- `{name}` (read in `{path}`)" for name, path in variables]
    lines += [
        "",
        "Copy `.env.example` to `.env` and fill in the values; `.env` stays out of git.",
        "",
    ]
    return "\n".join(lines)


def _results(repo: Repo, headings: list[str]) -> str | None:
    readme = repo.readme
    if _has(headings, RESULTS_HEADING) or (readme is not None and reported_results(readme)):
        return None
    return (
        "## Results\n\n"
        f"{TODO} report the evaluation metric on held-out data (a table with the numbers)\n"
        "> and how it was measured.\n"
    )
