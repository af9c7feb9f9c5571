"""Notebook parsing: cell facts, segments mapped to raw lines and cells, malformed input."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from portfolio_lint.scanners.notebooks import parse_notebook


def code(
    source: Any, *, count: int | None = None, outputs: list[Any] | None = None
) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": outputs or [],
        "source": source,
    }


def markdown(source: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def notebook(*cells: dict[str, Any]) -> dict[str, Any]:
    return {
        "cells": list(cells),
        "metadata": {"kernelspec": {"language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def jupyter(nb: dict[str, Any]) -> str:
    """Serialise like Jupyter does: indent=1, sorted keys, non-ASCII kept."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def raw_line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if needle in line)


STREAM = {
    "name": "stdout",
    "output_type": "stream",
    "text": ["epoch 1\n", "saved /home/ann/m.pt\n"],
}
ERROR = {
    "output_type": "error",
    "ename": "KeyError",
    "evalue": "'label'",
    "traceback": ["\x1b[0;31mKeyError\x1b[0m   Traceback\nin <module>", "KeyError: 'label'"],
}


def test_cells_facts_from_jupyter_json() -> None:
    nb = notebook(
        markdown(["# Title\n"]),
        code(["import os\n", "x = 1"], count=2, outputs=[STREAM]),
        code("y = 2", count=None, outputs=[ERROR]),
    )
    facts, _ = parse_notebook(jupyter(nb))
    assert facts.error is None
    assert [(c.index, c.cell_type, c.execution_count) for c in facts.cells] == [
        (1, "markdown", None),  # numbered from 1, as Jupyter shows cells
        (2, "code", 2),
        (3, "code", None),
    ]
    assert [c.has_error_output for c in facts.cells] == [False, False, True]
    assert [c.source_lines for c in facts.cells] == [1, 2, 1]
    assert facts.cells[0].output_bytes == 0 and facts.cells[1].output_bytes > 0


@pytest.mark.parametrize("sort_keys", [True, False])
def test_source_lines_map_to_raw_lines_and_cells(sort_keys: bool) -> None:
    elements = ["import pandas as pd\n", "df = pd.read_csv('/Users/ann/d.csv')\n", "df"]
    nb = notebook(markdown(["intro\n"]), code(elements), code(["é = 'ünïcode'\n", "z = 3\n"]))
    text = json.dumps(nb, indent=1, sort_keys=sort_keys, ensure_ascii=False)
    _, segments = parse_notebook(text)
    sources = [s for s in segments if s.kind == "source"]
    assert [(s.cell, s.cell_type) for s in sources] == [(1, "markdown"), (2, "code"), (3, "code")]
    for number, element in enumerate(elements, start=1):
        assert sources[1].raw_line(number) == raw_line_of(text, json.dumps(element))
    assert sources[2].raw_line(2) == raw_line_of(text, '"z = 3')


def test_ascii_escaped_notebook_maps_lines() -> None:
    text = json.dumps(notebook(code(["a = 'ü'\n", "b = '/home/x/y'\n"])), indent=1)
    _, segments = parse_notebook(text)
    assert segments[0].raw_line(2) == raw_line_of(text, "/home/x/y")


def test_single_string_source_maps_every_line_to_its_string() -> None:
    text = jupyter(notebook(code("a = 1\nb = '/Users/x/y'\nc = 3")))
    _, segments = parse_notebook(text)
    expected = raw_line_of(text, '"source": "a = 1')
    assert segments[0].line_map == (expected, expected, expected)


def test_compact_single_line_notebook_maps_to_line_one() -> None:
    text = json.dumps(notebook(code(["a\n", "b\n"], outputs=[STREAM])))
    facts, segments = parse_notebook(text)
    assert facts.error is None
    assert {line for s in segments for line in s.line_map} == {1}


def test_outputs_are_segments_with_lines_ansi_stripped() -> None:
    text = jupyter(notebook(code(["x\n"], count=1, outputs=[STREAM, ERROR])))
    _, segments = parse_notebook(text)
    outputs = [s for s in segments if s.kind == "output"]
    stream = next(s for s in outputs if "epoch" in s.text)
    assert stream.raw_line(2) == raw_line_of(text, "saved /home/ann")
    traceback = next(s for s in outputs if "Traceback" in s.text)
    assert "\x1b" not in traceback.text
    assert traceback.raw_line(1) == traceback.raw_line(2) == raw_line_of(text, "Traceback")
    assert any(s.text == "KeyError: 'label'" for s in outputs)
    assert {s.cell for s in outputs} == {1}


def test_image_payload_skipped_but_counted() -> None:
    payload = base64.b64encode(b"\x89PNG" + bytes(range(256)) * 8000).decode()
    figure = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": payload, "text/plain": ["<Figure size 640x480>"]},
    }
    nb = notebook(code(["plot()\n"], count=1, outputs=[figure]))
    facts, segments = parse_notebook(jupyter(nb))
    assert facts.cells[0].output_bytes > len(payload)
    texts = [s.text for s in segments if s.kind == "output"]
    assert texts == ["<Figure size 640x480>"]


def test_nbformat3_worksheets_and_prompt_numbers() -> None:
    nb = {
        "nbformat": 3,
        "metadata": {"language": "python"},
        "worksheets": [
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "input": ["p = '/home/u/x'\n"],
                        "prompt_number": 4,
                        "outputs": [
                            {
                                "output_type": "pyerr",
                                "ename": "E",
                                "evalue": "v",
                                "traceback": ["tb"],
                            }
                        ],
                    },
                ]
            }
        ],
    }
    text = json.dumps(nb, indent=1)
    facts, segments = parse_notebook(text)
    assert facts.cells[0].execution_count == 4 and facts.cells[0].has_error_output
    assert segments[0].raw_line(1) == raw_line_of(text, "/home/u/x")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"cells": [{"cell_type": "code", "source": ["x', "invalid JSON"),  # truncated
        ('{\n<<<<<<< HEAD\n "cells": []\n=======\n "cells": [1]\n>>>>>>> b\n}', "conflict"),
        ("[" * 100_000 + "]" * 100_000, "nested"),
        ('{"cells": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested"),
        ('{"cells": "not a list"}', "not a Jupyter notebook"),
        ('{"metadata": {}}', "not a Jupyter notebook"),
        ("[1, 2, 3]", "not a Jupyter notebook"),
        ('{"cells": [42]}', "not a JSON object"),
        ('{"cells": []} trailing', "invalid JSON"),
        ('{"cells": [],}', "invalid JSON"),
        ("", "invalid JSON"),
    ],
)
def test_malformed_notebooks_are_errors_not_crashes(text: str, fragment: str) -> None:
    facts, segments = parse_notebook(text)
    assert facts.error is not None and fragment in facts.error
    assert segments == []


def test_error_line_points_at_the_break() -> None:
    text = '{\n "cells": [\n  {"source": [}\n ]\n}'
    facts, _ = parse_notebook(text)
    assert facts.error_line == 3


@pytest.mark.parametrize(
    "cell",
    [
        {"cell_type": "code", "source": 5, "execution_count": "3", "outputs": "x"},
        {"cell_type": 7, "source": [1, None, "ok\n"], "outputs": [None, 3]},
        {"source": ["a\n"], "execution_count": True},
    ],
)
def test_wrong_types_inside_cells_are_tolerated(cell: dict[str, Any]) -> None:
    facts, _ = parse_notebook(json.dumps({"cells": [cell], "nbformat": 4}))
    assert facts.error is None
    assert facts.cells[0].execution_count is None


@pytest.mark.parametrize(
    "layout",
    [
        '{"cells": [{"cell_type": "code", "source": [\n"a = 1\\n", "b = 2\\n",\n\n"c = 3"\n]}]}',
        '{"cells": [{"cell_type": "code", "source": ["a = 1\\n",\n"b = 2\\n",\n"c = 3"]}]}',
        '{"cells": [{"cell_type": "code",\n "source": ["a = 1\\n", 7, "c = 3"]\n}]}',
    ],
)
def test_unusual_source_layouts_still_map_each_line(layout: str) -> None:
    facts, segments = parse_notebook(layout)
    assert facts.error is None
    source = segments[0]
    lines = [source.raw_line(n) for n in range(1, len(source.text.split("\n")) + 1)]
    texts = layout.split("\n")
    for number, line in zip(lines, source.text.split("\n"), strict=True):
        assert line in texts[number - 1]
