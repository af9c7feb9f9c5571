"""The catalog lists every rule module, and every default rule is fully documented."""

from __future__ import annotations

import inspect
from pathlib import Path

from portfolio_lint.checks import catalog
from portfolio_lint.checks.catalog import RULE_MODULES, all_checks
from portfolio_lint.core.families import FAMILIES

CHECKS = Path(catalog.__file__).parent
TESTS = Path(__file__).parent
FOLDER = {
    "DOC": "docs",
    "ENV": "env",
    "TST": "testing",
    "CI": "ci",
    "DAT": "data",
    "SEC": "secrets",
    "QUA": "quality",
    "VCS": "vcs",
    "OPS": "ops",
}


def rule_module_files() -> set[str]:
    """Dotted names of the modules under checks/<family>/ that are not _private helpers."""
    return {
        f"portfolio_lint.checks.{path.parent.name}.{path.stem}"
        for path in CHECKS.glob("*/*.py")
        if not path.name.startswith("_")
    }


def test_the_catalog_lists_every_rule_module():
    listed = {module.__name__ for module in RULE_MODULES}
    assert listed == rule_module_files()
    assert set(FOLDER) == set(FAMILIES)


def test_each_rule_module_holds_one_default_rule_in_its_family_folder():
    rules = [spec for spec in all_checks().values() if spec.rule is not None]
    by_module = {spec.function.__module__: spec for spec in rules}
    assert len(by_module) == len(rules) == len(RULE_MODULES)
    for module in RULE_MODULES:
        spec = by_module[module.__name__]
        assert spec.rule is not None
        family, name = module.__name__.split(".")[-2:]
        assert family == FOLDER[spec.rule.family], module.__name__
        # Named after the rule; a leading test_ is dropped (the tool reads test_*.py as tests).
        assert name == spec.rule.name.replace("-", "_").removeprefix("test_"), module.__name__


def test_every_default_rule_is_documented_and_has_a_test_module():
    for spec in all_checks().values():
        if spec.rule is None:
            continue
        doc = spec.rule.doc
        assert doc.title and doc.complete, spec.name
        assert all(len(example.splitlines()) <= 4 for example in (doc.bad, doc.good)), spec.name
        family, name = spec.function.__module__.split(".")[-2:]
        test_name = f"test_{spec.rule.name.replace('-', '_')}.py"
        assert (TESTS / family / test_name).is_file(), f"no tests/checks/{family}/{test_name}"
        assert inspect.getsourcefile(spec.function) == str(CHECKS / family / f"{name}.py")
