"""Project configuration: `[tool.portfolio-lint]` or `portfolio-lint.toml` → a frozen Config."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("portfolio-lint.toml", ".portfolio-lint.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1 << 20


class ConfigError(Exception):
    """Configuration that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Config:
    """Settings for one lint run, merged from the project file and the command line."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    ignore_reasons: Mapping[str, str] = field(default_factory=dict)
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_under: float | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str | None = None

    @property
    def all_ignores(self) -> tuple[str, ...]:
        """Every ignore selector, plain or with a reason."""
        return (*self.ignore, *self.extend_ignore, *self.ignore_reasons)

    def merged(self, **overrides: Any) -> Config:
        """A copy with the given fields replaced (None values are left alone)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _string_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(v.strip() for v in value)


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    return tuple(v.upper() for v in _string_list(value, key, where))


def _ignores(value: Any, key: str, where: str) -> tuple[tuple[str, ...], dict[str, str]]:
    if isinstance(value, dict):
        reasons = {}
        for code, reason in value.items():
            if not isinstance(reason, str) or not reason.strip():
                raise ConfigError(f"{where}: `{key}.{code}` must be a non-empty reason string")
            reasons[code.upper()] = reason.strip()
        return (), reasons
    return _codes(value, key, where), {}


def _per_path(value: Any, key: str, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of glob = [codes]")
    return tuple((glob, _codes(codes, f"{key}.{glob}", where)) for glob, codes in value.items())


def _fail_under(value: Any, key: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: `{key}` must be a number from 0 to 100")
    return float(value)


def _options(value: Any, key: str, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{where}: `{key}` must be a table of CODE = {{ option = value }}")
    return {code.upper(): dict(options) for code, options in value.items()}


_PARSERS: dict[str, tuple[str, Callable[[Any, str, str], Any]]] = {
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "extend-ignore": ("extend_ignore", _codes),
    "per-path-ignores": ("per_path_ignores", _per_path),
    "exclude": ("exclude", _string_list),
    "fail-under": ("fail_under", _fail_under),
    "options": ("options", _options),
}


def parse_config(table: Mapping[str, Any], where: str) -> Config:
    """Validate a `[tool.portfolio-lint]` table."""
    values: dict[str, Any] = {"source": where}
    for key, value in table.items():
        if key == "ignore":
            values["ignore"], values["ignore_reasons"] = _ignores(value, key, where)
            continue
        if key not in _PARSERS:
            known = ", ".join(sorted([*_PARSERS, "ignore"]))
            raise ConfigError(f"{where}: unknown key `{key}` (known keys: {known})")
        attribute, parser = _PARSERS[key]
        values[attribute] = parser(value, key, where)
    return Config(**values)


def config_from_files(read: Callable[[str], bytes | None]) -> tuple[Config, list[str]]:
    """Find and parse the project's config with `read(relative_path)`; returns warnings too."""
    warnings: list[str] = []
    for name in CONFIG_FILES:
        raw = read(name)
        if raw is None:
            continue
        if len(raw) > MAX_CONFIG_BYTES:
            warnings.append(f"{name}: larger than {MAX_CONFIG_BYTES} bytes, not read as config")
            continue
        try:
            data = tomllib.loads(raw.decode("utf-8", errors="replace"))
        except tomllib.TOMLDecodeError as error:
            if name == "pyproject.toml":
                warnings.append(f"{name}: not valid TOML ({error}); no config read from it")
                continue
            raise ConfigError(f"{name}: not valid TOML: {error}") from error
        table = data.get("tool", {}).get("portfolio-lint") if name == "pyproject.toml" else data
        if table is None:
            continue
        if name == "pyproject.toml":
            return parse_config(table, "pyproject.toml [tool.portfolio-lint]"), warnings
        return parse_config(table, name), warnings
    return Config(), warnings


def cli_overrides(
    select: Sequence[str], ignore: Sequence[str], extend_select: Sequence[str],
    extend_ignore: Sequence[str], fail_under: float | None,
) -> dict[str, Any]:
    """Command-line options as Config fields (select replaces, the others extend)."""
    split = [s.strip().upper() for value in select for s in value.split(",") if s.strip()]
    return {
        "select": tuple(split) or None,
        "more_ignore": [s.strip().upper() for v in ignore for s in v.split(",") if s.strip()],
        "more_extend_select": [
            s.strip().upper() for v in extend_select for s in v.split(",") if s.strip()
        ],
        "more_extend_ignore": [
            s.strip().upper() for v in extend_ignore for s in v.split(",") if s.strip()
        ],
        "fail_under": fail_under,
    }


def apply_cli(config: Config, overrides: Mapping[str, Any]) -> Config:
    """Merge command-line selections into a project config."""
    return replace(
        config,
        select=overrides["select"] or config.select,
        ignore=(*config.ignore, *overrides["more_ignore"]),
        extend_select=(*config.extend_select, *overrides["more_extend_select"]),
        extend_ignore=(*config.extend_ignore, *overrides["more_extend_ignore"]),
        fail_under=(
            overrides["fail_under"] if overrides["fail_under"] is not None else config.fail_under
        ),
    )
