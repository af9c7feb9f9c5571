"""Rule QUA003 (modular-code): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo

# Methods whose meaning the framework defines (torch, Lightning, Keras, scikit-learn):
# a docstring on `forward` or `training_step` repeats the framework's documentation.
# Packaging and tooling scripts that are not the project's code.
TOOLING = re.compile(r"(^|/)(setup|noxfile|fabfile)\.py$|(^|/)docs?/(source/)?conf\.py$")


@check("modular-code", code="QUA003", weight=3, severity=Severity.WARNING)
def modular_code(repo: Repo) -> Verdict:
    """Code lives in modules with functions or classes, not only in notebooks and scripts.

    Why it matters:
        Everything in one notebook reads as an experiment; modules with functions read as software.

    How to fix:
        Move data loading, features, training and evaluation into a package (src/<name>/) and import
        it from the notebook.

    Bad:
        All the code in `analysis.ipynb` and a flat `script.py` with no functions.

    Good:
        `src/churn/features.py` and `src/churn/train.py` with functions the notebook imports.
    """
    notebooks = [p for p in repo.facts if p.lower().endswith(".ipynb")]
    modules = [m for m in author_modules(repo) if m.python.sloc > 0 and not TOOLING.search(m.path)]
    if not notebooks and not modules:
        raise Skip("no Python code or notebooks")
    defining = [m for m in modules if m.python.functions]
    summary = (
        f"{len(defining)} of {len(modules)} Python files define functions or classes; "
        f"{len(notebooks)} notebooks"
    )
    if defining:
        return Verdict.passed(summary)
    if modules:
        where = modules[0].path
        message = (
            f"{len(modules)} Python files are scripts without functions or classes: "
            "move the steps into functions"
        )
        return Verdict.partial(0.5, [Finding.at(where, message)], summary)
    message = (
        f"All code lives in {len(notebooks)} notebook{'s' * (len(notebooks) > 1)}: "
        "move reusable code into a package of modules"
    )
    return Verdict.failed(Finding.at(sorted(notebooks)[0], message), summary=summary)
