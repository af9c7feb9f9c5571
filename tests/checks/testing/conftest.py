"""Fixtures and samples shared by the tests of several testing rules."""

from __future__ import annotations

TESTS = "import pytest\n\n" + "".join(
    f"def test_case_{i}():\n    assert {i} == {i}\n\n" for i in range(6)
)


LIGHTNING = """import pytorch_lightning as pl


class LitModel(pl.LightningModule):
    def test_step(self, batch, batch_idx):
        return self(batch)

    def test_dataloader(self):
        return None
"""


WITH_TESTS = {"tests/test_model.py": TESTS}


PYTEST_CI = ".github/workflows/ci.yml"
