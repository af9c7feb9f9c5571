"""Helpers shared by several ENV rules; not a rule."""

from __future__ import annotations

import re

from portfolio_lint.facts.repo import Repo


def dockerfile_paths(repo: Repo) -> list[str]:
    """Paths of the Dockerfiles and Containerfiles outside vendored folders."""
    return [
        e.path
        for e in repo.files
        if re.search(r"(^|/)(Dockerfile|Containerfile)[^/]*$", e.path)
        and not repo.is_vendored(e.path)
    ]
