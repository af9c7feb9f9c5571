"""Load a rubric into Rule values and validate it against the check registry.

The default rubric is every registered default rule (`checks.registry.DefaultRule`) in family
order, then code; a rubric file with `[rubric] extends = "portfolio"` (or `defaults = true`)
starts from those rules and changes them (`engine.rubric_layers`). A grader's rubric without it
lists its own `[[rule]]` entries and gets nothing else.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from portfolio_lint import resources
from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.checks.registry import CheckSpec
from portfolio_lint.core.families import CODE_PATTERN, FAMILIES, display_order
from portfolio_lint.core.kinds import KINDS
from portfolio_lint.core.model import Role, Severity
from portfolio_lint.core.removed import REMOVED_CHECKS, REMOVED_RULES, RemovedRule, removed_rule
from portfolio_lint.core.rubric import Rubric, Rule, option_key
from portfolio_lint.core.scoring import GRADE_BANDS
from portfolio_lint.engine.rubric_errors import RubricError as RubricError
from portfolio_lint.engine.rubric_layers import grade_bands, layered_entries
from portfolio_lint.untrusted import toml

NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RULE_KEYS = {
    "code",
    "name",
    "check",
    "family",
    "weight",
    "severity",
    "role",
    "kinds",
    "options",
    "rationale",
    "fix",
}


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
    return replace(rubric, rules=tuple(rules))


def load_rubric(path: Path | None = None) -> Rubric:
    """Read and validate a rubric; `None` loads the default one."""
    path = path or default_rubric_path()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RubricError(f"cannot read rubric {path}: {error.strerror}") from error
    try:
        data = toml.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, toml.TOMLDecodeError) as error:
        raise RubricError(f"{path}: not valid TOML: {error}") from error
    return parse_rubric(data, source=str(path))


def default_rule_entries() -> list[dict[str, Any]]:
    """Every registered default rule as a rubric entry, in family order, then code."""
    entries = []
    for spec in all_checks().values():
        if spec.rule is not None:
            rule = spec.rule
            entries.append(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "check": spec.name,
                    "family": rule.family,
                    "weight": rule.weight,
                    "severity": rule.severity.value,
                    "rationale": rule.doc.why,
                    "fix": rule.doc.fix,
                }
            )
    return sorted(entries, key=lambda entry: display_order(entry["code"]))


def parse_rubric(data: Mapping[str, Any], *, source: str) -> Rubric:
    """Validate rubric data already parsed from TOML."""
    meta = data.get("rubric", {})
    families = {**FAMILIES, **data.get("families", {})}
    entries, overridden = layered_entries(data, source, default_rule_entries)
    checks = all_checks()
    rules: list[Rule] = []
    warnings: list[str] = []
    for index, entry in enumerate(entries, start=1):
        removed = _removed(entry)
        if removed is not None:
            warnings.append(f"{source}: rule #{index} left out: {removed.message}")
            continue
        rules.append(_parse_rule(entry, checks, families, f"{source}: rule #{index}"))
    _reject_duplicates(rules, source)
    name = str(meta.get("name", Path(source).stem))
    grades = grade_bands(data, source) or GRADE_BANDS
    digest = rules_digest(name, rules, families, grades)
    return Rubric(name, tuple(rules), families, digest, grades, overridden, tuple(warnings))


def _removed(entry: Any) -> RemovedRule | None:
    """The removed rule an entry names by its code or its check, or None."""
    if not isinstance(entry, dict):
        return None
    code, check_name = entry.get("code"), entry.get("check")
    by_code = removed_rule(code) if isinstance(code, str) else None
    if by_code is None and check_name in REMOVED_CHECKS:
        return next(r for r in REMOVED_RULES.values() if r.name == check_name)
    return by_code


def rules_digest(
    name: str,
    rules: list[Rule],
    families: Mapping[str, str],
    grades: tuple[tuple[float, str], ...] = GRADE_BANDS,
) -> str:
    """A digest of the canonical rule list and grade bands: equal rubrics, equal digests
    (batch cache key). The default bands add nothing, so older digests stay valid."""
    canonical: dict[str, Any] = {
        "name": name,
        "families": dict(families),
        "rules": [
            {
                **asdict(r.info),
                "check": r.check,
                "options": sorted(r.options.items()),
                **({"kinds": r.kinds} if r.kinds is not None else {}),
            }
            for r in rules
        ],
    }
    if grades != GRADE_BANDS:
        canonical["grades"] = [list(band) for band in grades]
    text = json.dumps(canonical, sort_keys=True, default=repr, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    try:
        role = Role(entry.get("role", checks[check_name].role.value))
    except ValueError:
        raise RubricError(f"{where}: role must be practice or problem") from None
    kinds = _kinds(entry.get("kinds"), checks[check_name].kinds, where)
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
        role=role,
        rationale=str(entry.get("rationale", "")).strip(),
        fix=str(entry.get("fix", "")).strip(),
        options=options,
        tags=checks[check_name].tags,
        check_title=checks[check_name].title,
        defaults=checks[check_name].options,
        examples=_examples(checks[check_name], code),
        kinds=kinds,
    )


def _kinds(value: Any, default: tuple[str, ...] | None, where: str) -> tuple[str, ...] | None:
    """A rubric entry's `kinds = [...]` (project kinds the rule applies to), else the check's."""
    if value is None:
        return default
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(k, str) and k in KINDS for k in value)
    ):
        raise RubricError(f"{where}: kinds must be a non-empty list of {', '.join(KINDS)}")
    return tuple(value)


def _examples(spec: CheckSpec, code: str) -> tuple[str, str]:
    """The bad and good examples of the check's default rule, for that rule only (a grader's
    rule bound to the same check may judge with other options)."""
    rule = spec.rule
    if rule is None or rule.code != code:
        return ("", "")
    return (rule.doc.bad, rule.doc.good)


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
