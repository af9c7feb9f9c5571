"""Rule QUA009 (no-undefined-names): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo

MAX_FINDINGS_PER_MODULE = 5


@check("no-undefined-names", code="QUA009", weight=2, severity=Severity.WARNING, role=Role.PROBLEM)
def no_undefined_names(repo: Repo) -> Verdict:
    """Every name the code uses is defined or imported (pyflakes' undefined-name analysis).

    Why it matters:
        A name that is never defined is a `NameError` the first time that line runs: the code
        was cut, renamed halfway or never run. Names a star import may provide are not counted.

    How to fix:
        Import or define the name, or remove the code that uses it; run `pyflakes` or `ruff`
        (rule F821) before committing.

    Bad:
        `train.py` calls `evaluate(model, test_loader)`; no `evaluate` is defined or imported.

    Good:
        `from metrics import evaluate` at the top of `train.py`.
    """
    modules = author_modules(repo)
    if not modules:
        raise Skip("no parsed Python modules")
    findings: list[Finding] = []
    clean = 0
    for module in modules:
        uses = module.python.undefined_names
        clean += not uses
        for use in uses[:MAX_FINDINGS_PER_MODULE]:
            message = f"`{use.name}` is used but never defined or imported"
            findings.append(Finding.at(module.path, message, line=use.line, key=use.name))
    summary = f"{clean} of {len(modules)} modules define every name they use"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(clean / len(modules), findings, summary)
