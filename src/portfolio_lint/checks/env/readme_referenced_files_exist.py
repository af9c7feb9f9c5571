"""Rule ENV004 (readme-referenced-files-exist): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.command_files import Reference, created_files, references
from portfolio_lint.facts.linked_docs import readme_commands
from portfolio_lint.facts.repo import Repo


@check(
    "readme-referenced-files-exist",
    code="ENV004",
    weight=2,
    severity=Severity.WARNING,
    role=Role.PROBLEM,
)
def readme_referenced_files_exist(repo: Repo, *, follow_links: bool = True) -> Verdict:
    """Files the README's commands use (requirements.txt, scripts, env files) exist.

    Why it matters:
        A README that says `pip install -r requirements.txt` when there is no requirements.txt fails
        the reader at step one.

    How to fix:
        Add the files the README's commands use, or correct the commands.

    Bad:
        The README says `pip install -r requirements.txt`; the file is `requirement.txt`.

    Good:
        Every file the README's commands name (`requirements.txt`, `train.py`, `--config
        configs/base.yaml`, `python -m pkg.train`, `uvicorn api.main:app`) is committed; files
        the command writes (`-o out.csv`) or an earlier command creates are not needed.
    """
    readme = repo.readme
    if readme is None:
        raise Skip("no README", prerequisite="readme-present")
    refs: list[Reference] = []
    created: set[str] = set()  # by an earlier command: `cp config.example.yaml config.yaml`
    for command in readme_commands(repo, readme, follow_links):
        refs.extend(
            r
            for r in references(command)
            if not created.intersection(r.candidates)
            and (not r.when or any(repo.exists_dir(p) for p in r.when))
        )
        created.update(created_files(command))
    if not refs:
        raise Skip("the README's commands use no repository files")
    findings: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    for ref in refs:
        if ref.candidates in seen:
            continue
        seen.add(ref.candidates)
        if any(repo.exists(p) or repo.exists_dir(p) for p in ref.candidates):
            continue
        if ref.any_folder and _in_some_folder(repo, ref.candidates):
            continue
        if ref.user_file and any(repo.is_ignored(p) for p in ref.candidates):
            continue
        hint = _elsewhere(repo, ref.candidates[0])
        message = f"`{ref.command.text}` needs {ref.candidates[0]}, which does not exist{hint}"
        findings.append(
            Finding.at(ref.command.path, message, line=ref.command.line, key=ref.candidates[0])
        )
    return Verdict.partial(
        1 - len(findings) / len(seen),
        findings,
        f"{len(seen) - len(findings)}/{len(seen)} referenced files exist",
    )


def _in_some_folder(repo: Repo, candidates: tuple[str, ...]) -> bool:
    ends = tuple(f"/{c}" for c in candidates)
    return any(e.path.endswith(ends) for e in repo.files)


def _elsewhere(repo: Repo, path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    match = next((e.path for e in repo.files if e.path.rsplit("/", 1)[-1] == name), None)
    return f" (did you mean {match}?)" if match else ""
