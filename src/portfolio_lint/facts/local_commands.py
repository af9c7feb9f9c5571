"""What `make TARGET` and `bash SCRIPT` run in this repository: its Makefile and scripts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.facts.testing_commands import Resolver, script_commands

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
# Names separated by single spaces, so a line of spaces cannot make the match quadratic.
MAKE_TARGET = re.compile(r"^([A-Za-z0-9_.\-/]+(?: +[A-Za-z0-9_.\-/]+)*)[ \t]*::?(?!=)(.*)$")
MAKE_VARIABLE = re.compile(r"\$[({](\w+)[)}]")
MAX_MAKEFILE_LINES = 5000


@repository_fact
def makefile_targets(repo: Repo) -> Mapping[str, Sequence[tuple[str, ...]]]:
    """The root Makefile's targets and their commands, parsed once per lint (empty if none)."""
    makefile = next((name for name in MAKEFILES if repo.exists(name)), None)
    return make_targets(repo.read_text(makefile) or "") if makefile else {}


@repository_fact
def local_resolver(repo: Repo) -> Resolver:
    """Follow `make TARGET` into the root Makefile and `bash SCRIPT` into the script's commands."""
    targets = makefile_targets(repo)

    def resolve(kind: str, name: str) -> Sequence[tuple[str, ...]]:
        if kind == "make":
            target = name or next(iter(targets), "")
            return targets.get(target, [])
        path = name.removeprefix("./")
        text = repo.read_text(path) if repo.exists(path) else None
        return [words for _, words in script_commands(text or "")]

    return resolve


def make_targets(text: str) -> dict[str, list[tuple[str, ...]]]:
    """Each Makefile target's recipe commands, plus `make DEP` for its prerequisites."""
    targets: dict[str, list[tuple[str, ...]]] = {}
    current: list[str] = []
    for line in text.splitlines()[:MAX_MAKEFILE_LINES]:
        if line.startswith("\t") and current:
            # `$(PYTHON) -m pytest`: a variable named after its program reads as that program
            recipe = MAKE_VARIABLE.sub(lambda m: m.group(1).lower(), line.strip().lstrip("@-+"))
            for _, words in script_commands(recipe):
                for target in current:
                    targets[target].append(words)
            continue
        match = MAKE_TARGET.match(line)
        if match is None or line.startswith((" ", "#", ".")) or "=" in match.group(1):
            current = [] if line.strip() and not line.startswith("#") else current
            continue
        current = [t for t in match.group(1).split() if "%" not in t]
        prerequisites = match.group(2).split(";")[0].split("#")[0].split()
        for target in current:
            targets.setdefault(target, []).extend(("make", dep) for dep in prerequisites)
    return targets
