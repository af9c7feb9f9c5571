"""Tests of OPS008 model-documentation: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import API, STUDY

CARDED = (
    "# Titanic survival\n\n## Data\n\nKaggle's 891 passengers.\n\n## Results\n\nAUC 0.86.\n\n"
    "## Limitations\n\nThird-class children are rare.\n\n## Intended use\n\nTeaching only.\n"
)


def test_a_readme_with_the_four_sections_passes_a_study(make_repo, run_rule):
    result = run_rule("OPS008", make_repo({"study.ipynb": STUDY, "README.md": CARDED}))
    assert result.status is Status.PASSED
    assert "limitations (README line 11)" in result.summary


def test_a_model_card_file_is_enough(make_repo, run_rule):
    files = {"study.ipynb": STUDY, "README.md": "# Titanic\n", "MODEL_CARD.md": "# Card\n"}
    assert run_rule("OPS008", make_repo(files)).status is Status.PASSED


def test_missing_sections_are_named_with_an_example(make_repo, run_rule):
    readme = "# Titanic\n\n## Results\n\nAUC 0.86.\n"
    result = run_rule("OPS008", make_repo({"study.ipynb": STUDY, "README.md": readme}))
    assert result.score == 0.25
    assert [f.message.split(";")[0] for f in result.findings] == [
        "The README says nothing on the model's data",
        "The README says nothing on the model's limitations",
        "The README says nothing on the model's intended use",
    ]


def test_an_app_also_needs_a_demo_or_a_screenshot(make_repo, run_rule):
    without = run_rule("OPS008", make_repo({"api/main.py": API, "README.md": CARDED}))
    assert without.score == 0.5
    shot = CARDED + "\n![The form](docs/form.png)\n"
    with_shot = run_rule("OPS008", make_repo({"api/main.py": API, "README.md": shot}))
    assert with_shot.status is Status.PASSED


def test_a_library_is_not_judged_on_model_documentation(make_repo, run_rule):
    files = {"pyproject.toml": '[project]\nname = "tidy"\n', "tidy/__init__.py": "import numpy\n"}
    assert run_rule("OPS008", make_repo(files)).status is Status.NOT_APPLICABLE
