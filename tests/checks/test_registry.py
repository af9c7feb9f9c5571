"""@check: a check's default rule (identity, defaults, docs) is registered with it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from portfolio_lint.checks import registry
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Severity, Verdict
from portfolio_lint.facts.repo import Repo

DOCS = """{title}

    Why it matters:
        Reviewers open it first.

    How to fix:
        Add one.

    Bad:
        Nothing.

    Good:
        Something.
    """


@pytest.fixture
def scratch_names() -> Iterator[list[str]]:
    """Check names a test registers; removed afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        registry._REGISTRY.pop(name, None)


def _function(doc: str):
    def toy(repo: Repo, *, limit: int = 3) -> Verdict:
        return Verdict.passed()

    toy.__doc__ = doc
    return toy


def test_a_coded_check_registers_its_default_rule(scratch_names):
    scratch_names.append("toy-readme")
    check("toy-readme", code="DOC901", weight=4, severity=Severity.ERROR)(
        _function(DOCS.format(title="A toy README rule."))
    )
    spec = registry.registered_checks()["toy-readme"]
    assert spec.rule is not None
    assert (spec.rule.code, spec.rule.name, spec.rule.family) == ("DOC901", "toy-readme", "DOC")
    assert (spec.rule.weight, spec.rule.severity) == (4.0, Severity.ERROR)
    assert spec.rule.doc.why == "Reviewers open it first." and spec.title == "A toy README rule"
    assert spec.options == {"limit": 3}


def test_rule_name_can_differ_from_the_check_name(scratch_names):
    scratch_names.append("toy-named")
    check("toy-named", code="VCS901", rule_name="toy-other")(_function(DOCS.format(title="T.")))
    rule = registry.registered_checks()["toy-named"].rule
    assert rule is not None and rule.name == "toy-other" and rule.severity is Severity.WARNING


def test_a_check_without_code_has_no_default_rule(scratch_names):
    scratch_names.append("toy-block")
    check("toy-block")(_function("A building block for graders."))
    assert registry.registered_checks()["toy-block"].rule is None


@pytest.mark.parametrize(
    ("code", "doc", "message"),
    [
        ("ZZZ901", DOCS.format(title="T."), "unknown family 'ZZZ'"),
        ("DOC9", DOCS.format(title="T."), "must be 2-4 capitals"),
        ("DOC901", "Only a title.", "needs Why it matters, How to fix, Bad and Good"),
        ("DOC901", "T.\n\nExample:\n    x\n", "unknown docstring section 'Example'"),
    ],
)
def test_bad_rule_metadata_fails_at_registration(scratch_names, code, doc, message):
    scratch_names.append("toy-bad")
    with pytest.raises(ValueError, match=message):
        check("toy-bad", code=code)(_function(doc))
    assert "toy-bad" not in registry.registered_checks()
