"""Tests of QUA009 no-undefined-names: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README

TRAIN_CUT = """\
import torch
from model import Net


def train(loader):
    model = Net()
    opt = torch.optim.Adam(model.parameters())
    for batch in loader:
        loss = criterion(model(batch.x), batch.y)
        loss.backward()
        opt.step()
    return evaluate(model, val_loader)
"""

TRAIN_WHOLE = """\
from __future__ import annotations

import torch
from torch import nn

from model import Net

try:
    import wandb
except ImportError:
    wandb = None


def train(loader, val_loader) -> Net:
    model: Net = Net()
    criterion = nn.CrossEntropyLoss()
    for batch in loader:
        criterion(model(batch.x), batch.y).backward()
    if wandb is not None:
        wandb.log({"done": True})
    return model
"""


def test_fires_on_names_never_defined_and_points_at_them(make_repo, run_rule):
    repo = make_repo({**README, "train.py": TRAIN_CUT, "model.py": "class Net: ...\n"})
    result = run_rule("QUA009", repo)
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(1 / 2)
    assert [(f.location.path, f.location.line) for f in result.findings] == [
        ("train.py", 9),
        ("train.py", 12),
        ("train.py", 12),
    ]
    assert "`criterion` is used but never defined" in result.findings[0].message


def test_quiet_on_complete_code_star_imports_and_tests(make_repo, run_rule):
    files = {
        **README,
        "src/app/train.py": TRAIN_WHOLE,
        "src/app/model.py": "class Net: ...\n",
        "src/app/layers.py": "from torch.nn import *\nblock = Sequential(Linear(2, 2))\n",
        "tests/test_train.py": "def test_it():\n    assert fixture_from_conftest\n",
    }
    assert run_rule("QUA009", make_repo(files)).status is Status.PASSED


def test_not_applicable_without_python(make_repo, run_rule):
    assert run_rule("QUA009", make_repo(README)).status is Status.NOT_APPLICABLE
