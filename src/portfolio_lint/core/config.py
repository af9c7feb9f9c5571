"""Project configuration: `[tool.portfolio-lint]` or `portfolio-lint.toml` → a frozen Config."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from portfolio_lint.core.kinds import KINDS

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
    # Inline suppressions (`# portfolio-lint: ignore[...]`, `gitleaks:allow`) are the linted
    # repository's own words: graders (--isolated, batch) do not honour them unless they opt
    # back in, or allow some codes. Set from the command line only, never from the repository.
    honour_inline_ignores: bool = True
    inline_ignores_allowed: tuple[str, ...] = ()
    kind: str | None = None  # the project's kind, when the repository says what it is

    def selectors(self) -> dict[str, tuple[str, ...]]:
        """Every rule selector the config names, keyed by the config key that holds it."""
        found: dict[str, tuple[str, ...]] = {
            "select": self.select,
            "ignore": (*self.ignore, *self.ignore_reasons),
            "extend-select": self.extend_select,
            "extend-ignore": self.extend_ignore,
        }
        for glob, codes in self.per_path_ignores:
            found[f"per-path-ignores.{glob}"] = codes
        found["options"] = tuple(self.options)
        return found


def _string_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    return tuple(v.upper() for v in _string_list(value, key, where))


def _reasons(value: Any, key: str, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: `{key}` must be a table of CODE = "reason"')
    reasons = {}
    for code, reason in value.items():
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}: `{key}.{code}` must be a non-empty reason string")
        reasons[code.strip().upper()] = reason.strip()
    return reasons


def _ignores(value: Any, key: str, where: str) -> tuple[tuple[str, ...], dict[str, str]]:
    if isinstance(value, dict):
        return (), _reasons(value, key, where)
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


def _kind(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or value.strip().lower() not in KINDS:
        raise ConfigError(f"{where}: `{key}` must be one of {', '.join(KINDS)}")
    return value.strip().lower()


_PARSERS: dict[str, tuple[str, Callable[[Any, str, str], Any]]] = {
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "extend-ignore": ("extend_ignore", _codes),
    "per-path-ignores": ("per_path_ignores", _per_path),
    "exclude": ("exclude", _string_list),
    "fail-under": ("fail_under", _fail_under),
    "options": ("options", _options),
    "kind": ("kind", _kind),
}


def parse_config(table: Mapping[str, Any], where: str) -> Config:
    """Validate a `[tool.portfolio-lint]` table."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: must be a table")
    values: dict[str, Any] = {"source": where}
    for key, value in table.items():
        if key == "ignore":
            values["ignore"], reasons = _ignores(value, key, where)
            values["ignore_reasons"] = {**values.get("ignore_reasons", {}), **reasons}
            continue
        if key == "ignore-with-reason":
            values["ignore_reasons"] = {
                **_reasons(value, key, where),
                **values.get("ignore_reasons", {}),
            }
            continue
        if key not in _PARSERS:
            known = ", ".join(sorted([*_PARSERS, "ignore", "ignore-with-reason"]))
            raise ConfigError(f"{where}: unknown key `{key}` (known keys: {known})")
        attribute, parser = _PARSERS[key]
        values[attribute] = parser(value, key, where)
    return Config(**values)


def _tool_table(pyproject: Mapping[str, Any]) -> Any:
    tool = pyproject.get("tool")
    return tool.get("portfolio-lint") if isinstance(tool, dict) else None


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
        except (tomllib.TOMLDecodeError, RecursionError) as error:
            if name == "pyproject.toml":
                warnings.append(f"{name}: not valid TOML ({error}); no config read from it")
                continue
            raise ConfigError(f"{name}: not valid TOML: {error}") from error
        table = _tool_table(data) if name == "pyproject.toml" else data
        if table is None:
            continue
        if name == "pyproject.toml":
            return parse_config(table, "pyproject.toml [tool.portfolio-lint]"), warnings
        return parse_config(table, name), warnings
    return Config(), warnings


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """`--select DOC,ENV --select SEC` → ("DOC", "ENV", "SEC")."""
    return tuple(s.strip().upper() for value in values for s in value.split(",") if s.strip())


@dataclass(frozen=True)
class CommandLineSelection:
    """The command line's selections: `select` replaces the config's, the others extend it."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    fail_under: float | None = None
    honour_inline_ignores: bool = True
    inline_ignores_allowed: tuple[str, ...] = ()
    kind: str | None = None  # the project's kind, when the repository says what it is

    def selectors(self) -> dict[str, tuple[str, ...]]:
        """The selectors keyed by option name, for typo checks."""
        return {
            "--select": self.select,
            "--ignore": self.ignore,
            "--extend-select": self.extend_select,
            "--extend-ignore": self.extend_ignore,
            "--allow-inline-ignore": self.inline_ignores_allowed,
        }


def cli_overrides(
    select: Sequence[str],
    ignore: Sequence[str],
    extend_select: Sequence[str],
    extend_ignore: Sequence[str],
    fail_under: float | None,
    *,
    honour_inline_ignores: bool = True,
    inline_ignores_allowed: Sequence[str] = (),
) -> CommandLineSelection:
    """Command-line options (repeatable, comma-separated) as one selection."""
    return CommandLineSelection(
        _split(select),
        _split(ignore),
        _split(extend_select),
        _split(extend_ignore),
        fail_under,
        honour_inline_ignores,
        _split(inline_ignores_allowed),
    )


def apply_cli(config: Config, cli: CommandLineSelection) -> Config:
    """Merge command-line selections into a project config."""
    return replace(
        config,
        select=cli.select or config.select,
        ignore=(*config.ignore, *cli.ignore),
        extend_select=(*config.extend_select, *cli.extend_select),
        extend_ignore=(*config.extend_ignore, *cli.extend_ignore),
        fail_under=cli.fail_under if cli.fail_under is not None else config.fail_under,
        honour_inline_ignores=cli.honour_inline_ignores,
        inline_ignores_allowed=cli.inline_ignores_allowed,
    )


def check_selectors(
    selectors: Mapping[str, Sequence[str]],
    codes: Sequence[str],
    where: str,
    *,
    exact: Sequence[str] = (),
) -> None:
    """Raise ConfigError naming the first selector that matches no rule (a typo, usually).

    Keys listed in `exact` must name a rule code exactly (options are set per rule)."""
    from portfolio_lint.core.removed import removed_rule
    from portfolio_lint.core.selection import validate_selectors

    for key, values in selectors.items():
        removed = [r for r in map(removed_rule, values) if r is not None]
        if removed and "select" in key:
            raise ConfigError(f"{where}: `{key}` names a removed rule: {removed[0].message}")
        values = [v for v in values if removed_rule(v) is None]  # ignoring it is harmless
        if key in exact:
            unknown = [v for v in values if v not in codes]
        else:
            unknown = validate_selectors(values, codes)
        if unknown:
            raise ConfigError(
                f"{where}: `{key}` names {unknown[0]!r}, which matches no rule of the rubric "
                "(use a code like DOC001, a family prefix like DOC, or ALL)"
            )
