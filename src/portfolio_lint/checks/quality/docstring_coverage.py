"""Rule QUA004 (docstring-coverage): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FunctionInfo
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo

FRAMEWORK_HOOKS = re.compile(
    r"^(forward|(training|validation|test|predict)_step(_end)?|configure_optimizers"
    r"|(train|val|test|predict)_dataloader|prepare_data|setup|teardown|on_[a-z_]+"
    r"|call|build|get_config|fit|transform|fit_transform|predict|predict_proba|score)$"
)


@check("docstring-coverage", code="QUA004", weight=1, severity=Severity.INFO)
def docstring_coverage(repo: Repo, *, target: float = 0.5, worst: int = 10) -> Verdict:
    """Public functions and classes have docstrings (share against `target`).

    Why it matters:
        Docstrings on public functions tell a reader what each piece does without reading its body.

    How to fix:
        Add one-line docstrings to the public functions and classes listed.

    Bad:
        `def train(df, cfg):` and `class ChurnModel:` without docstrings.

    Good:
        `def train(df, cfg):` opening with the docstring `'''Fit the model on df and return it.'''`
    """
    public = [
        (m.path, f) for m in author_modules(repo) for f in m.python.functions if _documentable(f)
    ]
    if not public:
        raise Skip("no public functions or classes outside tests")
    missing = [(path, f) for path, f in public if not f.has_docstring]
    share = 1 - len(missing) / len(public)
    summary = (
        f"{len(public) - len(missing)} of {len(public)} public functions/classes "
        f"documented ({share:.0%}; target {target:.0%})"
    )
    if not missing or share >= target:
        return Verdict.passed(summary)
    findings = [
        Finding.at(
            path, f"Public {f.kind} `{f.qualname}` has no docstring", line=f.line, key=f.qualname
        )
        for path, f in missing[:worst]
    ]
    return Verdict.partial(share / target if target > 0 else 1.0, findings, summary)


def _documentable(function: FunctionInfo) -> bool:
    """Public, in a public class, and not a framework hook."""
    if not function.is_public or any(p.startswith("_") for p in function.qualname.split(".")):
        return False
    return not (function.kind == "method" and FRAMEWORK_HOOKS.match(function.name))
