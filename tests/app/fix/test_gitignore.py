"""`.gitignore` entries: appended, never reordered; data folders the repository has."""

from __future__ import annotations

from portfolio_lint.app.fix import gitignore
from tests.app.fix.conftest import only

CODE = {"train.py": "import pandas as pd\n"}


def test_a_new_gitignore_holds_python_caches_virtualenvs_and_env(fix_context):
    change = only(gitignore.propose(fix_context(CODE)))

    assert change.creates and change.path == ".gitignore"
    lines = change.text.splitlines()
    for pattern in ("__pycache__/", "*.py[cod]", ".venv/", "venv/", ".env"):
        assert pattern in lines
    assert ".ipynb_checkpoints/" not in lines  # no notebooks
    assert ".pytest_cache/" not in lines  # no tests
    assert ".DS_Store" not in lines  # no macOS junk here


def test_one_virtualenv_name_ignored_is_the_authors_choice_and_junk_present_is_ignored(
    fix_context,
):
    context = fix_context({**CODE, ".gitignore": ".venv/\n", "docs/.DS_Store": b"\0"})

    added = only(gitignore.propose(context)).text.splitlines()

    assert "venv/" not in added and ".DS_Store" in added


def test_notebooks_tests_and_data_folders_add_their_entries(fix_context):
    files = {
        **CODE,
        "eda.ipynb": '{"cells": [], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
        "tests/test_train.py": "def test_x():\n    assert True\n",
        "data/raw/houses.csv": "a,b\n1,2\n",
        "models/model.pkl": b"\x80\x04",
        "src/data/make_dataset.py": "def load():\n    pass\n",  # code, not data
    }
    lines = only(gitignore.propose(fix_context(files))).text.splitlines()

    assert ".ipynb_checkpoints/" in lines
    assert {".pytest_cache/", ".coverage", "htmlcov/"} <= set(lines)
    assert "data/" in lines and "models/" in lines
    assert "src/data/" not in lines


def test_an_existing_gitignore_is_kept_whole_and_only_missing_entries_appended(fix_context):
    before = "# mine\n*.pyc\n__pycache__/\n.env"  # no final newline
    context = fix_context({**CODE, ".gitignore": before})

    change = only(gitignore.propose(context))

    assert change.before == before
    assert change.after.startswith(before + "\n")
    added = change.text.splitlines()
    assert "__pycache__/" not in added and ".env" not in added and "*.py[cod]" not in added
    assert ".venv/" in added


def test_nothing_is_proposed_once_every_entry_is_there(fix_context):
    first = only(gitignore.propose(fix_context(CODE)))

    assert gitignore.propose(fix_context({**CODE, ".gitignore": first.after})) == []


def test_committed_files_the_new_entries_match_are_named_with_the_way_to_untrack_them(
    fix_context,
):
    context = fix_context({**CODE, ".env": "OPENAI_API_KEY=sk-x\n", ".DS_Store": b"\0\0"})

    only(gitignore.propose(context))

    (note,) = context.notes
    assert "2 committed file(s)" in note and "git rm --cached .DS_Store .env" in note
    assert "revoke every key" in note
