"""The DOC rules read the sub-project READMEs a monorepo's root README links to (issue 11, 4)."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from portfolio_lint.facts.linked_docs import linked_readmes

ROOT = (
    "# Applied ML projects\n\nFour projects from my master's year, one folder each.\n\n"
    "- [Churn prediction](churn/)\n- [Ask the handbook](rag-handbook/README.md)\n"
)
CHURN = """\
# Churn prediction

Predicts which subscribers of a mobile operator will cancel next month, so the retention
team can call them first.

## Setup

```bash
pip install -r requirements.txt
python train.py --config configs/base.yaml
```

## Results

| model | ROC AUC |
|---|---|
| logistic regression | 0.78 |
| gradient boosting | 0.86 |
"""
RAG = """\
# Ask the handbook

## Architecture

```mermaid
graph LR; upload --> chunks --> embeddings --> chroma --> llm
```

Copy `.env.example` to `.env` and set OPENAI_API_KEY.
"""
APP = 'import os\nKEY = os.environ["OPENAI_API_KEY"]\n'
MONOREPO = {
    "README.md": ROOT,
    "churn/README.md": CHURN,
    "churn/train.py": "print('train')\n",
    "churn/requirements.txt": "pandas==2.2.2\n",
    "rag-handbook/README.md": RAG,
    "rag-handbook/app.py": APP,
}


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("DOC002", "churn/README.md:9"),
        ("DOC003", "churn/README.md:10"),
        ("DOC004", "churn/README.md line 3"),
        ("DOC005", "churn/README.md:"),
        ("DOC006", "rag-handbook/README.md:5: mermaid diagram"),
        ("DOC007", "rag-handbook/README.md mentions OPENAI_API_KEY"),
    ],
)
def test_a_rule_passes_on_a_linked_sub_readme_and_names_it(make_repo, run_rule, code, names):
    result = run_rule(code, make_repo(MONOREPO))
    assert result.status is Status.PASSED
    assert names in (result.summary or "")


@pytest.mark.parametrize("code", ["DOC002", "DOC003", "DOC004", "DOC005", "DOC006", "DOC007"])
def test_an_unlinked_sub_readme_does_not_count(make_repo, run_rule, code):
    files = {**MONOREPO, "README.md": "# Applied ML projects\n\nMy projects.\n"}
    assert run_rule(code, make_repo(files)).status is Status.FAILED


def test_only_readmes_inside_the_repository_are_followed(make_repo):
    repo = make_repo(
        {
            "README.md": "[a](a/) [b](b/notes.md) [c](../c/README.md) [d](d/)"
            " [a again](a/README.md) [web](https://example.org/README.md) ![pic](e/README.md)\n",
            "a/README.md": "# A\n",
            "b/notes.md": "# not a README\n",
            "d/main.py": "print()\n",  # a folder without a README
            "e/README.md": "# E\n",
        }
    )
    assert [doc.path for doc in linked_readmes(repo)] == ["a/README.md"]


def test_at_most_thirty_sub_readmes_are_read(make_repo):
    files = {"README.md": " ".join(f"[p{i}](p{i}/)" for i in range(40)) + "\n"}
    files |= {f"p{i}/README.md": f"# P{i}\n" for i in range(40)}
    assert len(linked_readmes(make_repo(files))) == 30
