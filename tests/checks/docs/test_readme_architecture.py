"""Tests of DOC006 readme-architecture: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.docs.conftest import INTRO

PNG = b"\x89PNG\r\n\x1a\n\0"

ARROWS = (
    "## Architecture\n\n```\nPDF upload -> chunking -> embeddings -> FAISS -> LLM answer\n```\n"
)
BOXES = (
    "## Machine learning pipeline\n\n```\nraw CSV\n   │\n   ▼\nclean.py\n   │\n   ▼\n"
    "train.py\n   │\n   ▼\nmodel.joblib\n```\n"
)
STAGES = (
    "## How it works\n\n"
    "1. The uploader splits each PDF into chunks of 500 tokens.\n"
    "2. An embedding model turns every chunk into a vector.\n"
    "3. The retriever finds the closest chunks for a question.\n"
    "4. The LLM writes the answer from those chunks.\n"
)
SENTENCES = (
    "### System design\n\n"
    "The Streamlit UI sends each question to the FastAPI backend. The backend queries the"
    " Chroma vector store and returns the answer with its sources.\n"
)
STAGE_TABLE = (
    "## Notebook pipeline\n\n| Step | Notebook | What it does |\n|---|---|---|\n"
    "| 1 | `cleaning.ipynb` | fills missing values |\n"
    "| 2 | `features.ipynb` | encodes categories |\n"
    "| 3 | `modeling.ipynb` | trains and compares models |\n"
)
RUSSIAN = "## Архитектура\n\nзагрузка → признаки → обучение → API\n"


@pytest.mark.parametrize(
    ("readme", "extra", "evidence"),
    [
        (ARROWS, {}, "README.md:3: section 'Architecture': 4 arrows from line 5"),
        (BOXES, {}, "section 'Machine learning pipeline': 3 arrows"),
        (STAGES, {}, "section 'How it works': 4 numbered stages from line 5"),
        (SENTENCES, {}, "section 'System design': 2 sentences"),
        (STAGE_TABLE, {}, "3 numbered stages"),
        (RUSSIAN, {}, "section 'Архитектура': 3 arrows"),
        ("```mermaid\ngraph LR; A-->B\n```\n", {}, "README.md:3: mermaid diagram"),
        ("![](assets/system_diagram.png)\n", {"assets/system_diagram.png": PNG}, "diagram image"),
        ("![Architecture](https://example.org/a.png)\n", {}, "diagram image https://example.org"),
        ("See [the design](docs/system.drawio).\n", {"docs/system.drawio": "<mxfile/>"}, "drawio"),
        ("## Architecture\n\n![](img/1.png)\n", {"img/1.png": PNG}, "diagram image img/1.png"),
        ("Intro only.\n", {"docs/architecture.md": "# Architecture\n\n" + ARROWS}, "docs/arch"),
        ("Intro only.\n", {"docs/diagrams/flow.puml": "@startuml\n@enduml\n"}, "diagram file"),
    ],
)
def test_a_diagram_or_a_flow_passes_and_says_where(make_repo, run_rule, readme, extra, evidence):
    result = run_rule("DOC006", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert result.status is Status.PASSED
    assert evidence in (result.summary or "")


@pytest.mark.parametrize(
    ("readme", "extra"),
    [
        ("## Usage\n\nRun it.\n", {}),
        ("## Workflow\n\n```bash\ngit clone https://x.org/churn\npip install -r r.txt\n```\n", {}),
        ("## Workflow\n\n1. Clone the repo\n2. Install the packages\n3. Run `python app.py`\n", {}),
        ("## Architecture\n\nThe project uses a clean, modular architecture.\n", {}),
        ("## Pipeline\n\nIngest, train, serve.\n", {}),
        ("## Architecture\n\n```python\ndef predict(x) -> float:\n    return x -> 1\n```\n", {}),
        ("![demo](assets/screenshot.png)\n", {"assets/screenshot.png": PNG}),
        ("![architecture](assets/arch.png)\n", {}),  # the image is not in the repository
        ("![CI](https://github.com/me/x/actions/workflows/ci.yml/badge.svg)\n", {}),
        ("![license](https://img.shields.io/badge/license-research-grey)\n", {}),
        ("Intro only.\n", {"docs/architecture.md": "# Architecture\n\nTo be written.\n"}),
        ("Intro only.\n", {"docs/ui/DESIGN.md": "# Colours\n\nUse blue buttons.\n"}),
    ],
)
def test_a_heading_alone_or_a_badge_does_not_pass(make_repo, run_rule, readme, extra):
    result = run_rule("DOC006", make_repo({"README.md": "# Demo\n\n" + readme, **extra}))
    assert result.status is Status.FAILED


@pytest.mark.parametrize(
    ("files", "passed"),
    [
        ({"README.md": "# Sentiment Analysis Pipeline\n\n" + INTRO}, False),
        ({"README.rst": "Data pipeline\n=============\n\n" + INTRO}, False),
        ({"README.md": "# Churn\n\n" + INTRO + "\n# Pipeline\n\n" + ARROWS}, True),
    ],
)
def test_readme_title_is_not_an_architecture_section(make_repo, run_rule, files, passed):
    assert (run_rule("DOC006", make_repo(files)).status is Status.PASSED) is passed
