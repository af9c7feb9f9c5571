"""Rule QUA010 (local-imports-exist): its check, defaults and documentation."""

from __future__ import annotations

import posixpath

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import ImportStatement
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.author_modules import author_modules
from portfolio_lint.facts.local_modules import missing_imports, module_tree
from portfolio_lint.facts.repo import Repo


@check("local-imports-exist", code="QUA010", weight=2, severity=Severity.WARNING, role=Role.PROBLEM)
def local_imports_exist(repo: Repo) -> Verdict:
    """Imports of the project's own modules name modules that exist in the repository.

    Why it matters:
        `from utils.helpers import load` where `utils/` is the project's folder but has no
        `helpers.py` is an `ImportError` on the first run: a file was never committed or was
        renamed. A third-party package of the same name as a folder is not counted, nor an
        import guarded by `try/except ImportError` or an `if`, nor a file the `.gitignore` or
        the README says is generated or kept out on purpose.

    How to fix:
        Commit the missing module, or correct the import to the module's real path.

    Bad:
        `train.py` has `from utils.helpers import load`; `utils/` holds only `io.py`.

    Good:
        `utils/helpers.py` is committed, or the import says `from utils.io import load`.
    """
    tree = module_tree(repo)
    files = [(m.path, m.python.import_statements) for m in author_modules(repo)]
    files += [
        (path, facts.notebook.import_statements)
        for path, facts in sorted(repo.facts.items())
        if facts.notebook is not None and facts.notebook.import_statements
    ]
    if not files:
        raise Skip("no parsed Python modules or notebooks")
    explained = _mentioned_text(repo)
    findings: list[Finding] = []
    clean = 0
    for path, sites in files:
        found = [
            _finding(path, site, missing)
            for site, missing in missing_imports(tree, path, sites)
            if not _explained(missing, explained)
        ]
        clean += not found
        findings.extend(found)
    summary = f"{clean} of {len(files)} files import only local modules that exist"
    if not findings:
        return Verdict.passed(summary)
    return Verdict.partial(clean / len(files), findings, summary)


def _finding(path: str, site: ImportStatement, missing: str) -> Finding:
    where = missing.lstrip(".").replace(".", "/") or missing
    message = f"imports `{missing}`, but the project has no {where}.py or {where}/"
    return Finding.at(path, message, line=site.line, cell=site.cell, key=missing)


def _mentioned_text(repo: Repo) -> str:
    """The .gitignore files and the README: where a deliberately absent module is explained."""
    texts = [
        repo.read_text(entry.path) or ""
        for entry in repo.files
        if posixpath.basename(entry.path) == ".gitignore"
    ]
    readme = repo.readme
    return "\n".join([*texts, readme.text if readme is not None else ""])


def _explained(missing: str, text: str) -> bool:
    leaf = missing.rsplit(".", 1)[-1]
    return bool(leaf) and f"{leaf}.py" in text
