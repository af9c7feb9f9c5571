"""Rubric loading: validation against the check registry, clear errors, the default rubric."""

from __future__ import annotations

import pytest

from portfolio_lint.checks.catalog import all_checks
from portfolio_lint.engine.rubric import (
    RubricError,
    default_rubric_path,
    default_rule_entries,
    load_rubric,
    parse_rubric,
    with_options,
)
from tests.toy_rubric import TOY_CHECKS, rule_entry, toy_checks, toy_rubric, write_rubric  # noqa: F401

pytestmark = pytest.mark.usefixtures("toy_checks")


def test_a_rubric_file_loads(tmp_path):
    path = write_rubric(
        tmp_path / "r.toml", rule_entry("DOC901", "toy-file-exists", weight=2, path="README.md")
    )
    rubric = load_rubric(path)
    (rule,) = rubric.rules
    assert (rule.code, rule.weight, rule.options) == ("DOC901", 2.0, {"path": "README.md"})
    assert rubric.name == "toy" and len(rubric.digest) == 64


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"check": "toy-nope"}, "unknown check 'toy-nope'"),
        ({"options": {"colour": 1}}, "has no option 'colour'"),
        ({"options": {}}, "needs option 'path'"),
        ({"code": "DOC1"}, "code must be"),
        ({"family": "SEC"}, "must start with its family"),
        ({"name": "Not Kebab"}, "kebab-case"),
        ({"weight": -1}, "weight"),
        ({"severity": "fatal"}, "severity"),
        ({"colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_bad_rule_entries_are_named(change, message):
    entry = {**rule_entry("DOC901", "toy-file-exists", path="README.md"), **change}
    with pytest.raises(RubricError, match=message) as error:
        parse_rubric({"rule": [entry]}, source="my.toml")
    assert "my.toml" in str(error.value)


def test_duplicate_codes_are_rejected():
    entry = rule_entry("DOC901", "toy-half")
    with pytest.raises(RubricError, match="duplicate rule code 'DOC901'"):
        parse_rubric({"rule": [entry, {**entry, "name": "other"}]}, source="r.toml")


def test_unreadable_or_malformed_rubric(tmp_path):
    with pytest.raises(RubricError, match="cannot read rubric"):
        load_rubric(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubric(bad)


def test_options_from_config_are_validated():
    rubric = toy_rubric(rule_entry("DOC902", "toy-half"))
    assert with_options(rubric, {"DOC902": {"score": 0.2}}).rules[0].options == {"score": 0.2}
    with pytest.raises(RubricError, match="has no option 'scroe'"):
        with_options(rubric, {"DOC902": {"scroe": 0.2}})


def test_default_rubric_is_consistent_with_the_registry():
    rubric = load_rubric()
    codes = [rule.code for rule in rubric.rules]
    assert len(codes) == len(set(codes))
    used = {rule.check for rule in rubric.rules}
    declarative = {
        "file-exists",
        "file-contains",
        "file-not-contains",
        "readme-section",
        "dependency-declared",
        "import-used",
    }
    unused = set(all_checks()) - used - declarative - set(TOY_CHECKS)
    assert not unused, f"registered checks no rule uses: {sorted(unused)}"
    assert all(rule.rationale and rule.fix for rule in rubric.rules)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x", "a finite number"),
        (True, "a finite number"),
        (float("nan"), "a finite number"),
        ([0.5], "a finite number"),
    ],
)
def test_option_values_must_have_the_defaults_type(value, expected):
    # A project's `threshold = "x"` reached the check and crashed it (TypeError, exit 2).
    rubric = toy_rubric(rule_entry("DOC902", "toy-half"))
    with pytest.raises(RubricError, match=f"option 'score' .* must be {expected}"):
        with_options(rubric, {"DOC902": {"score": value}})
    assert with_options(rubric, {"DOC902": {"score": 1}}).rules[0].options == {"score": 1}


def test_security_tags_come_from_the_checks_a_rule_binds():
    rubric = load_rubric()
    tagged = sorted(rule.code for rule in rubric.rules if "security" in rule.tags)
    assert tagged == ["SEC001", "SEC002", "SEC003", "VCS007", "VCS008"]
    assert all(rule.info.tags == rule.tags for rule in rubric.rules)


def test_a_grader_rule_bound_to_a_security_check_is_tagged_too(tmp_path):
    path = tmp_path / "capstone.toml"
    path.write_text(
        '[families]\nSAFE = "Safety"\n\n[[rule]]\ncode = "SAFE001"\nname = "old-keys"\n'
        'check = "history-secrets"\nfamily = "SAFE"\n',
        encoding="utf-8",
    )
    (rule,) = load_rubric(path).rules
    assert rule.tags == ("security",)


def test_the_default_rubric_is_the_registry_in_family_then_code_order():
    rubric = load_rubric()
    families = list(rubric.families)
    codes = [rule.code for rule in rubric.rules]
    keys = [(families.index(code.rstrip("0123456789")), code) for code in codes]
    assert keys == sorted(keys)
    registered = {s.rule.code: s for s in all_checks().values() if s.rule is not None}
    assert set(codes) == set(registered)
    rule = rubric.by_code("DOC001")
    assert rule is not None and registered["DOC001"].rule is not None
    assert rule.rationale == registered["DOC001"].rule.doc.why
    assert (rule.weight, rule.severity.value) == (5.0, "error")
    assert load_rubric(default_rubric_path()) == rubric


def test_defaults_true_lays_a_files_rules_over_the_default_rules(tmp_path):
    path = tmp_path / "tuned.toml"
    path.write_text(
        '[rubric]\nname = "tuned"\ndefaults = true\n\n'
        '[[rule]]\ncode = "DOC001"\nname = "readme-present"\ncheck = "readme-present"\n'
        'family = "DOC"\nweight = 9\nrationale = "Ours."\nfix = "Ours too."\n\n'
        '[[rule]]\ncode = "DOC101"\nname = "results-section"\ncheck = "readme-section"\n'
        'family = "DOC"\noptions = { pattern = "^results" }\n',
        encoding="utf-8",
    )
    default, tuned = load_rubric(), load_rubric(path)
    assert tuned.name == "tuned" and len(tuned.rules) == len(default.rules) + 1
    assert tuned.rules[0].code == "DOC001" and (tuned.rules[0].weight, tuned.rules[0].fix) == (
        9.0,
        "Ours too.",
    )
    assert tuned.rules[-1].code == "DOC101" and tuned.rules[1:-1] == default.rules[1:]
    assert tuned.digest != default.digest


def test_defaults_must_be_a_boolean_and_a_file_without_rules_needs_it():
    with pytest.raises(RubricError, match="defaults must be true or false"):
        parse_rubric({"rubric": {"defaults": "yes"}}, source="r.toml")
    with pytest.raises(RubricError, match=r"no \[\[rule\]\] entries"):
        parse_rubric({"rubric": {"name": "empty"}}, source="r.toml")


def test_the_digest_is_of_the_rule_list_not_the_file_bytes(tmp_path):
    entry = rule_entry("DOC901", "toy-file-exists", path="README.md")
    first = write_rubric(tmp_path / "a.toml", entry)
    second = tmp_path / "b.toml"
    second.write_text("# a comment changes no rule\n" + first.read_text("utf-8"), "utf-8")
    heavier = write_rubric(tmp_path / "c.toml", {**entry, "weight": 3})
    assert load_rubric(first).digest == load_rubric(second).digest
    assert load_rubric(first).digest != load_rubric(heavier).digest


def test_role_comes_from_the_check_unless_the_entry_sets_one():
    from portfolio_lint.core.model import Role

    rubric = load_rubric()
    assert rubric.by_code("SEC001").info.role is Role.PROBLEM
    assert rubric.by_code("TST001").info.role is Role.PRACTICE
    entry = {**next(e for e in default_rule_entries() if e["code"] == "SEC001")}
    entry["role"] = "practice"
    overridden = parse_rubric({"rule": [entry]}, source="grader.toml")
    assert overridden.rules[0].info.role is Role.PRACTICE
    with pytest.raises(RubricError, match="role must be practice or problem"):
        parse_rubric({"rule": [{**entry, "role": "bonus"}]}, source="grader.toml")


def test_kinds_come_from_the_check_unless_the_entry_sets_them():
    rubric = load_rubric()
    assert rubric.by_code("OPS004").kinds == ("serving-app",)
    assert rubric.by_code("DOC001").kinds is None
    entry = {**next(e for e in default_rule_entries() if e["code"] == "DOC001")}
    entry["kinds"] = ["llm-app", "serving-app"]
    narrowed = parse_rubric({"rule": [entry]}, source="grader.toml")
    assert narrowed.rules[0].kinds == ("llm-app", "serving-app")
    del entry["kinds"]
    assert narrowed.digest != parse_rubric({"rule": [entry]}, source="grader.toml").digest


@pytest.mark.parametrize("kinds", [[], ["webapp"], "serving-app", [3]])
def test_kinds_must_be_a_list_of_known_kinds(kinds):
    entry = {**rule_entry("DOC901", "toy-file-exists", path="README.md"), "kinds": kinds}
    with pytest.raises(RubricError, match="kinds must be a non-empty list of notebook-study"):
        parse_rubric({"rule": [entry]}, source="my.toml")
