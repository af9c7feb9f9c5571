"""Project kind detection (issue 12 item 1): primary, secondary, evidence, override, monorepo."""

from __future__ import annotations

import pytest

from portfolio_lint.core.config import ConfigError, parse_config
from portfolio_lint.core.kinds import ProjectKind
from portfolio_lint.facts.project_kind import project_kind
from portfolio_lint.facts.repo import Repo
from portfolio_lint.sources.memory import MemorySource
from tests.notebooks import notebook_json

TRAIN = (
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
    "rows = pd.read_csv('data/loans.csv')\nmodel = LogisticRegression()\n"
    "model.fit(rows[['income']], rows['default'])\n"
)
API = (
    "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()\n\n\n"
    "class Loan(BaseModel):\n    income: float\n\n\n@app.post('/predict')\n"
    "def predict(loan: Loan) -> dict:\n    return {'default': loan.income < 10}\n"
)
RAG = (
    "import os\n\nfrom openai import OpenAI\n\n"
    "client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])\n"
)
STUDY = notebook_json(
    "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier",
    "df = pd.read_csv('titanic.csv')\nRandomForestClassifier().fit(df[['age']], df['survived'])",
)


def kind_of(files: dict[str, str], config: dict[str, str] | None = None) -> ProjectKind:
    settings = parse_config(config or {}, "pyproject.toml [tool.portfolio-lint]")
    return project_kind(Repo(MemorySource(files), settings, None))


def test_notebooks_doing_the_work_make_a_study():
    found = kind_of({"eda.ipynb": STUDY, "model.ipynb": STUDY, "README.md": "# Titanic\n"})
    assert found.kind == "notebook-study"
    assert found.secondary == ()
    assert found.evidence == ("2 notebook(s), 0 Python module(s)",)


def test_a_training_script_is_a_pipeline_with_the_line_that_trains():
    found = kind_of({"train.py": TRAIN, "notebooks/eda.ipynb": STUDY})
    assert found.kind == "training-pipeline"
    assert found.evidence[0] == "trains a model in train.py:6"
    assert "notebook-study" in found.secondary


def test_a_fastapi_app_is_a_serving_app_and_training_is_secondary():
    found = kind_of({"api/main.py": API, "train.py": TRAIN})
    assert (found.kind, found.secondary) == ("serving-app", ("training-pipeline",))
    assert found.evidence[0] == "FastAPI app in api/main.py:1"


def test_an_llm_client_makes_an_llm_app_whose_ui_is_secondary():
    ui = "import streamlit as st\n\nfrom rag import client\n\nst.title('Ask the handbook')\n"
    found = kind_of({"rag.py": RAG, "app.py": ui})
    assert found.kind == "llm-app"
    assert found.secondary == ("serving-app",)
    assert found.evidence == ("OpenAI client in rag.py:3", "Streamlit app in app.py:1")


def test_a_gradio_demo_cell_in_a_study_does_not_make_it_an_app():
    demo = notebook_json("import gradio as gr\n\ngr.Interface(len, inputs='text', outputs='text')")
    found = kind_of({"study.ipynb": STUDY, "demo.ipynb": demo})
    assert found.kind == "notebook-study"


def test_a_packaged_module_without_training_is_a_library():
    pyproject = '[project]\nname = "tidyfeatures"\nversion = "0.1.0"\n'
    code = "import numpy as np\n\n\ndef scale(x):\n    return (x - np.mean(x)) / np.std(x)\n"
    found = kind_of({"pyproject.toml": pyproject, "src/tidyfeatures/__init__.py": code})
    assert found.kind == "library"
    assert found.evidence == ("package declared in pyproject.toml",)


def test_two_projects_side_by_side_make_a_monorepo_listing_each():
    files = {
        "churn/README.md": "# Churn\n",
        "churn/train.py": TRAIN,
        "chatbot/requirements.txt": "openai==1.30.0\n",
        "chatbot/bot.py": RAG,
    }
    found = kind_of(files)
    assert found.kind == "monorepo"
    assert found.projects == (("chatbot", "llm-app"), ("churn", "training-pipeline"))
    assert found.applies(("llm-app",)) and not found.applies(("serving-app",))


def test_the_config_overrides_the_kind_and_keeps_the_detection_as_secondary():
    found = kind_of({"api/main.py": API}, {"kind": "library"})
    assert (found.kind, found.overridden) == ("library", True)
    assert found.secondary == ("serving-app",)
    assert found.evidence[0] == "set by `kind` in pyproject.toml [tool.portfolio-lint]"


def test_an_unknown_kind_in_the_config_is_an_error_naming_the_kinds():
    with pytest.raises(ConfigError, match="`kind` must be one of notebook-study, training"):
        parse_config({"kind": "webapp"}, "pyproject.toml [tool.portfolio-lint]")


def test_nothing_to_go_on_is_other():
    assert kind_of({"README.md": "# Notes\n"}).kind == "other"


def test_a_serving_layer_over_many_training_modules_is_the_pipelines_front():
    files = {f"models/train_{name}.py": TRAIN for name in ("svm", "forest", "boost")}
    found = kind_of({**files, "api/main.py": API})
    assert (found.kind, found.secondary) == ("training-pipeline", ("serving-app",))
    assert kind_of({"train.py": TRAIN, "api/main.py": API}).kind == "serving-app"


def test_an_llm_call_in_a_project_that_trains_more_is_a_feature_of_it():
    explain = "from openai import OpenAI\n\nclient = OpenAI()\n"
    found = kind_of({"train.py": TRAIN, "explain.py": explain, "api/main.py": API})
    assert (found.kind, found.secondary) == ("serving-app", ("llm-app", "training-pipeline"))
    rag = {"rag/a.py": RAG, "rag/b.py": RAG}
    assert kind_of({"train.py": TRAIN, **rag}).kind == "llm-app"


def test_a_framework_import_alone_makes_a_pipeline_only_when_nothing_else_is_found():
    model = "import torch\n\n\nclass Net(torch.nn.Module):\n    pass\n"
    assert kind_of({"net.py": model}).evidence == ("torch used in net.py:1",)
    assert kind_of({"net.py": model, "app.py": RAG}).secondary == ()
