"""Notebook hygiene with --notebooks: error and huge outputs cleared, layout kept; paths only
suggested."""

from __future__ import annotations

import json

from portfolio_lint.app.fix import notebooks
from tests.app.fix.conftest import only


def _notebook(*cells: dict) -> str:
    data = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _code(source: str, *outputs: dict) -> dict:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": list(outputs),
        "source": [source],
    }


STREAM = {"name": "stdout", "output_type": "stream", "text": ["ok\n"]}
ERROR = {"ename": "NameError", "evalue": "x", "output_type": "error", "traceback": ["boom"]}
HUGE = {"name": "stdout", "output_type": "stream", "text": ["x" * 600_000]}
BROKEN = _notebook(
    _code("print('ok')", STREAM),
    _code("x + 1", STREAM, ERROR),
    _code("print(big)", HUGE),
    _code("df = pd.read_csv('/content/drive/MyDrive/data/train.csv')"),
)


def test_nothing_without_the_flag(fix_context):
    assert notebooks.propose(fix_context({"eda.ipynb": BROKEN})) == []


def test_error_outputs_go_huge_outputs_go_the_rest_stays_in_the_same_layout(fix_context):
    context = fix_context({"eda.ipynb": BROKEN}, notebooks=True)

    change = only(notebooks.propose(context))

    assert change.rewrite and change.before == BROKEN
    cells = json.loads(change.after)["cells"]
    assert cells[0]["outputs"] == [STREAM]
    assert cells[1]["outputs"] == [STREAM]
    assert cells[2]["outputs"] == []
    expected = json.loads(BROKEN)
    expected["cells"][1]["outputs"] = [STREAM]
    expected["cells"][2]["outputs"] = []
    assert change.after == json.dumps(expected, indent=1, ensure_ascii=False) + "\n"


def test_absolute_paths_are_suggested_as_a_diff_never_rewritten(fix_context):
    context = fix_context({"eda.ipynb": BROKEN}, notebooks=True)

    change = only(notebooks.propose(context))

    assert "/content/drive/MyDrive/data/train.csv" in change.after
    suggestion = only_text(context.suggestions)
    assert suggestion.startswith("--- a/eda.ipynb\n+++ b/eda.ipynb\n")
    assert "-    \"df = pd.read_csv('/content/drive/MyDrive/data/train.csv')\"" in suggestion
    assert "+    \"df = pd.read_csv('data/train.csv')\"" in suggestion


def test_script_paths_are_replaced_as_whole_literals_longest_first(fix_context):
    script = (
        "import pandas as pd\n"
        'ROOT = "/Users/ada/data"\n'
        'df = pd.read_csv("/Users/ada/data/train.csv")\n'
        'print("saved to /Users/ada/data/out.csv too")\n'
    )
    context = fix_context({"train.py": script}, notebooks=True)

    assert notebooks.propose(context) == []
    suggestion = only_text(context.suggestions)
    assert '+ROOT = "data/"' in suggestion
    assert '+df = pd.read_csv("data/train.csv")' in suggestion
    assert '-print("saved to' not in suggestion  # part of a longer string: left to the author


def only_text(items: list[str]) -> str:
    assert len(items) == 1, items
    return items[0]


def test_a_layout_it_cannot_reproduce_is_not_rewritten(fix_context):
    odd = BROKEN.replace('"cells": [', '"cells":    [', 1)
    context = fix_context({"eda.ipynb": odd}, notebooks=True)

    assert notebooks.propose(context) == []
    assert any("layout not reproducible" in note for note in context.notes)


def test_relative_path_keeps_the_folder_kind_and_file_name():
    assert notebooks.relative_path("/Users/ada/models/xgb.pkl") == "models/xgb.pkl"
    assert notebooks.relative_path("C:\\Users\\ada\\Desktop\\sub.csv") == "data/sub.csv"
    assert notebooks.relative_path("/kaggle/input") == "data/"


def test_a_notebook_of_several_megabytes_of_output_is_cleaned_too(fix_context):
    big = {"name": "stdout", "output_type": "stream", "text": ["y" * 3_000_000]}
    heavy = _notebook(_code("print('ok')", STREAM), _code("print(big)", big))
    context = fix_context({"heavy.ipynb": heavy, "eda.ipynb": BROKEN}, notebooks=True)

    changes = notebooks.propose(context)

    assert [c.path for c in changes] == ["eda.ipynb", "heavy.ipynb"]
    assert len(changes[1].after) < 2_000
