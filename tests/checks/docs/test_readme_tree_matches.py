"""Tests of DOC009 readme-tree-matches: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status

TREE = """\
```
churn-radar/
├── configs/
│   └── base.yaml          # training settings
├── data/
│   └── raw/train.csv      # from Kaggle
├── models/                # created by train.py
│   └── model.joblib
├── notebooks/
│   └── eda.ipynb
├── src/
│   ├── train.py
│   └── evaluate.py
├── .env                   # your keys
├── ...
└── README.md
```
"""
FILES = {
    "configs/base.yaml": "lr: 0.1\n",
    "notebooks/eda.ipynb": "{}",
    "src/train.py": "",
    "src/evaluate.py": "",
}


@pytest.mark.parametrize(
    ("readme", "files", "missing"),
    [
        (TREE, FILES, []),
        (TREE, {k: v for k, v in FILES.items() if k != "src/evaluate.py"}, ["src/evaluate.py"]),
        (
            TREE,
            {
                **{k: v for k, v in FILES.items() if not k.startswith("notebooks")},
                "nb/eda.ipynb": "",
            },
            ["notebooks/eda.ipynb", "notebooks"],
        ),
        # the tree's root is a folder of the repository: paths keep it
        (
            TREE.replace("churn-radar/", "app/"),
            {f"app/{k}": v for k, v in {**FILES, "README.md": ""}.items()},
            [],
        ),
        # letter case aside: the tree's readme.md is the README.md committed
        (
            "```\n├── src/\n│   └── train.py\n├── Makefile\n└── readme.md\n```\n",
            {"src/train.py": "", "Makefile": ""},
            [],
        ),
        (
            "## Project layout\n\n```\nsrc/\n    train.py\n    serve.py\nrequirements.txt\n```\n",
            {"src/train.py": "", "requirements.txt": ""},
            ["src/serve.py"],
        ),
    ],
)
def test_readme_tree_matches(make_repo, run_rule, readme, files, missing):
    result = run_rule("DOC009", make_repo({"README.md": "# Churn radar\n\n" + readme, **files}))
    assert sorted(f.key for f in result.findings) == sorted(missing)
    assert (result.status is Status.PASSED) is (not missing)


def test_gitignored_entries_are_not_required(make_repo, run_rule):
    tree = "```\n├── src/\n│   └── train.py\n├── secrets/\n│   └── keys.yaml\n└── setup.cfg\n```\n"
    files = {".gitignore": "secrets/\n", "src/train.py": "", "setup.cfg": ""}
    result = run_rule("DOC009", make_repo({"README.md": "# A\n\n" + tree, **files}))
    assert result.status is Status.PASSED


@pytest.mark.parametrize(
    "readme",
    [
        "No tree here.\n",
        "```\n┌──────┐\n│ API  │──→ model.pkl\n└──────┘\n```\n",
        "```bash\npip install -r requirements.txt\n```\n",
        "```\n├── app.py\n```\n",  # too short to judge
    ],
)
def test_no_tree_is_not_applicable(make_repo, run_rule, readme):
    result = run_rule("DOC009", make_repo({"README.md": "# A\n\n" + readme}))
    assert result.status is Status.NOT_APPLICABLE
