"""The dependency files a reader installs from: those the README's install commands name."""

from __future__ import annotations

import posixpath

from portfolio_lint.facts.command_files import references
from portfolio_lint.facts.command_kinds import is_install
from portfolio_lint.facts.dependencies import DependencyFile, dependency_files
from portfolio_lint.facts.linked_docs import readme_commands
from portfolio_lint.facts.repo import Repo, repository_fact


@repository_fact
def install_files(repo: Repo) -> tuple[DependencyFile, ...]:
    """Files named by README install commands (`pip install -r X`, `conda env create -f X`,
    `pip install .`), with the files they include; the root's files when the README names none,
    and every file when the root has none. Unrelated subfolders are not pooled in."""
    files = dependency_files(repo)
    by_path = {file.path: file for file in files}
    named = _named_by_readme(repo, by_path)
    if named:
        return tuple(by_path[path] for path in sorted(_with_includes(named, by_path)))
    root = tuple(file for file in files if "/" not in file.path)
    return root or files


def _named_by_readme(repo: Repo, by_path: dict[str, DependencyFile]) -> set[str]:
    readme = repo.readme
    if readme is None:
        return set()
    return {
        path
        for command in readme_commands(repo, readme, True)
        if is_install(command)
        for reference in references(command)
        for path in reference.candidates
        if path in by_path
    }


def _with_includes(paths: set[str], by_path: dict[str, DependencyFile]) -> set[str]:
    """`paths` and the files their `-r`/`-c` lines pull in, transitively."""
    found, pending = set(paths), list(paths)
    while pending:
        file = by_path[pending.pop()]
        folder = posixpath.dirname(file.path)
        for include in file.includes:
            path = posixpath.normpath(posixpath.join(folder, include))
            if path in by_path and path not in found:
                found.add(path)
                pending.append(path)
    return found
