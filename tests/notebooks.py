"""Notebook documents for tests: one builder instead of a copy per test module."""

from __future__ import annotations

import json
from typing import Any

Cell = str | tuple[str, str] | dict[str, Any]


def cell(kind: str, source: str, **extra: Any) -> dict[str, Any]:
    """One cell (`code`, `markdown` or `raw`); code cells get empty outputs unless given."""
    made: dict[str, Any] = {
        "cell_type": kind,
        "metadata": {},
        "source": source.splitlines(keepends=True),
    }
    if kind == "code":
        made |= {"execution_count": None, "outputs": []}
    return made | extra


def notebook_json(*cells: Cell, indent: int | None = 1) -> str:
    """An nbformat 4 document: a str is a code cell, (kind, source) any cell, a dict as given."""
    built = [
        cell("code", item)
        if isinstance(item, str)
        else cell(*item)
        if isinstance(item, tuple)
        else item
        for item in cells
    ]
    document = {"cells": built, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=indent)
