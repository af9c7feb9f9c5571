"""`extends = "portfolio"`: overrides, extra rules, removed rules and grade bands."""

from __future__ import annotations

from dataclasses import replace

import pytest

from portfolio_lint.core.model import Severity
from portfolio_lint.core.scoring import GRADE_BANDS, grade
from portfolio_lint.engine.rubric import RubricError, load_rubric, parse_rubric

HEADER = '[rubric]\nname = "capstone"\nextends = "portfolio"\n'


def _load(tmp_path, text):
    path = tmp_path / "capstone.toml"
    path.write_text(text, encoding="utf-8")
    return load_rubric(path)


def test_an_override_changes_one_weight_and_nothing_else(tmp_path):
    default = load_rubric()
    rubric = _load(tmp_path, HEADER + "\n[overrides.DOC005]\nweight = 7\n")
    assert [r.code for r in rubric.rules] == [r.code for r in default.rules]
    changed = [
        (old, new) for old, new in zip(default.rules, rubric.rules, strict=True) if old != new
    ]
    assert len(changed) == 1
    old, new = changed[0]
    assert new.code == "DOC005" and new.weight == 7.0 and old.weight != 7.0
    assert replace(new, weight=old.weight) == old
    assert rubric.overridden == {"DOC005": {"weight": old.weight}}
    assert rubric.grades == GRADE_BANDS and rubric.digest != default.digest


def test_defaults_true_is_an_alias_of_extends(tmp_path):
    alias = '[rubric]\nname = "capstone"\ndefaults = true\n\n[overrides.DOC005]\nweight = 7\n'
    extends = HEADER + "\n[overrides.DOC005]\nweight = 7\n"
    assert _load(tmp_path, alias).digest == _load(tmp_path, extends).digest


def test_severity_override_and_a_rule_table_with_the_same_code(tmp_path):
    rubric = _load(
        tmp_path,
        HEADER + '\n[overrides.ENV001]\nseverity = "info"\n\n'
        '[[rule]]\ncode = "DOC001"\nname = "readme-present"\ncheck = "readme-present"\n'
        'family = "DOC"\nweight = 9\nfix = "Ours."\n',
    )
    env001, doc001 = rubric.by_code("ENV001"), rubric.by_code("DOC001")
    assert env001 is not None and env001.severity is Severity.INFO
    assert doc001 is not None and (doc001.weight, doc001.fix) == (9.0, "Ours.")


def test_removed_rules_are_gone_and_extra_rules_are_added(tmp_path):
    default = load_rubric()
    rubric = _load(
        tmp_path,
        HEADER.replace('"portfolio"\n', '"portfolio"\nremove = ["VCS011", "sec001"]\n')
        + '\n[families]\nCAP = "Capstone"\n\n'
        '[[rule]]\ncode = "CAP001"\nname = "model-card"\ncheck = "file-exists"\n'
        'family = "CAP"\noptions = { glob = "MODEL_CARD.md" }\n',
    )
    codes = [r.code for r in rubric.rules]
    expected = [r.code for r in default.rules if r.code not in ("VCS011", "SEC001")]
    assert codes == [*expected, "CAP001"]


def test_grade_bands_are_applied_and_validated(tmp_path):
    rubric = _load(tmp_path, HEADER + "\n[grades]\nA = 93\nB = 85\nC = 75\nD = 65\n")
    assert rubric.grades == ((93.0, "A"), (85.0, "B"), (75.0, "C"), (65.0, "D"))
    assert [grade(s, rubric.grades) for s in (93, 92.9, 84.9, 65, 64.9)] == list("ABCDF")
    assert grade(91) == "A"  # the default bands are unchanged
    assert rubric.digest != _load(tmp_path, HEADER).digest  # bands are in the cache key


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("[grades]\nA = 80\nB = 85\n", "B = 85 must be below A = 80"),
        ("[grades]\nA = 101\n", "A must be a number from 0 to 100"),
        ("[grades]\nA = -1\n", "A must be a number from 0 to 100"),
        ('[grades]\nA = "90"\n', "A must be a number from 0 to 100"),
        ("[overrides.DOC999]\nweight = 2\n", "no rule 'DOC999'"),
        ('[overrides.DOC005]\nname = "x"\n', "cannot override 'name'"),
        ('[overrides.DOC005]\nseverity = "fatal"\n', "severity must be"),
        ("[overrides.DOC005]\nweight = -2\n", "weight must be"),
    ],
)
def test_bad_layers_are_one_clear_error(tmp_path, tail, message):
    with pytest.raises(RubricError, match=message):
        _load(tmp_path, HEADER + "\n" + tail)


def test_extends_names_a_known_base_and_removal_needs_it():
    with pytest.raises(RubricError, match="extends must be one of 'portfolio'"):
        parse_rubric({"rubric": {"extends": "minimal"}}, source="r.toml")
    with pytest.raises(RubricError, match="remove: no rule 'VCS999'"):
        parse_rubric({"rubric": {"extends": "portfolio", "remove": ["VCS999"]}}, source="r.toml")
    with pytest.raises(RubricError, match="remove needs extends"):
        parse_rubric({"rubric": {"remove": ["VCS011"]}, "rule": []}, source="r.toml")
    with pytest.raises(RubricError, match="no rule 'VCS011' in the rubric"):
        parse_rubric(
            {
                "rubric": {"extends": "portfolio", "remove": ["VCS011"]},
                "overrides": {"VCS011": {"weight": 1}},
            },
            source="r.toml",
        )
