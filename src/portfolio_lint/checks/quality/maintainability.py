"""Rule QUA002 (maintainability): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo


@check("maintainability", code="QUA002", weight=0.5, severity=Severity.INFO, role=Role.PROBLEM)
def maintainability(repo: Repo, *, min_index: float = 19, worst: int = 10) -> Verdict:
    """Modules keep a radon maintainability index above `min-index` (19: radon's rank A).

    Why it matters:
        The maintainability index summarises size, complexity and comments; low values flag modules
        worth refactoring.

    How to fix:
        Break up the modules listed; move repeated code into functions.

    Bad:
        One 1,500-line `utils.py` of copied blocks.

    Good:
        Small modules (`data.py`, `features.py`, `model.py`) that share functions instead of
        copies.
    """
    scored = [
        (m.path, m.python.maintainability)
        for m in author_modules(repo)
        if m.python.maintainability is not None and m.python.sloc > 0
    ]
    if not scored:
        raise Skip("no Python modules outside tests")
    low = sorted(
        ((path, index) for path, index in scored if index <= min_index), key=lambda i: i[1]
    )
    summary = f"{len(scored) - len(low)} of {len(scored)} modules with MI above {min_index:g}"
    if not low:
        return Verdict.passed(summary)
    findings = [
        Finding.at(
            path,
            f"Maintainability index {index:.1f} (radon rank {_rank(index)}; "
            f"must be above {min_index:g})",
            key=path,
        )
        for path, index in low[:worst]
    ]
    return Verdict.partial(1 - len(low) / len(scored), findings, summary)


def _rank(index: float) -> str:
    """radon's maintainability rank: A above 19, B above 9, C below."""
    return "A" if index > 19 else "B" if index > 9 else "C"
