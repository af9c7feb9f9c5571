"""Tests of QUA011 no-stub-entry-points: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README

GUTTED = '''\
"""Fine-tune a language model on support tickets."""
import argparse


def load_data(path):
    return open(path).read().splitlines()


def train(args):
    """Fine-tune the model."""
    # TODO: tokenizer, LoRA adapters, Trainer
    # TODO: save the adapter to args.output_dir
    pass


def run_training(args):
    ...


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int)
    run_training(parser.parse_args())
'''


def test_fires_on_gutted_entry_points(make_repo, run_rule):
    result = run_rule("QUA011", make_repo({**README, "finetune.py": GUTTED}))
    assert result.status is Status.PARTIAL  # the script itself has code: load_data
    assert [(f.key, f.location.line) for f in result.findings] == [
        ("train", 9),
        ("run_training", 16),
    ]
    assert "`__main__` block's target" in result.findings[1].message


COMMENTED_OUT = """\
import pandas as pd

# df = pd.read_csv("data/churn.csv")
# X = df.drop(columns=["churn"])
# y = df["churn"]

# def main():
#     model = train(X, y)
#     print(evaluate(model, X, y))
#     model.save("model.pkl")

# if __name__ == "__main__":
#     main()

print("done")
"""


def test_fires_on_an_entry_script_whose_code_is_commented_out(make_repo, run_rule):
    result = run_rule("QUA011", make_repo({**README, "train.py": COMMENTED_OUT}))
    assert result.status is Status.FAILED
    [finding] = result.findings
    assert "9 lines of commented-out code and 2 live lines" in finding.message


def test_quiet_on_explanatory_comments_and_helper_modules(make_repo, run_rule):
    prose = "# Train the model.\n# TODO: tune the learning rate\n# See https://arxiv.org/abs/1\n"
    files = {
        **README,
        "train.py": prose * 5 + "def main():\n    print('training')\n",
        "notes.py": COMMENTED_OUT,  # not an entry script
    }
    assert run_rule("QUA011", make_repo(files)).status is Status.PASSED


def test_scores_the_share_of_entry_points(make_repo, run_rule):
    files = {
        **README,
        "train.py": "def train(cfg):\n    return cfg.fit()\n",
        "predict.py": "def predict(x):\n    raise NotImplementedError\n",
    }
    result = run_rule("QUA011", make_repo(files))
    assert result.score == pytest.approx(3 / 4)  # one stub of two functions, two scripts


def test_quiet_on_abstract_methods_click_groups_and_helpers(make_repo, run_rule):
    files = {
        **README,
        "base.py": "class Model:\n    def predict(self, x):\n        raise NotImplementedError\n",
        "cli.py": (
            "import click\n\n\n@click.group()\ndef cli():\n    pass\n\n\n"
            "@cli.command()\ndef train():\n    print('training')\n"
        ),
        "helpers.py": "def placeholder():\n    pass\n\n\ndef main():\n    print('ok')\n",
        "tests/test_x.py": "def run():\n    pass\n",
    }
    assert run_rule("QUA011", make_repo(files)).status is Status.PASSED


def test_not_applicable_without_entry_points(make_repo, run_rule):
    repo = make_repo({**README, "utils.py": "def add(a, b):\n    return a + b\n"})
    assert run_rule("QUA011", repo).status is Status.NOT_APPLICABLE
