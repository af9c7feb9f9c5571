"""Tests of DAT004 data-obtainable: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.notebooks import notebook_json

READS = 'import pandas as pd\n\ndf = pd.read_csv("data/train.csv")\n'
IGNORED = {".gitignore": "data/*.csv\n"}


def notebook(*cells: tuple[str, str]) -> str:
    """A notebook of (kind, source) cells."""
    return notebook_json(*cells)


@pytest.mark.parametrize(
    "files",
    [
        {"README.md": "# Churn\n\nData: https://www.kaggle.com/datasets/blastchar/telco-churn\n"},
        {"README.md": "# T\n\n```bash\nkaggle competitions download -c titanic -p data\n```\n"},
        {"README.md": "# T\n\nGet it from [the dataset page](https://archive.ics.uci.edu/x).\n"},
        {"scripts/get_data.sh": "mkdir -p data\n"},
        {"download_data.py": "import os\n"},
        {"Makefile": "data:\n\tpython -m src.fetch\n"},
        {"data/train.csv.dvc": "outs:\n- md5: abc\n  path: train.csv\n"},
        {"src/fetch.py": "import urllib.request\nurllib.request.urlretrieve(URL, 'data/x.zip')\n"},
        {"prep.py": 'from datasets import load_dataset\nds = load_dataset("imdb")\n'},
        {"prep.py": 'ds = load_dataset("stanfordnlp/sst2", split="train")\n'},
        {"prep.py": "from sklearn.datasets import fetch_openml\nX = fetch_openml('mnist_784')\n"},
        {"prep.py": "ds = datasets.MNIST(root='data', train=True, download=True)\n"},
        {"setup.sh": "wget https://host.org/files/reviews.tar.gz -P data/\n"},
        {"data/README.md": "The dataset was downloaded from the city's open data portal.\n"},
        {"eda.ipynb": notebook(("markdown", "Data from kaggle.com/datasets/uciml/iris"))},
    ],
)
def test_data_source_passes(make_repo, run_rule, files):
    repo = make_repo({"train.py": READS, **IGNORED, "README.md": "# P\n", **files})
    result = run_rule("DAT004", repo)
    assert result.status is Status.PASSED, result.summary


def test_small_data_committed_on_purpose_passes(make_repo, run_rule):
    files = {"README.md": "# Iris\n", "train.py": READS, "data/train.csv": "a,b\n1,2\n"}
    result = run_rule("DAT004", make_repo(files))
    assert result.status is Status.PASSED and "on purpose" in (result.summary or "")


@pytest.mark.parametrize(
    "files",
    [
        {"train.py": READS},
        {"eda.ipynb": notebook(("code", "df = pd.read_parquet('data/sales.parquet')"))},
        {"train.py": "ds = ImageFolder('data/images', transform=t)\n"},
        # a link to a library's site and a health check are not data sources
        {"train.py": READS, "README.md": "# P\n\nBuilt on [pandas](https://pandas.pydata.org).\n"},
        {"train.py": READS, "run.sh": "curl -fsS http://localhost:8000/health\n"},
        {"train.py": READS, "README.md": "# P\n\nInstall uv: `curl -LsSf https://astral.sh/uv`\n"},
        {"train.py": READS, "get_token.py": "TOKEN = 1\n"},
    ],
)
def test_data_without_a_source_fails(make_repo, run_rule, files):
    repo = make_repo({"README.md": "# P\n", **IGNORED, **files})
    result = run_rule("DAT004", repo)
    assert result.status is Status.FAILED
    assert "where it comes from" in result.findings[0].message


def test_finding_points_at_the_read(make_repo, run_rule):
    result = run_rule("DAT004", make_repo({"README.md": "# P\n", "train.py": READS}))
    [finding] = result.findings
    assert (finding.location.path, finding.location.line) == ("train.py", 3)


def test_dataset_named_without_a_link_is_partial(make_repo, run_rule):
    readme = "# Churn\n\n## Dataset\n\nThe Telco Customer Churn dataset from IBM samples.\n"
    result = run_rule("DAT004", make_repo({"README.md": readme, "train.py": READS}))
    assert result.status is Status.PARTIAL and result.score == pytest.approx(0.5)


@pytest.mark.parametrize(
    "files",
    [
        {"app.py": "import streamlit as st\nst.title('Chat with your PDF')\n"},
        {"data/.gitkeep": "", "app.py": "docs = PyPDFLoader(path).load()\n"},  # user's uploads
        {"app.py": "df = pd.read_csv(uploaded_file)\n"},
        {"api.py": "df = pd.read_csv(io.StringIO(body.decode()))\n"},
        {"tests/test_io.py": "def test_x():\n    pd.read_csv('tests/fixtures/a.csv')\n"},
    ],
)
def test_no_data_is_not_applicable(make_repo, run_rule, files):
    result = run_rule("DAT004", make_repo({"README.md": "# P\n", **files}))
    assert result.status is Status.NOT_APPLICABLE
