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


# `[ \t]*`, not `\s*`: with MULTILINE, `^\s*` rescans runs of blank lines (quadratic).
DOCKER_INSTALL = re.compile(r"^[ \t]*RUN\b(?P<run>.*(?:\\\n.*)*)$", re.IGNORECASE | re.MULTILINE)
INSTALL_ARGS = re.compile(r"\b(?:pip3?|uv pip|conda|mamba)\s+install\s+([^&;|]*)")


def dockerfile_installs(repo: Repo) -> list[tuple[str, str, int]]:
    """Packages that Dockerfiles install by name: (package, Dockerfile, line)."""
    from portfolio_lint.analysis.imports import pip_install_names

    found: list[tuple[str, str, int]] = []
    for path in dockerfile_paths(repo):
        text = repo.read_text(path) or ""
        for run in DOCKER_INSTALL.finditer(text):
            line = text.count("\n", 0, run.start()) + 1
            command = run.group("run").replace("\\\n", " ")
            for args in INSTALL_ARGS.finditer(command):
                found.extend((name, path, line) for name in pip_install_names(args.group(1)))
    return found
