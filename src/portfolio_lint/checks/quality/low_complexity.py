"""Rule QUA001 (low-complexity): its check, defaults and documentation."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FunctionInfo
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.author_modules import Module, author_modules
from portfolio_lint.facts.repo import Repo


def _functions(modules: Sequence[Module]) -> list[tuple[str, FunctionInfo]]:
    return [(m.path, f) for m in modules for f in m.python.functions if f.kind != "class"]


@check("low-complexity", code="QUA001", weight=1, severity=Severity.INFO, role=Role.PROBLEM)
def low_complexity(repo: Repo, *, max_complexity: int = 10, worst: int = 10) -> Verdict:
    """Functions stay under a cyclomatic complexity of `max-complexity` (radon).

    Why it matters:
        Functions with cyclomatic complexity above ~10 are hard to read and test; reviewers notice
        200-line training loops.

    How to fix:
        Split the functions listed into smaller ones with one job each.

    Bad:
        One `main()` of 200 lines with a dozen nested `if`/`for` branches.

    Good:
        `load_data()`, `build_features()`, `train()` and `evaluate()`, each a few branches.
    """
    functions = _functions(author_modules(repo))
    if not functions:
        raise Skip("no Python functions outside tests")
    complex_ones = sorted(
        (item for item in functions if item[1].complexity > max_complexity),
        key=lambda item: (-item[1].complexity, item[0], item[1].line),
    )
    summary = (
        f"{len(functions) - len(complex_ones)} of {len(functions)} functions at most "
        f"{max_complexity}"
    )
    if not complex_ones:
        return Verdict.passed(summary)
    findings = [
        Finding.at(
            path,
            f"`{f.qualname}` has cyclomatic complexity {f.complexity} (max {max_complexity})",
            line=f.line,
            key=f.qualname,
        )
        for path, f in complex_ones[:worst]
    ]
    return Verdict.partial(1 - len(complex_ones) / len(functions), findings, summary)
