"""Rule DOC002 (readme-install-steps): its check, defaults and documentation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.docs._shared import readme_and_sub_commands, require_readme
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.command_kinds import INSTALL_COMMANDS, install_targets, is_install
from portfolio_lint.facts.local_commands import makefile_targets
from portfolio_lint.facts.repo import Repo


@check("readme-install-steps", code="DOC002", weight=3, severity=Severity.WARNING)
def readme_install_steps(
    repo: Repo, *, commands: Sequence[str] = INSTALL_COMMANDS, follow_links: bool = True
) -> Verdict:
    """README shows the commands that install the project.

    Why it matters:
        A reviewer who cannot install the project in two minutes stops reading. Prose like 'install
        the requirements' is not a command.

    How to fix:
        Add an Installation section with the exact commands in a code block, e.g. `pip install -r
        requirements.txt`.

    Bad:
        "Install the requirements and run the notebook."

    Good:
        ## Installation
        ```bash
        pip install -r requirements.txt
        ```
    """
    readme = require_readme(repo)
    makes = install_targets(makefile_targets(repo))
    found = [
        c
        for c in readme_and_sub_commands(repo, readme, follow_links)
        if is_install(c, commands, makes)
    ]
    if found:
        first = found[0]
        return Verdict.passed(f"install command at {first.path}:{first.line}: {first.text}")
    hint = (
        " (prose like 'install the requirements' is not a command)"
        if re.search(r"\binstall", readme.prose, re.IGNORECASE)
        else ""
    )
    message = (
        "No install command (pip, conda, poetry, uv, docker, make) in code or on a line"
        f" of its own{hint}"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))
