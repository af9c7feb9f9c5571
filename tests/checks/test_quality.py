"""QUA001-QUA004 on repositories built on disk: where each fires and where it stays quiet."""

from __future__ import annotations

import json

import pytest

from portfolio_lint.core.model import Status

QUA_CODES = {"QUA001", "QUA002", "QUA003", "QUA004"}


def branchy(name: str, branches: int) -> str:
    """A function with cyclomatic complexity `branches + 1`."""
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(branches))
    return f'def {name}(x):\n    """Pick."""\n{body}    return -1\n'


def notebook(source: str) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": [source],
        }
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


# A PyTorch Lightning model as students write it: hooks without docstrings, `test_step` in a
# module that is not a test, a long training step.
LIGHTNING = '''"""Churn classifier."""
import pytorch_lightning as pl
import torch


class ChurnModel(pl.LightningModule):
    """A small MLP."""

    def __init__(self, width=64):
        super().__init__()
        self.net = torch.nn.Linear(10, width)

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def test_step(self, batch, batch_idx):
        return self.training_step(batch, batch_idx)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


def load_model(path):
    """Load a checkpoint."""
    return ChurnModel.load_from_checkpoint(path)
'''


# --- QUA001 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),
        ({"train.py": branchy("simple", 3)}, Status.PASSED),
        ({"train.py": branchy("train_loop", 14)}, Status.FAILED),
        ({"train.py": branchy("train_loop", 14) + branchy("load", 1)}, Status.PARTIAL),
        (
            {"tests/test_train.py": branchy("test_many", 30), "train.py": branchy("a", 1)},
            Status.PASSED,
        ),  # tests are left out
    ],
)
def test_low_complexity(make_repo, run_rule, files, status):
    result = run_rule("QUA001", make_repo(files))
    assert result.status is status
    if status is not Status.PASSED:
        finding = result.findings[0]
        assert "train_loop" in finding.message and "15" in finding.message
        assert finding.location.path == "train.py" and finding.location.line == 1


def test_low_complexity_partial_score_is_the_share_under_the_limit(make_repo, run_rule):
    files = {"a.py": branchy("big", 12) + branchy("b", 1) + branchy("c", 1) + branchy("d", 1)}
    assert run_rule("QUA001", make_repo(files)).score == pytest.approx(0.75)


def test_low_complexity_option_and_worst_first(make_repo, run_rule):
    files = {"a.py": branchy("mid", 6) + branchy("worst", 9)}
    result = run_rule("QUA001", make_repo(files), **{"max-complexity": 5})
    assert [f.message.split("`")[1] for f in result.findings] == ["worst", "mid"]


@pytest.mark.parametrize(
    "files",
    [
        {"README.md": "# Nothing\n"},
        {"eda.ipynb": notebook("import pandas as pd\n")},
        {"run.py": "print('hello')\n"},  # a script without functions: QUA003's business
        {"tests/test_a.py": "def test_a():\n    assert True\n"},
        {"broken.py": "def f(:\n"},
    ],
)
def test_low_complexity_not_applicable(make_repo, run_rule, files):
    assert run_rule("QUA001", make_repo(files)).status is Status.NOT_APPLICABLE


# --- QUA002 ------------------------------------------------------------------------------------


def test_maintainability_fires_on_a_huge_tangled_module(make_repo, run_rule):
    tangled = "".join(branchy(f"step{i}", 25) for i in range(12))
    result = run_rule("QUA002", make_repo({"pipeline.py": tangled, "util.py": LIGHTNING}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(0.5)
    assert result.findings[0].location.path == "pipeline.py"
    assert "Maintainability index" in result.findings[0].message


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),
        ({"src/__init__.py": "", "src/model.py": LIGHTNING}, Status.PASSED),  # empty: not scored
        (
            {"tests/test_big.py": "".join(branchy(f"t{i}", 25) for i in range(12))},
            Status.NOT_APPLICABLE,
        ),
        ({"notebook.ipynb": notebook("x = 1\n")}, Status.NOT_APPLICABLE),
    ],
)
def test_maintainability_quiet(make_repo, run_rule, files, status):
    assert run_rule("QUA002", make_repo(files)).status is status


def commented_branchy(name: str, branches: int) -> str:
    """`branchy` with a comment on every branch."""
    return branchy(name, branches).replace(":\n        return", ":  # case\n        return")


# radon's index (LLOC, comment percentage) puts these on the other side of 19 from the old
# formula's (SLOC, comment count): a large module with a few comments is low (15.3, was 25.3),
# a well commented one is not (24.7, was 9.1).
LARGE_FEW_COMMENTS = "# Steps of the pipeline.\n" * 30 + "".join(
    branchy(f"step{i}", 12) for i in range(13)
)
WELL_COMMENTED = "".join(commented_branchy(f"step{i}", 12) for i in range(14))


def test_maintainability_uses_radons_index(make_repo, run_rule):
    result = run_rule(
        "QUA002", make_repo({"big.py": LARGE_FEW_COMMENTS, "commented.py": WELL_COMMENTED})
    )
    assert result.status is Status.PARTIAL
    assert [f.location.path for f in result.findings] == ["big.py"]
    assert "Maintainability index 15.3 (radon rank B" in result.findings[0].message


def test_maintainability_quiet_on_a_well_commented_module(make_repo, run_rule):
    assert run_rule("QUA002", make_repo({"commented.py": WELL_COMMENTED})).status is Status.PASSED


# --- QUA003 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"eda.ipynb": notebook("x = 1\n"), "train.ipynb": notebook("y = 2\n")}, Status.FAILED),
        (
            {"eda.ipynb": notebook("x = 1\n"), "tests/test_x.py": "def test_x():\n    pass\n"},
            Status.FAILED,
        ),  # a test file is not a module of the product
        ({"eda.ipynb": notebook("x = 1\n"), "run.py": "import pandas\nprint(1)\n"}, Status.PARTIAL),
        ({"run.py": "import pandas\nprint(1)\n"}, Status.PARTIAL),
        ({"eda.ipynb": notebook("x = 1\n"), "src/churn/model.py": LIGHTNING}, Status.PASSED),
        ({"train.py": "def main():\n    pass\n"}, Status.PASSED),
        (
            {
                "eda.ipynb": notebook("x = 1\n"),
                "setup.py": "from setuptools import setup\nsetup()\n",
                "src/churn/__init__.py": "",
            },
            Status.FAILED,
        ),  # packaging and empty files are no code
        ({"README.md": "# Churn\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_modular_code(make_repo, run_rule, files, status):
    assert run_rule("QUA003", make_repo({"README.md": "# Churn\n", **files})).status is status


# --- QUA004 ------------------------------------------------------------------------------------

UNDOCUMENTED = "def load(path):\n    return path\n\n\ndef save(path):\n    return path\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),  # framework hooks need no docstring
        ({"io.py": UNDOCUMENTED}, Status.FAILED),
        ({"io.py": UNDOCUMENTED + 'def ok():\n    """Fine."""\n'}, Status.PARTIAL),
        (
            {
                "io.py": "def _helper():\n    pass\n\n\nclass _Private:\n    def run(self):\n"
                "        pass\n"
            },
            Status.NOT_APPLICABLE,
        ),
        ({"tests/test_io.py": "def test_load():\n    pass\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_docstring_coverage(make_repo, run_rule, files, status):
    result = run_rule("QUA004", make_repo(files))
    assert result.status is status
    if status is Status.PARTIAL:
        assert result.score == pytest.approx((1 / 3) / 0.5)
        assert {f.message.split("`")[1] for f in result.findings} == {"load", "save"}


def test_docstring_coverage_target_option(make_repo, run_rule):
    files = {"io.py": UNDOCUMENTED + 'def ok():\n    """Fine."""\n'}
    assert run_rule("QUA004", make_repo(files), target=0.3).status is Status.PASSED


def test_plain_folder_is_measured_too(make_repo, run_rule):
    repo = make_repo(
        {"eda.ipynb": notebook("x = 1\n"), "train.py": branchy("train_loop", 14)}, git_repo=False
    )
    assert run_rule("QUA003", repo).status is Status.PASSED
    assert run_rule("QUA001", repo).status is Status.FAILED
