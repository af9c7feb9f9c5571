"""The repository's Dockerfiles, as instructions with their lines (continuations joined)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio_lint.facts.repo import Repo, repository_fact

DOCKERFILE = re.compile(r"(^|/)(Dockerfile|Containerfile)([.-][\w.-]+)?$|\.Dockerfile$", re.I)
INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$")


@dataclass(frozen=True)
class Instruction:
    """One instruction: `keyword` upper-cased, its arguments, its first line."""

    keyword: str
    arguments: str
    line: int


@dataclass(frozen=True)
class Dockerfile:
    """A Dockerfile's path and instructions (comments and parser directives left out)."""

    path: str
    instructions: tuple[Instruction, ...]

    def of(self, *keywords: str) -> tuple[Instruction, ...]:
        """The instructions with one of `keywords`, in order."""
        return tuple(i for i in self.instructions if i.keyword in keywords)


def parse_dockerfile(path: str, text: str) -> Dockerfile:
    """Instructions of a Dockerfile; a trailing backslash continues a line."""
    found: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if not pending:
            start = number
        if stripped.startswith("#"):
            continue
        pending.append(stripped.removesuffix("\\").strip())
        if stripped.endswith("\\"):
            continue
        match = INSTRUCTION.match(" ".join(pending))
        pending = []
        if match:
            found.append(Instruction(match.group(1).upper(), match.group(2).strip(), start))
    return Dockerfile(path, tuple(found))


@repository_fact
def dockerfiles(repo: Repo) -> tuple[Dockerfile, ...]:
    """Every Dockerfile of the repository (vendored folders aside), root ones first."""
    paths = sorted(
        (e.path for e in repo.files if DOCKERFILE.search(e.path) and not repo.is_vendored(e.path)),
        key=lambda p: (p.count("/"), p),
    )
    parsed = []
    for path in paths:
        text = repo.read_text(path)
        if text is not None:
            parsed.append(parse_dockerfile(path, text))
    return tuple(parsed)
