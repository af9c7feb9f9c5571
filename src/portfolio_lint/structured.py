"""Bounded TOML and YAML loading: a malformed or hostile file becomes an error message."""

from __future__ import annotations

import sys
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

MAX_STRUCTURED_CHARS = 512 * 1024
MAX_YAML_ALIASES = 20


def load_toml(text: str, limit: int = MAX_STRUCTURED_CHARS) -> tuple[dict[str, Any], str | None]:
    """The parsed table and None, or an empty table and why it could not be read."""
    if len(text) > limit:
        return {}, f"larger than {limit} characters, not parsed"
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        return {}, f"invalid TOML: {error}"
    except RecursionError:
        return {}, "invalid TOML: nested too deeply"


def load_yaml(
    text: str, limit: int = MAX_STRUCTURED_CHARS, max_aliases: int = MAX_YAML_ALIASES
) -> tuple[Any, str | None]:
    """The parsed document and None, or None and why it was rejected (size, aliases, syntax)."""
    if len(text) > limit:
        return None, f"larger than {limit} characters, not parsed"
    try:
        # Aliases are how "billion laughs" documents explode; real config files barely use them.
        tokens = yaml.scan(text, Loader=yaml.SafeLoader)
        aliases = sum(isinstance(token, yaml.AliasToken) for token in tokens)
        if aliases > max_aliases:
            return None, f"{aliases} YAML aliases (more than {max_aliases}), not parsed"
        return yaml.safe_load(text), None
    except yaml.YAMLError as error:
        return None, f"invalid YAML: {str(error).splitlines()[0]}"
    except RecursionError:
        return None, "invalid YAML: nested too deeply"
