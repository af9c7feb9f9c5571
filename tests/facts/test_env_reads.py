"""The environment variables the code reads: os.getenv, os.environ, pydantic settings."""

from __future__ import annotations

import json

from portfolio_lint.facts.env_reads import environment_variables, settings_fields


def test_getenv_environ_and_environ_get_are_found_with_the_first_file(memory_repo):
    repo = memory_repo(
        {
            "app.py": 'import os\nKEY = os.environ["OPENAI_API_KEY"]\n'
            'MODEL = os.getenv("MODEL_NAME", "gpt")\nos.environ.get("DB_URL")\n',
            "train.py": 'from os import environ\nenviron.setdefault("MODEL_NAME", "x")\n',
        }
    )

    assert environment_variables(repo) == (
        ("DB_URL", "app.py"),
        ("MODEL_NAME", "app.py"),
        ("OPENAI_API_KEY", "app.py"),
    )


def test_system_variables_and_writes_are_not_listed(memory_repo):
    repo = memory_repo(
        {
            "run.py": 'import os\nhome = os.environ["HOME"]\n'
            'os.environ["TOKENIZERS_PARALLELISM"] = "false"\n'
        }
    )

    assert environment_variables(repo) == ()


def test_a_notebook_read_is_found_through_its_json(memory_repo):
    source = 'import os\nkey = os.getenv("HF_TOKEN")\n'
    cell = {"cell_type": "code", "source": source, "metadata": {}, "outputs": []}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

    repo = memory_repo({"eda.ipynb": json.dumps(notebook)})

    assert environment_variables(repo) == (("HF_TOKEN", "eda.ipynb"),)


def test_pydantic_settings_fields_are_read_upper_cased_with_the_prefix():
    text = (
        "from pydantic_settings import BaseSettings\n\n"
        "class Settings(BaseSettings):\n"
        '    model_config = SettingsConfigDict(env_prefix="APP_")\n'
        "    api_key: str\n"
        "    timeout: int = 10\n\n"
        "settings = Settings()\n"
    )

    assert settings_fields(text) == ["APP_API_KEY", "APP_TIMEOUT"]
