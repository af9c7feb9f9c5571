"""Rule QUA011 (no-stub-entry-points): its check, defaults and documentation."""

from __future__ import annotations

import posixpath

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.repo import Repo

ENTRY_NAMES = frozenset(
    {"main", "train", "evaluate", "eval", "predict", "run", "inference", "infer", "fit"}
    | {"serve", "cli", "app", "pipeline", "run_pipeline", "train_model", "evaluate_model"}
)

ENTRY_SCRIPTS = ENTRY_NAMES | {"training", "finetune", "fine_tune", "inference", "server"}
MIN_COMMENTED_CODE = 8


@check(
    "no-stub-entry-points", code="QUA011", weight=2, severity=Severity.WARNING, role=Role.PROBLEM
)
def no_stub_entry_points(repo: Repo) -> Verdict:
    """Entry points (main, train, evaluate, predict, run, the `__main__` block's target) have code.

    Why it matters:
        A `train()` whose body is `pass`, `...`, a docstring, `raise NotImplementedError` or a
        TODO comment means the script the README runs does nothing: the project is not finished.
        So does an entry script (`train.py`, `main.py`, `app.py`) whose code is mostly
        commented out: more commented-out statements than live lines, and at least eight.

    How to fix:
        Write the function (or restore the commented-out code), or remove it and the README
        command that runs it.

    Bad:
        `def train(config):` followed by `# TODO: training loop` and `pass`.

    Good:
        `def train(config):` that builds the model, fits it and saves a checkpoint.
    """
    modules = author_modules(repo)
    entries = 0
    findings: list[Finding] = []
    for module in modules:
        python = module.python
        called = set(python.main_calls)
        names = {
            f.name
            for f in python.functions
            if f.kind == "function"
            and "." not in f.qualname
            and (f.name in ENTRY_NAMES or f.name in called)
        }
        entries += len(names)
        for stub in python.stub_functions:
            if stub.name in names:
                role = "the `__main__` block's target" if stub.name in called else "an entry point"
                message = f"`{stub.name}()`, {role}, has no body (pass, ..., a docstring, TODO)"
                findings.append(Finding.at(module.path, message, line=stub.line, key=stub.name))
        if _is_entry_script(module.path, called):
            entries += 1
            if python.commented_code >= max(MIN_COMMENTED_CODE, python.sloc + 1):
                message = (
                    f"{python.commented_code} lines of commented-out code and {python.sloc} "
                    "live lines: the script's code is commented out"
                )
                findings.append(Finding.at(module.path, message, key="commented-out"))
    if not entries:
        raise Skip("no entry-point functions")
    summary = f"{entries - len(findings)} of {entries} entry points (functions, scripts) have code"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(1 - len(findings) / entries, findings, summary)


def _is_entry_script(path: str, called: set[str]) -> bool:
    stem = posixpath.basename(path).removesuffix(".py").lower()
    return stem in ENTRY_SCRIPTS or bool(called)
