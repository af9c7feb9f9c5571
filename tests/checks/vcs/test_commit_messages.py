"""Tests of VCS011 commit-messages: where it fires and where it stays quiet."""

from __future__ import annotations

import sys

import pytest

from portfolio_lint.checks.vcs.commit_messages import is_vague
from portfolio_lint.core.model import Status

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass
from tests.checks.vcs.conftest import _linear


@pytest.mark.parametrize(
    ("subject", "vague"),
    [
        ("update", True),
        ("Update", True),
        ("fix", True),
        ("asdf", True),
        ("wip", True),
        ("update 2", True),
        ("...", True),
        ("aaaaaa", True),
        ("Add files via upload", True),
        ("Add stratified split to avoid leakage", False),
        ("Fix off-by-one in the data loader", False),
        ("Update README with install steps", False),
        ("Initial commit", False),
        ("Обновить README: добавить установку", False),
        ("修复数据加载错误", False),
        # GitHub's and Colab's default messages name a file, not a change
        ("Update README.md", True),
        ("Create train.py", True),
        ("Delete notebooks/old.ipynb", True),
        ("Created using Colaboratory", True),
        ("Created using Colab", True),
        ("Update README.md with the results table", False),
        ("Add Dockerfile", False),
        ("Rename eda.ipynb to 01_eda.ipynb", False),
        ("Update scikit-learn to 1.5", False),
        # generic verbs with a generic object, in every tense
        ("updated code", True),
        ("Updated README.md", True),
        ("Updated app.py", True),
        ("Added files", True),
        ("minor changes", True),
        ("some updates", True),
        ("Fix bug", True),
        ("bug fixes", True),
        ("changes", True),
        ("first commit", True),
        ("Refactoring", True),
        ("README.md", True),
        ("Update code.", True),
        ("Fix the crash when the CSV has no header", False),
        ("Add gradient clipping to the training loop", False),
        ("Update README with the Docker instructions", False),
        ("feat: add FastAPI /predict endpoint", False),
        ("chore: updated minor stuff", True),
        ("fix(api): update", True),
        ("Добавил обучение модели", False),
        ("Corrige la normalisation des images", False),
    ],
)
def test_is_vague(subject: str, vague: bool) -> None:
    assert is_vague(subject) is vague


def test_vague_messages_score_partially_with_examples(history_repo, run_rule) -> None:
    messages = ["Add data loader", "update", "fix", "asdf", "update", "Add training loop"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(6))))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(2 / 6)
    assert "4 of 6" in result.findings[0].message


def test_repeated_default_messages_are_grouped(history_repo, run_rule) -> None:
    messages = ["Add files via upload", *["Update README.md"] * 6, "Add SHAP plots of drivers"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(8))))
    message = result.findings[0].message
    assert "7 of 8" in message and "'Update README.md' (x6)" in message
    assert message.count("Update README.md") == 1


def test_descriptive_messages_pass(history_repo, run_rule) -> None:
    messages = ["Add data loader", "Train baseline model", "Report accuracy in README"]
    assert run_rule("VCS011", history_repo(_linear(messages, range(3)))).status is Status.PASSED


def test_the_same_subject_a_dozen_times_is_vague(history_repo, run_rule) -> None:
    messages = ["Add data loader", "Add training loop", *(f"Day {i} progress" for i in range(12))]
    result = run_rule("VCS011", history_repo(_linear(messages, range(14))))
    assert result.status is Status.PARTIAL
    assert "12 of 14" in result.findings[0].message


def test_a_few_repeats_of_a_real_subject_pass(history_repo, run_rule) -> None:
    messages = [
        "Tune the learning rate",
        "Tune the learning rate",
        "Add early stopping",
        "Log metrics to MLflow",
        "Add the evaluation report",
        "Tune the learning rate",
    ]
    assert run_rule("VCS011", history_repo(_linear(messages, range(6)))).status is Status.PASSED


@pytest.mark.parametrize(
    ("first", "passed"),
    [
        ("first commit", True),  # the opening commit may be generic
        ("Add project", True),
        ("Add files via upload", False),  # a web upload is vague anywhere
    ],
)
def test_the_first_commit_may_be_generic(history_repo, run_rule, first, passed) -> None:
    messages = [first, "Add the data loader", "Train a baseline", "Report the test F1"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(4))))
    assert (result.status is Status.PASSED) is passed


def test_first_commit_later_in_the_history_is_vague(history_repo, run_rule) -> None:
    messages = ["Add the data loader", "first commit", "first commit", "Report the test F1"]
    result = run_rule("VCS011", history_repo(_linear(messages, range(4))))
    assert "2 of 4" in result.findings[0].message
