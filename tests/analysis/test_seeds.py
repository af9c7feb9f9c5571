"""Tests of analysis/seeds.py: randomness, training and seeds read from one parse."""

from __future__ import annotations

import ast

import pytest

from portfolio_lint.analysis.metrics import measure
from portfolio_lint.analysis.seeds import cell_tree, module_seed_facts
from portfolio_lint.core.file_facts import SeedFacts


def facts(source: str) -> SeedFacts | None:
    return module_seed_facts(measure(ast.parse(source)).calls, measure(ast.parse(source)).imports)


def test_nothing_random_or_trained_gives_no_facts() -> None:
    assert facts("import pandas as pd\ndf = pd.read_csv('a.csv')\n") is None


@pytest.mark.parametrize(
    "seed",
    [
        "np.random.seed(42)",
        "random.seed(SEED)",
        "torch.manual_seed(0)",
        "torch.cuda.manual_seed_all(0)",
        "tf.random.set_seed(1)",
        "keras.utils.set_random_seed(1)",
        "pl.seed_everything(7)",
        "set_seed(args.seed)",
        "key = jax.random.PRNGKey(0)",
        "rng = np.random.default_rng(2024)",
    ],
)
def test_global_seeds(seed: str) -> None:
    found = facts(f"{seed}\nmodel.fit(X, y)\n")
    assert found is not None and found.seed_line == 1


@pytest.mark.parametrize(
    "call",
    ["np.random.seed()", "random.seed(None)", "np.random.default_rng()", "torch.initial_seed()"],
)
def test_calls_that_set_no_reproducible_seed(call: str) -> None:
    found = facts(f"{call}\nmodel.fit(X, y)\n")
    assert found is not None and found.seed_line is None


def test_per_call_random_state_is_a_local_seed_not_a_random_source() -> None:
    found = facts("m = RandomForestRegressor(random_state=0)\nm.fit(X, y)\n")
    assert found == SeedFacts(training_line=2, local_seeds=1)


def test_deep_learning_training_is_random_without_a_draw() -> None:
    source = "import torch\nloss = crit(model(x), y)\nloss.backward()\noptimizer.step()\n"
    found = facts(source)
    assert found is not None
    assert (found.training_line, found.random_line) == (4, 4)
    assert found.random_what == "torch (random initial weights)"


def test_a_saliency_backward_pass_is_not_training() -> None:
    assert facts("import torch\nscore = model(x)[0, 3]\nscore.backward()\n") is None


def test_estimator_kwargs_from_a_config_may_hold_the_seed() -> None:
    found = facts("m = RandomForestClassifier(**params)\nm.fit(X, y)\n")
    assert found is not None and found.random_line is None


def test_notebook_magics_are_blanked_keeping_lines() -> None:
    tree = cell_tree("!pip install torch\n%matplotlib inline\nimport torch\n")
    assert tree is not None and isinstance(tree.body[2], ast.Import)
    assert cell_tree("def broken(:\n") is None


@pytest.mark.parametrize(
    ("draw", "what"),
    [
        ("train = df.sample(frac=0.8)", "df.sample"),
        ("train_ds, val_ds = random_split(ds, [0.8, 0.2])", "random_split"),
        ("train_ds, val_ds = data.random_split(ds, [0.8, 0.2])", "data.random_split"),
        ("rng = np.random.default_rng()", "np.random.default_rng"),
        ("X, y = shuffle(X, y)", "shuffle"),
        ("rows = random.sample(rows, 100)", "random.sample"),
    ],
)
def test_random_splits_samples_and_unseeded_generators_draw(draw: str, what: str) -> None:
    found = facts(f"{draw}\nmodel.fit(X, y)\n")
    assert found is not None and (found.random_line, found.random_what) == (1, what)


@pytest.mark.parametrize(
    "call",
    [
        "train = df.sample(frac=0.8, random_state=7)",
        "parts = random_split(ds, [0.8, 0.2], generator=g)",
        "X, y = shuffle(X, y, random_state=0)",
    ],
)
def test_a_split_or_sample_given_a_seed_is_a_local_seed(call: str) -> None:
    assert facts(f"{call}\nmodel.fit(X, y)\n") == SeedFacts(training_line=2, local_seeds=1)


@pytest.mark.parametrize("call", ["print(df.sample(n=5))", "print(df.sample(5))", "xs.shuffle()"])
def test_showing_a_few_rows_draws_nothing_that_matters(call: str) -> None:
    found = facts(f"{call}\nmodel.fit(X, y)\n")
    assert found is not None and found.random_line is None


def test_a_network_s_initial_weights_are_shown_before_a_global_draw() -> None:
    source = "import keras\ni = np.random.randint(0, 9)\nshow(images[i])\nmodel.fit(X, y)\n"
    found = facts(source)
    assert found is not None
    assert (found.random_line, found.random_what) == (4, "keras (random initial weights)")
    plain = facts("i = np.random.randint(0, 9)\nmodel.fit(X, y)\n")
    assert plain is not None and plain.random_what == "np.random.randint"


def test_the_deep_learning_library_noted_does_not_depend_on_set_order() -> None:
    from portfolio_lint.analysis.seeds import _Visitor

    calls = list(ast.walk(ast.parse("model.fit(x)\n")))
    picked = set()
    for imports in (["torch", "tensorflow"], ["tensorflow", "torch"]):
        seeds = _Visitor()
        seeds.visit([c for c in calls if isinstance(c, ast.Call)], imports)
        picked.add(seeds.deep_learning)
    assert picked == {"tensorflow"}  # the first by name, whatever order the set gives
