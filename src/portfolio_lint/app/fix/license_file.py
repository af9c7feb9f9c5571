"""`LICENSE` (only with --license): a standard text, the holder and the first commit's year."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from portfolio_lint.app.fix.change import Change, FixContext
from portfolio_lint.app.fix.safety import FixRefusedError
from portfolio_lint.checks.vcs.license_present import LICENSE_STEM
from portfolio_lint.resources import shipped_file
from portfolio_lint.sources.subtree import pathspec
from portfolio_lint.untrusted.hardened_git import GitError, run_git

# Each shipped text's placeholders for the year and the copyright holder.
PLACEHOLDERS = {
    "MIT": ("[year]", "[fullname]"),
    "BSD-3-Clause": ("[year]", "[fullname]"),
    "Apache-2.0": ("[yyyy]", "[name of copyright owner]"),
}
YEAR = re.compile(r"^\d{4}$")


def propose(context: FixContext) -> list[Change]:
    """A new LICENSE with the chosen text when the root has no licence file."""
    chosen = context.settings.license
    if chosen is None:
        return []
    repo = context.repo
    if any("/" not in e.path and LICENSE_STEM.match(e.path.lower()) for e in repo.files):
        context.notes.append("LICENSE: the repository already has a licence file; kept")
        return []
    top = repo.git_root or context.root
    holder = context.settings.holder or git_user_name(top)
    if not holder:
        raise FixRefusedError("--license needs a copyright holder: give --holder NAME")
    year = first_year(top, repo.subtree)
    return [Change("LICENSE", "license", license_text(chosen, year, holder))]


def license_text(name: str, year: str, holder: str) -> str:
    """The standard text of licence `name` with the year and holder filled in."""
    year_mark, holder_mark = PLACEHOLDERS[name]
    text = shipped_file(f"licenses/{name}.txt").read_text(encoding="utf-8")
    return text.replace(year_mark, year, 1).replace(holder_mark, holder.strip(), 1)


def git_user_name(root: Path) -> str | None:
    """user.name from the repository's own config, else the user's global git config files
    (read with `git config --file`, which runs nothing), through the hardened git."""
    home = Path.home()
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    candidates: list[list[str]] = [["config", "--get", "user.name"]]
    for path in (home / ".gitconfig", config_home / "git" / "config"):
        if path.is_file():
            candidates.append(["config", "--file", str(path), "--get", "user.name"])
    for args in candidates:
        try:
            name = run_git(root, args, check=False).decode("utf-8", "replace").strip()
        except GitError:
            return None
        if name:
            return name
    return None


def first_year(top: Path, folder: str | None = None) -> str:
    """The year of the repository's first commit (the earliest root commit), or of the first
    commit that touched `folder`; else this year."""
    log = ["log", "--format=%ad", "--date=format:%Y", "HEAD"]
    args = [*log, "--", pathspec(folder)] if folder else [*log[:1], "--max-parents=0", *log[1:]]
    try:
        out = run_git(top, args)
    except GitError:
        out = b""
    years = [y for y in out.decode("ascii", "replace").split() if YEAR.match(y)]
    return min(years) if years else str(datetime.now(timezone.utc).year)
