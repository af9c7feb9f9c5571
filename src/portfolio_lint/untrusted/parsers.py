"""Bounded TOML and YAML loading: a malformed or hostile file becomes an error message."""

from __future__ import annotations

from typing import Any

import yaml

from portfolio_lint.untrusted import toml as tomllib

MAX_STRUCTURED_CHARS = 512 * 1024
MAX_YAML_ALIASES = 20
# PyYAML's scanner re-checks every open flow collection at each token, so `[[[[...` costs
# depth ** 2 (50,000 levels took a minute); deeper flow nesting is a syntax error here.
MAX_YAML_FLOW_DEPTH = 100


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses `[`/`{` collections nested more than MAX_YAML_FLOW_DEPTH deep."""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 (PyYAML's)
        if self.flow_level >= MAX_YAML_FLOW_DEPTH:
            raise yaml.scanner.ScannerError(
                None,
                None,
                f"nested more than {MAX_YAML_FLOW_DEPTH} levels deep",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(TokenClass)


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
        tokens = yaml.scan(text, Loader=BoundedLoader)
        aliases = sum(isinstance(token, yaml.AliasToken) for token in tokens)
        if aliases > max_aliases:
            return None, f"{aliases} YAML aliases (more than {max_aliases}), not parsed"
        return yaml.load(text, Loader=BoundedLoader), None  # a SafeLoader subclass
    except yaml.YAMLError as error:
        return None, f"invalid YAML: {str(error).splitlines()[0]}"
    except RecursionError:
        return None, "invalid YAML: nested too deeply"
