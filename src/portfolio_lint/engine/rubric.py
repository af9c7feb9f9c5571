"""Load a rubric (TOML) into Rule values and validate it against the check registry."""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from portfolio_lint import resources
from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.checks.registry import CheckSpec
from portfolio_lint.core.model import Severity
from portfolio_lint.core.rubric import Rubric, Rule, option_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_FAMILIES = {
    "DOC": "README & docs",
    "ENV": "Environment & reproducibility",
    "TST": "Tests & coverage",
    "CI": "Continuous integration",
    "DAT": "Data paths & data files",
    "SEC": "Secrets",
    "QUA": "Code quality & structure",
    "VCS": "Version control & history",
}
RULE_KEYS = {"code", "name", "check", "family", "weight", "severity", "options", "rationale", "fix"}


class RubricError(Exception):
    """A rubric that cannot be used; the message names the file and the entry."""


def default_rubric_path() -> Path:
    """The rubric shipped with the package."""
    return resources.shipped_file("portfolio.toml")


def with_options(rubric: Rubric, overrides: Mapping[str, Mapping[str, Any]]) -> Rubric:
    """A copy whose rules take extra options (validated like the rubric's own)."""
    checks = all_checks()
    rules = []
    for rule in rubric.rules:
        extra = overrides.get(rule.code)
        if extra:
            _validate_options(checks[rule.check], extra, f"options for {rule.code}")
            rule = Rule(**{**rule.__dict__, "options": {**rule.options, **extra}})
        rules.append(rule)
    return Rubric(rubric.name, tuple(rules), rubric.families, rubric.digest)


def load_rubric(path: Path | None = None) -> Rubric:
    """Read and validate a rubric; `None` loads the default one."""
    path = path or default_rubric_path()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RubricError(f"cannot read rubric {path}: {error.strerror}") from error
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RubricError(f"{path}: not valid TOML: {error}") from error
    return parse_rubric(data, source=str(path), digest=hashlib.sha256(raw).hexdigest())


def parse_rubric(data: Mapping[str, Any], *, source: str, digest: str = "") -> Rubric:
    """Validate rubric data already parsed from TOML."""
    meta = data.get("rubric", {})
    families = {**DEFAULT_FAMILIES, **data.get("families", {})}
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise RubricError(f"{source}: no [[rule]] entries")
    checks = all_checks()
    rules: list[Rule] = []
    for index, entry in enumerate(entries, start=1):
        rules.append(_parse_rule(entry, checks, families, f"{source}: rule #{index}"))
    _reject_duplicates(rules, source)
    name = str(meta.get("name", Path(source).stem))
    return Rubric(name, tuple(rules), families, digest)


def _parse_rule(
    entry: Any, checks: Mapping[str, CheckSpec], families: Mapping[str, str], where: str
) -> Rule:
    if not isinstance(entry, dict):
        raise RubricError(f"{where}: must be a table")
    unknown = set(entry) - RULE_KEYS
    if unknown:
        raise RubricError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in ("code", "name", "check", "family"):
        if not isinstance(entry.get(key), str):
            raise RubricError(f"{where}: missing or non-string {key!r}")
    code, name, check_name, family = (entry[k] for k in ("code", "name", "check", "family"))
    where = f"{where} ({code})"
    if not CODE_PATTERN.match(code):
        raise RubricError(f"{where}: code must be 2-4 capitals and 3 digits, e.g. DOC001")
    if not code.startswith(family):
        raise RubricError(f"{where}: code must start with its family {family!r}")
    if family not in families:
        raise RubricError(f"{where}: unknown family {family!r}; declare it under [families]")
    if not NAME_PATTERN.match(name):
        raise RubricError(f"{where}: name {name!r} must be kebab-case")
    if check_name not in checks:
        raise RubricError(f"{where}: unknown check {check_name!r}")
    weight = entry.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        raise RubricError(f"{where}: weight must be a number >= 0")
    try:
        severity = Severity(entry.get("severity", "warning"))
    except ValueError:
        raise RubricError(f"{where}: severity must be error, warning or info") from None
    options = entry.get("options", {})
    if not isinstance(options, dict):
        raise RubricError(f"{where}: options must be a table")
    _validate_options(checks[check_name], options, where)
    return Rule(
        code=code,
        name=name,
        check=check_name,
        family=family,
        weight=float(weight),
        severity=severity,
        rationale=str(entry.get("rationale", "")).strip(),
        fix=str(entry.get("fix", "")).strip(),
        options=options,
        tags=checks[check_name].tags,
        check_title=checks[check_name].title,
        defaults=checks[check_name].options,
    )


def _validate_options(spec: CheckSpec, options: Mapping[str, Any], where: str) -> None:
    for key in options:
        if option_key(key) not in spec.options:
            known = ", ".join(k.replace("_", "-") for k in spec.options) or "none"
            raise RubricError(
                f"{where}: check {spec.name!r} has no option {key!r} (options: {known})"
            )
    given = {option_key(k) for k in options}
    for required in spec.required_options():
        if required not in given:
            option = required.replace("_", "-")
            raise RubricError(f"{where}: check {spec.name!r} needs option {option!r}")
    for key, value in options.items():
        expected = _option_type_error(spec.options[option_key(key)], value)
        if expected:
            raise RubricError(
                f"{where}: option {key!r} of check {spec.name!r} must be {expected},"
                f" not {value!r:.60}"
            )
    if spec.validate is not None:
        try:
            spec.validate({option_key(k): v for k, v in options.items()})
        except ValueError as error:
            raise RubricError(f"{where}: check {spec.name!r}: {error}") from None


def _option_type_error(default: Any, value: Any) -> str | None:
    """What type `value` should have, judged by the option's default; None when it fits.

    A project's `[options]` reach the checks as they are: `threshold = "x"` crashed one.
    """
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, (int, float)):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            return "a finite number"
        return "a whole number" if isinstance(default, int) and isinstance(value, float) else None
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, (tuple, list)):
        fits = isinstance(value, (tuple, list)) and all(isinstance(v, str) for v in value)
        return None if fits else "a list of strings"
    return None


def _reject_duplicates(rules: list[Rule], source: str) -> None:
    for attribute in ("code", "name"):
        seen: set[str] = set()
        for rule in rules:
            value = getattr(rule, attribute)
            if value in seen:
                raise RubricError(f"{source}: duplicate rule {attribute} {value!r}")
            seen.add(value)
