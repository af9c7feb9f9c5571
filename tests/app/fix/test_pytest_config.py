"""pytest and coverage tables: appended to pyproject.toml only if absent, never rewritten."""

from __future__ import annotations

from portfolio_lint.app.fix import pytest_config
from portfolio_lint.untrusted.toml import loads
from tests.app.fix.conftest import only

TESTS = {
    "shop/__init__.py": "",
    "shop/cart.py": "def total(items):\n    return sum(items)\n",
    "tests/tests.py": (
        "from shop.cart import total\n\ndef test_total():\n    assert total([1]) == 1\n"
    ),
}


def test_a_new_pyproject_configures_pytest_for_the_tests_found_and_coverage(fix_context):
    change = only(pytest_config.propose(fix_context(TESTS)))

    assert change.creates and change.path == "pyproject.toml"
    tool = loads(change.text)["tool"]
    assert tool["pytest"]["ini_options"]["testpaths"] == ["tests"]
    # tests.py is not a name pytest collects by default
    assert "tests.py" in tool["pytest"]["ini_options"]["python_files"]
    assert tool["coverage"]["run"]["source"] == ["shop"]


def test_an_existing_pyproject_is_appended_to_and_stays_valid(fix_context):
    before = '[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 100\n'
    change = only(pytest_config.propose(fix_context({**TESTS, "pyproject.toml": before})))

    assert change.after.startswith(before)
    data = loads(change.after)
    assert data["project"]["name"] == "shop" and "pytest" in data["tool"]


def test_only_the_missing_table_is_added(fix_context):
    before = '[tool.pytest.ini_options]\naddopts = "-q"\n'
    change = only(pytest_config.propose(fix_context({**TESTS, "pyproject.toml": before})))

    assert "[tool.pytest" not in change.text and "[tool.coverage.run]" in change.text


def test_a_toml_that_would_not_parse_after_appending_is_left_alone(fix_context):
    before = "tool = { black = { line-length = 88 } }\n"  # an inline tool table: no [tool.x] after
    context = fix_context({**TESTS, "pyproject.toml": before})

    assert pytest_config.propose(context) == []
    assert "would not parse" in context.notes[0]


def test_no_tests_no_configuration(fix_context):
    assert pytest_config.propose(fix_context({"app.py": "print(1)\n"})) == []
