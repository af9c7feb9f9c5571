"""Tests of QUA013 random-seeds-set: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README, cell, md, nb

SKLEARN_UNSEEDED = """\
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churn"), df.churn)
model = RandomForestClassifier(n_estimators=300)
model.fit(X_train, y_train)
"""

SKLEARN_SEEDED = SKLEARN_UNSEEDED.replace("df.churn)", "df.churn, random_state=42)").replace(
    "n_estimators=300)", "n_estimators=300, random_state=42)"
)

TORCH_UNSEEDED = """\
import torch
from torch import nn

model = nn.Linear(10, 1)
optimizer = torch.optim.Adam(model.parameters())
for epoch in range(10):
    loss = model(torch.ones(4, 10)).sum()
    loss.backward()
    optimizer.step()
"""

TORCH_SEEDED = "import torch\ntorch.manual_seed(0)\n" + TORCH_UNSEEDED

LIGHTNING_SEEDED = """\
import lightning as L
from mypkg.model import Classifier

L.seed_everything(42, workers=True)
trainer = L.Trainer(max_epochs=5)
trainer.fit(Classifier())
"""

HF_TRAINER = """\
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", num_train_epochs=3)
Trainer(model=model, args=args, train_dataset=train_ds).train()
"""

LINEAR_ONLY = """\
import numpy as np
from sklearn.linear_model import LinearRegression

X = np.loadtxt("data/x.csv")
LinearRegression().fit(X[:, :-1], X[:, -1])
"""

SEED_FROM_CONFIG = """\
import numpy as np
import random
from utils import set_global_seed

set_global_seed(cfg.seed)
X = np.random.rand(100, 3)
model.fit(X)
"""

SCALER_ONLY = """\
import numpy as np
from sklearn.preprocessing import StandardScaler

sample = np.random.choice(rows, 100)
scaler = StandardScaler()
scaler.fit(sample)
"""

KFOLD = """\
from sklearn.model_selection import KFold, cross_val_score
from sklearn.linear_model import Ridge

folds = KFold(n_splits=5, shuffle={shuffle})
model = Ridge().fit(X, y)
"""


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"train.py": SKLEARN_UNSEEDED}, Status.FAILED),
        ({"train.py": SKLEARN_SEEDED}, Status.PASSED),
        ({"src/churn/train.py": TORCH_UNSEEDED}, Status.FAILED),
        ({"src/churn/train.py": TORCH_SEEDED}, Status.PASSED),
        ({"train.py": LIGHTNING_SEEDED}, Status.PASSED),
        ({"finetune.py": HF_TRAINER}, Status.PASSED),  # TrainingArguments seeds with 42
        ({"train.py": LINEAR_ONLY}, Status.PASSED),  # deterministic training
        ({"train.py": SEED_FROM_CONFIG}, Status.PASSED),  # a project helper named *seed*
        ({"train.py": KFOLD.format(shuffle="True")}, Status.FAILED),
        ({"train.py": KFOLD.format(shuffle="False")}, Status.PASSED),
        # a seed with no value seeds from the clock
        (
            {
                "train.py": "import random\nrandom.seed()\n"
                + SKLEARN_SEEDED.replace("model.fit", "random.shuffle(rows)\nmodel.fit")
            },
            Status.FAILED,
        ),
        (
            {"train.py": "import numpy as np\nrng = np.random.default_rng(7)\n" + SKLEARN_SEEDED},
            Status.PASSED,
        ),
    ],
)
def test_random_seeds_set(make_repo, run_rule, files, status):
    assert run_rule("QUA013", make_repo({**README, **files})).status is status


@pytest.mark.parametrize(
    "files",
    [
        {"eda.py": "import numpy as np\nprint(np.random.rand(3))\n"},  # random, no training
        {"prep.py": SCALER_ONLY},  # fitting a scaler is not training
        {"tests/test_train.py": SKLEARN_UNSEEDED},  # tests are not the project's training
        {"site-packages/lib/train.py": SKLEARN_UNSEEDED},
    ],
)
def test_no_training_code_is_not_applicable(make_repo, run_rule, files):
    result = run_rule("QUA013", make_repo({**README, **files}))
    assert result.status is Status.NOT_APPLICABLE


def test_finding_names_the_source_and_line(make_repo, run_rule):
    result = run_rule("QUA013", make_repo({**README, "train.py": SKLEARN_UNSEEDED}))
    [finding] = result.findings
    assert (finding.location.path, finding.location.line) == ("train.py", 6)
    assert "train_test_split" in finding.message and "line 8" in finding.message


def test_score_is_the_share_of_seeded_training_files(make_repo, run_rule):
    files = {
        "a/train.py": SKLEARN_UNSEEDED,
        "b/train.py": SKLEARN_SEEDED,
        "c/train.py": TORCH_SEEDED,
    }
    result = run_rule("QUA013", make_repo({**README, **files}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(2 / 3)


def test_notebook_seeded_in_an_earlier_cell_passes(make_repo, run_rule):
    notebook = nb(
        md("# Heart disease"),
        cell("!pip install tensorflow\nimport tensorflow as tf\ntf.random.set_seed(42)\n", 1),
        cell("model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n", 2),
        cell("%%time\nmodel.fit(X, y, epochs=5)\n", 3),
    )
    assert run_rule("QUA013", make_repo({**README, "model.ipynb": notebook})).status is (
        Status.PASSED
    )


def test_unseeded_keras_notebook_fails_at_the_training_cell(make_repo, run_rule):
    notebook = nb(
        cell("!pip install tensorflow\nimport tensorflow as tf\n", 1),
        cell("model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n", 2),
        cell("history = model.fit(X, y, epochs=5)\n", 3),
    )
    result = run_rule("QUA013", make_repo({**README, "model.ipynb": notebook}))
    assert result.status is Status.FAILED
    [finding] = result.findings
    assert "tensorflow" in finding.message
    lines = notebook.split("\n")
    assert "model.fit" in lines[finding.location.line - 1]


def test_a_seed_set_by_the_entry_point_covers_the_engine_module(make_repo, run_rule):
    files = {
        "train.py": "from pic.engine import run\nfrom pic.utils import setup\nsetup(1)\nrun()\n",
        "pic/utils.py": "import torch\ndef setup(seed):\n    torch.manual_seed(seed)\n",
        "pic/engine.py": TORCH_UNSEEDED,
    }
    assert run_rule("QUA013", make_repo({**README, **files})).status is Status.PASSED


def test_a_seed_in_another_project_of_a_monorepo_does_not_count(make_repo, run_rule):
    files = {
        "vision/train.py": TORCH_UNSEEDED,
        "tabular/train.py": SKLEARN_SEEDED.replace(
            "import pandas as pd", "import numpy as np\nnp.random.seed(0)\nimport pandas as pd"
        ),
    }
    result = run_rule("QUA013", make_repo({**README, **files}))
    assert [f.location.path for f in result.findings] == ["vision/train.py"]


def test_a_notebook_is_not_seeded_by_a_module(make_repo, run_rule):
    notebook = nb(cell("import tensorflow as tf\nmodel.fit(X, y)\n", 1))
    files = {"utils.py": "import random\nrandom.seed(1)\n", "model.ipynb": notebook}
    assert run_rule("QUA013", make_repo({**README, **files})).status is Status.FAILED


XGB_SPLIT_BY_SAMPLE = """\
import pandas as pd
import xgboost as xgb

df = pd.read_csv("data/houses.csv")
train = df.sample(frac=0.8)
test = df.drop(train.index)
model = xgb.XGBRegressor(n_estimators=400)
model.fit(train.drop(columns="price"), train.price)
print(df.sample(n=5))
"""


def test_a_split_drawn_with_dataframe_sample_needs_a_seed(make_repo, run_rule):
    # xgboost seeds itself, but the rows it trains on change on every run
    result = run_rule("QUA013", make_repo({**README, "train.py": XGB_SPLIT_BY_SAMPLE}))
    assert result.status is Status.FAILED
    [finding] = result.findings
    assert (finding.location.line, "df.sample") == (5, finding.key)
    seeded = XGB_SPLIT_BY_SAMPLE.replace("frac=0.8)", "frac=0.8, random_state=7)")
    assert run_rule("QUA013", make_repo({**README, "train.py": seeded})).status is Status.PASSED
