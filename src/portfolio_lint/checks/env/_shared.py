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


INSTALL_ARGS = re.compile(r"\b(?:pip3?|uv pip|conda|mamba)\s+install\s+([^&;|]*)")
SCRIPT = re.compile(
    r"(^|/)(Makefile|GNUmakefile|[^/]+\.(sh|bash))$|^\.github/workflows/[^/]+\.ya?ml$"
    r"|^\.gitlab-ci\.ya?ml$"
)


def install_command_files(repo: Repo) -> list[str]:
    """Dockerfiles, Makefiles, shell scripts and CI workflows: where install commands are."""
    scripts = [e.path for e in repo.files if SCRIPT.search(e.path) and not repo.is_vendored(e.path)]
    return [*dockerfile_paths(repo), *scripts]


def command_installs(repo: Repo) -> list[tuple[str, str, int]]:
    """Packages `pip install` / `conda install` commands name in those files: (name, file, line).

    A command continued with a backslash is read whole; `-r file` and local paths are not names.
    """
    from portfolio_lint.analysis.imports import pip_install_names

    found: list[tuple[str, str, int]] = []
    for path in install_command_files(repo):
        text = repo.read_text(path) or ""
        if "install" not in text:
            continue
        command, first = "", 0
        for number, line in enumerate(text.splitlines(), start=1):
            first = first or number
            if line.rstrip().endswith("\\"):
                command += line.rstrip()[:-1] + " "
                continue
            command += line
            for args in INSTALL_ARGS.finditer(command):
                found.extend((name, path, first) for name in pip_install_names(args.group(1)))
            command, first = "", 0
    return found
