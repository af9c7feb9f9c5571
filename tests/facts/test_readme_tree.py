"""Project-structure trees in a README, read as paths (issue 11, item 3)."""

from __future__ import annotations

from portfolio_lint.facts.readme import parse_readme
from portfolio_lint.facts.readme_tree import structure_blocks, tree_entries

TREE = """\
churn-radar/
├── configs/
│   └── base.yaml          # training settings
├── src/
│   ├── train.py
│   └── api/
│       └── main.py        <- FastAPI app
├── models/                # created by train.py
├── ...
└── README.md
"""


def entries(markdown: str) -> list[tuple[str, bool]]:
    doc = parse_readme("README.md", markdown)
    return [(e.path, e.is_dir) for b in structure_blocks(doc) for e in tree_entries(b)]


def test_box_drawn_tree() -> None:
    assert entries(f"# A\n\n```\n{TREE}```\n") == [
        ("churn-radar", True),
        ("churn-radar/configs", True),
        ("churn-radar/configs/base.yaml", False),
        ("churn-radar/src", True),
        ("churn-radar/src/train.py", False),
        ("churn-radar/src/api", True),
        ("churn-radar/src/api/main.py", False),
        ("churn-radar/models", True),
        ("churn-radar/README.md", False),
    ]


def test_ascii_and_indented_listings() -> None:
    ascii_tree = "```\n|-- app.py\n|-- utils/\n|   `-- io.py\n`-- requirements.txt\n```\n"
    assert entries(f"# A\n\n{ascii_tree}") == [
        ("app.py", False),
        ("utils", True),
        ("utils/io.py", False),
        ("requirements.txt", False),
    ]
    listing = "## Project structure\n\n```\nsrc/\n    train.py\n    predict.py\nMakefile\n```\n"
    assert entries(listing) == [
        ("src", True),
        ("src/train.py", False),
        ("src/predict.py", False),
        ("Makefile", False),
    ]


def test_not_trees() -> None:
    diagram = "```\n┌────────┐\n│ Client │──→ API\n└────────┘\n├── JSON\n```\n"
    shell = "## Project structure\n\n```bash\npip install -r requirements.txt\n```\n"
    words = "```\n├── Client\n│   └── Middleware\n└── Response\n```\n"
    unheaded = "## Usage\n\n```\nsrc/\n    train.py\n    predict.py\n```\n"
    for markdown in (diagram, shell, words, unheaded):
        assert entries(f"# A\n\n{markdown}") == []


def test_a_file_cannot_hold_entries() -> None:
    misdrawn = "```\n├── core/\n│   ├── model.py\n│   │   └── optimizers.py\n└── app.py\n```\n"
    assert ("core/optimizers.py", False) in entries(misdrawn)
