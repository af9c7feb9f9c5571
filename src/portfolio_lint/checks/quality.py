"""Checks of code quality and structure: complexity, maintainability, modules, docstrings.

Test files are left out of these measures (the TST rules judge them): a grader reads the
product code, and test helpers would dilute or skew every share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import FunctionInfo, PythonFacts
from portfolio_lint.core.model import Finding, Verdict
from portfolio_lint.facts.repo import Repo

TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)(test_[^/]*|[^/]*_test|conftest)\.pyi?$")
# Methods whose meaning the framework defines (torch, Lightning, Keras, scikit-learn):
# a docstring on `forward` or `training_step` repeats the framework's documentation.
# Packaging and tooling scripts that are not the project's code.
TOOLING = re.compile(r"(^|/)(setup|noxfile|fabfile)\.py$|(^|/)docs?/(source/)?conf\.py$")
FRAMEWORK_HOOKS = re.compile(
    r"^(forward|(training|validation|test|predict)_step(_end)?|configure_optimizers"
    r"|(train|val|test|predict)_dataloader|prepare_data|setup|teardown|on_[a-z_]+"
    r"|call|build|get_config|fit|transform|fit_transform|predict|predict_proba|score)$"
)


@dataclass(frozen=True)
class Module:
    """A parsed author module (not a test)."""

    path: str
    python: PythonFacts


def author_modules(repo: Repo) -> list[Module]:
    """Parsed `.py` files of the author's code, tests excluded, in path order."""
    return sorted(
        (
            Module(path, facts.python)
            for path, facts in repo.facts.items()
            if path.endswith(".py")
            and facts.python is not None
            and facts.python.parse_error is None
            and not TEST_PATH.search(path)
        ),
        key=lambda module: module.path,
    )


def _functions(modules: list[Module]) -> list[tuple[str, FunctionInfo]]:
    return [(m.path, f) for m in modules for f in m.python.functions if f.kind != "class"]


@check("low-complexity")
def low_complexity(repo: Repo, *, max_complexity: int = 10, worst: int = 10) -> Verdict:
    """Functions stay under a cyclomatic complexity of `max-complexity` (radon)."""
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


@check("maintainability")
def maintainability(repo: Repo, *, min_index: float = 19, worst: int = 10) -> Verdict:
    """Modules keep a radon maintainability index above `min-index` (19: radon's rank A)."""
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


@check("modular-code")
def modular_code(repo: Repo) -> Verdict:
    """Code lives in modules with functions or classes, not only in notebooks and scripts."""
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


@check("docstring-coverage")
def docstring_coverage(repo: Repo, *, target: float = 0.5, worst: int = 10) -> Verdict:
    """Public functions and classes have docstrings (share against `target`)."""
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
