"""One `fix` run: checks that it may run, plans, prints the diff and the score, writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio_lint.app.fix.apply import apply, preflight
from portfolio_lint.app.fix.change import Change, FixContext, FixSettings
from portfolio_lint.app.fix.plan import plan
from portfolio_lint.app.fix.safety import FixRefusedError

if TYPE_CHECKING:
    from portfolio_lint.app.fix.projection import Projection
    from portfolio_lint.facts.repo import Repo
    from portfolio_lint.sources.base import Source

EXIT_CLEAN, EXIT_PROPOSED, EXIT_REFUSED = 0, 1, 2
Echo = Callable[[str], None]


@dataclass(frozen=True)
class FixRequest:
    """What the command line asked for."""

    path: Path
    settings: FixSettings = field(default_factory=FixSettings)
    write: bool = False
    allow_dirty: bool = False
    score: bool = True


def run(request: FixRequest, out: Echo, err: Echo) -> int:
    """Plan the changes, print the diff (dry run) or write them, then the summary line."""
    from portfolio_lint.app.lint_run import UserError, open_source

    try:
        root = checked_root(request.path, request.allow_dirty)
        source = open_source(str(root), api=False)
        context = FixContext(_repo(source), root, request.settings)
        changes = plan(context)
        if request.write:
            preflight(root, changes)
    except (FixRefusedError, UserError) as error:
        err(f"portfolio-lint fix: refused: {error}")
        return EXIT_REFUSED
    projection = _projection(source, changes) if request.score and changes else None
    if request.write:
        try:
            apply(root, changes)
        except (FixRefusedError, OSError) as error:
            err(f"portfolio-lint fix: refused: {error}")
            return EXIT_REFUSED
    else:
        for change in changes:
            out(change.diff().rstrip("\n"))
    for note in context.notes:
        err(f"note: {note}")
    if context.suggestions:
        err("suggested, not applied (machine paths; review, then `git apply` what you keep):")
        for suggestion in context.suggestions:
            err(suggestion)
    if changes and not request.write:
        try:
            preflight(root, changes)
        except FixRefusedError as error:
            err(f"warning: --apply would be refused: {error}")
    if projection is not None:
        err(f"score {projection.before:.1f} → {projection.after:.1f} once committed")
    err(summary(changes, projection.gain if projection else None, request.write))
    if not changes or request.write:
        return EXIT_CLEAN
    return EXIT_PROPOSED


def _projection(source: Source, changes: list[Change]) -> Projection:
    from portfolio_lint.app.fix.projection import lint_source, project

    return project(source, changes, lint_source(source))


def summary(changes: list[Change], gain: float | None, written: bool) -> str:
    """One line: "6 files, +9.5 points" (or "nothing to fix")."""
    if not changes:
        return "nothing to fix"
    files = f"{len(changes)} file{'s' if len(changes) != 1 else ''}"
    points = "" if gain is None else f", {gain:+.1f} points"
    return f"{files}{points}{' written' if written else ''}"


def checked_root(path: Path, allow_dirty: bool) -> Path:
    """The repository's folder (or a project folder of a bigger repository), after refusing
    what fix must not touch: not a folder, untrusted git data, uncommitted changes."""
    from portfolio_lint.sources.subtree import enclosing_work_tree, pathspec, subfolder
    from portfolio_lint.sources.trust import trusted_git_dir

    if not path.is_dir():
        raise FixRefusedError(f"{path}: not a local folder")
    root = path.resolve()
    trust = trusted_git_dir(root)
    if trust.refused is not None:
        raise FixRefusedError(f"{root}: {trust.refused}")
    if not trust.trusted:
        top = enclosing_work_tree(root)
        if top is not None:  # one project of a bigger repository: its own changes count
            if not allow_dirty:
                _refuse_dirty(uncommitted(top, pathspec(subfolder(top, root))))
            return root
        if any(os.path.lexists(parent / ".git") for parent in root.parents):
            raise FixRefusedError(
                f"{root}: inside a repository that tracks nothing here or cannot be trusted"
            )
        if not allow_dirty:
            raise FixRefusedError(
                f"{root}: not a git repository, so uncommitted work cannot be told apart;"
                " use --allow-dirty"
            )
        return root
    if not allow_dirty:
        _refuse_dirty(uncommitted(root))
    return root


def _refuse_dirty(dirty: list[str]) -> None:
    if dirty:
        raise FixRefusedError(
            f"{len(dirty)} uncommitted change{'s' if len(dirty) != 1 else ''}"
            f" ({dirty[0]}...): commit or stash them first, or use --allow-dirty"
        )


def uncommitted(top: Path, *pathspecs: str) -> list[str]:
    """Tracked files with uncommitted changes (untracked files cannot be harmed: fix never
    overwrites a file), below `pathspecs` if given, through the hardened git."""
    from portfolio_lint.untrusted.hardened_git import GitError, run_git

    args = ["status", "--porcelain=v1", "-z", "--untracked-files=no"]
    try:
        out = run_git(top, [*args, "--", *pathspecs] if pathspecs else args)
    except GitError as error:
        raise FixRefusedError(f"cannot read the work tree's status: {error}") from None
    return [entry[3:] for entry in out.decode("utf-8", "replace").split("\0") if len(entry) > 3]


def _repo(source: Source) -> Repo:
    """The repository the fixers read (its own configuration: excluded files stay excluded)."""
    from portfolio_lint.app.lint_run import load_config
    from portfolio_lint.app.request import LintRequest
    from portfolio_lint.facts.repo import Repo, RunOptions

    config, _, _ = load_config(source, LintRequest(quiet=True))
    return Repo(source, config, RunOptions(history=False))
