"""The environment variables a project's code reads: `os.getenv`, `os.environ[...]`, settings."""

from __future__ import annotations

import re

from portfolio_lint.facts.code_texts import code_texts
from portfolio_lint.facts.repo import Repo, repository_fact

# `os.getenv("X")`, `os.environ["X"]`, `os.environ.get("X")`, `environ.setdefault("X", ...)`,
# and the same inside a notebook's JSON (quotes escaped as `\"`).
ENV_READ = re.compile(
    r"(?:\benviron(?:\.get|\.setdefault)?\s*[\[(]|\bgetenv\s*\()\s*\\?[\"']"
    r"([A-Za-z_][A-Za-z0-9_]{0,79})\\?[\"']"
)
# pydantic settings: a `class X(BaseSettings):` body's `name: type` fields are read from the
# environment by their upper-case name (an `env_prefix` is prepended).
SETTINGS_CLASS = re.compile(r"^class\s+\w+\s*\([^)]*BaseSettings[^)]*\)\s*:\s*$", re.MULTILINE)
SETTINGS_FIELD = re.compile(r"^[ \t]+([a-z_][a-z0-9_]*)\s*:\s*[\w\[\], .|]+(?:=.*)?$")
ENV_PREFIX = re.compile(r"env_prefix\s*=\s*[\"']([A-Za-z0-9_]*)[\"']")
# Set by the shell, the OS or the platform, never by the project's user in a .env file.
SYSTEM_VARIABLES = frozenset(
    {
        "HOME",
        "PATH",
        "PWD",
        "USER",
        "USERNAME",
        "USERPROFILE",
        "SHELL",
        "TERM",
        "LANG",
        "TMPDIR",
        "TEMP",
        "TMP",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "CI",
        "GITHUB_ACTIONS",
        "COLAB_GPU",
        "KAGGLE_KERNEL_RUN_TYPE",
        "APPDATA",
        "LOCALAPPDATA",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "HOSTNAME",
        # set by launchers and frameworks, not by the user
        "RANK",
        "LOCAL_RANK",
        "WORLD_SIZE",
        "MASTER_ADDR",
        "MASTER_PORT",
        "MPLBACKEND",
        "DJANGO_SETTINGS_MODULE",
    }
)


@repository_fact
def environment_variables(repo: Repo) -> tuple[tuple[str, str], ...]:
    """Each variable the author's code reads (not the system's own), with the first file
    that reads it, sorted by name."""
    found: dict[str, str] = {}
    for path, text in code_texts(repo):
        names = reads(text) if "environ" in text or "getenv" in text else []
        if "BaseSettings" in text:
            names += settings_fields(text)
        for name in names:
            if name not in SYSTEM_VARIABLES:
                found.setdefault(name, path)
    return tuple(sorted(found.items()))


ASSIGNED = re.compile(r"\\?\]\s*=(?!=)")


def reads(text: str) -> list[str]:
    """The variables `text` reads (`os.environ["X"] = ...` sets X: not a read)."""
    return [
        match.group(1) for match in ENV_READ.finditer(text) if not ASSIGNED.match(text, match.end())
    ]


def settings_fields(text: str) -> list[str]:
    """The variables pydantic `BaseSettings` classes in `text` read (upper-cased fields)."""
    names: list[str] = []
    for match in SETTINGS_CLASS.finditer(text):
        fields: list[str] = []
        prefix = ""
        for line in text[match.end() :].split("\n")[1:]:
            if line.strip() and not line.startswith((" ", "\t")):
                break
            setting = ENV_PREFIX.search(line)
            if setting:
                prefix = setting.group(1)
            field = SETTINGS_FIELD.match(line)
            if field and not field.group(1).startswith("model_"):
                fields.append(field.group(1))
        names += [(prefix + name).upper() for name in fields]
    return names
