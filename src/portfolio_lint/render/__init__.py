"""Renderer registry: output format name → `render(report) -> str`, imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from portfolio_lint.core.model import Report

Renderer = Callable[[Report], str]

# Module per format; each module defines `render(report) -> str`. Add a format with one line.
FORMATS: dict[str, str] = {
    "text": "portfolio_lint.render.text",
    "json": "portfolio_lint.render.json",
    "markdown": "portfolio_lint.render.markdown",
    "html": "portfolio_lint.render.html",
    "sarif": "portfolio_lint.render.sarif",
    "github": "portfolio_lint.render.github",
    "gitlab": "portfolio_lint.render.gitlab",
    "junit": "portfolio_lint.render.junit",
    "badge": "portfolio_lint.render.badge",
}


def format_names() -> list[str]:
    """Every known output format, in registry order."""
    return list(FORMATS)


def renderer(name: str) -> Renderer:
    """The render function of format `name` (KeyError when unknown)."""
    module = importlib.import_module(FORMATS[name])
    function: Renderer = module.render
    return function
