"""The table of distributions that common ones install with them."""

from __future__ import annotations

from portfolio_lint.facts.installed_with import installed_with


def test_direct_and_indirect_requirements_name_the_declared_package():
    assert installed_with("numpy", {"pandas"}) == "pandas"
    assert installed_with("tokenizers", {"flask", "sentence-transformers"}) == (
        "sentence-transformers"
    )
    assert installed_with("numpy", {"seaborn"}) == "seaborn"


def test_nothing_installs_an_unrelated_or_undeclared_package():
    assert installed_with("opencv-python", {"pandas", "scikit-learn"}) is None
    assert installed_with("numpy", set()) is None
    assert installed_with("pandas", {"numpy"}) is None


def test_a_direct_requirement_is_named_before_an_indirect_one():
    assert installed_with("numpy", {"matplotlib", "pandas", "seaborn"}) == "matplotlib"
    assert installed_with("huggingface-hub", {"datasets", "sentence-transformers"}) == "datasets"
    assert installed_with("pillow", {"seaborn", "torchvision"}) == "torchvision"
