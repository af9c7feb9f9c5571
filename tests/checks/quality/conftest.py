"""Fixtures and samples shared by the tests of several quality rules."""

from __future__ import annotations

import json
from typing import Any


def cell(source: str, count: int | None = None, outputs: list[Any] | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": outputs or [],
        "source": source.splitlines(keepends=True),
    }


def md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [source]}


def nb(*cells: dict) -> str:
    notebook = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1, sort_keys=True) + "\n"


README = {"README.md": "# Project\n"}


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
