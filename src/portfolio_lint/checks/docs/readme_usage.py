"""Rule DOC003 (readme-usage): its check, defaults and documentation."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio_lint.checks.docs._shared import (
    documents,
    readme_and_sub_commands,
    require_readme,
)
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.command_kinds import RUN_COMMANDS, is_usage
from portfolio_lint.facts.dependencies import dependency_files, entry_points
from portfolio_lint.facts.notebook_usage import notebook_usage
from portfolio_lint.facts.repo import Repo


@check("readme-usage", code="DOC003", weight=3, severity=Severity.WARNING)
def readme_usage(
    repo: Repo, *, commands: Sequence[str] = RUN_COMMANDS, follow_links: bool = True
) -> Verdict:
    """README shows the command that runs, trains, evaluates or serves the project.

    Why it matters:
        After installing, a reader needs the one command that trains, evaluates or serves the model.

    How to fix:
        Add a Usage section with the command that runs the project, e.g. `python train.py --config
        configs/base.yaml`.

        For a notebook project an "Open in Colab" link or "run all cells of eda.ipynb" counts.
        A deployment command (`gunicorn app:app`) counts too: it starts the project.

    Bad:
        The README ends after the install steps; nothing says which script to run.

    Good:
        ## Usage
        ```bash
        python train.py --config configs/base.yaml
        ```
    """
    readme = require_readme(repo)
    scripts = entry_points(f for f in dependency_files(repo) if f.scripts)
    found = [
        c
        for c in readme_and_sub_commands(repo, readme, follow_links)
        if is_usage(c, commands, scripts)
    ]
    if found:
        return Verdict.passed(f"run command at {found[0].path}:{found[0].line}: {found[0].text}")
    notebooks = notebook_usage(repo, documents(repo, readme, follow_links))
    if notebooks is not None:
        return Verdict.passed(notebooks)
    message = (
        "No command that runs the project (`python train.py`, `streamlit run app.py`,"
        " `uvicorn app:app`, `docker run`), nor a Colab or Binder link or 'run all cells'"
        " for its notebooks"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
